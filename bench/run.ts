/**
 * `npm run bench [name...]`: runs every bench/<name>.bench.ts (or those named), prints each table
 * and writes them all to docs/benchmarks.md with the machine, Node version and date, so the figures
 * in the repository are the ones this command printed. A benchmark is a module whose default export
 * is an async function returning a BenchSection (see support/section.ts).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, type Benchmark, type BenchSection } from './support/section';
import { PROJECT_ROOT } from './support/paths';

const SUFFIX = '.bench.js';

async function main(): Promise<void> {
  // The bot's per-turn logs would drown the tables (set before any module with a logger loads).
  process.env.LOG_LEVEL ??= 'warn';
  const available = readdirSync(__dirname).filter((file) => file.endsWith(SUFFIX)).map((file) => file.slice(0, -SUFFIX.length)).sort();
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !available.includes(name));
  if (unknown.length > 0) throw new Error(`no benchmark called ${unknown.join(', ')} (there are: ${available.join(', ')})`);
  const names = asked.length > 0 ? asked : available;
  const started = new Date();
  const sections: BenchSection[] = [];
  for (const name of names) {
    console.log(`\n== ${name}`);
    const loaded = (await import(path.join(__dirname, `${name}${SUFFIX}`))) as { default: Benchmark | { default: Benchmark } };
    // Compiled to CommonJS, a dynamic import wraps the module's exports in another default.
    const run = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;
    const before = Date.now();
    const section = await run({ log: (line) => console.log(line) });
    section.notes = [...(section.notes ?? []), `Took ${((Date.now() - before) / 1000).toFixed(0)} s.`];
    console.log(`\n${section.title}\n`);
    console.table(section.rows);
    for (const note of section.notes) console.log(`- ${note}`);
    sections.push(section);
  }
  const report = path.join(PROJECT_ROOT, 'docs', 'benchmarks.md');
  writeFileSync(report, render(sections, started));
  console.log(`\nWrote ${path.relative(PROJECT_ROOT, report)}`);
}

function render(sections: BenchSection[], started: Date): string {
  const cpus = os.cpus();
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (see [bench/](../bench)); the figures are the ones the command printed in this run.',
    '',
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}`,
    `- Date: ${started.toISOString()}`,
    '',
    ...sections.flatMap((section) => [`## ${section.title}`, '', markdownTable(section.rows), '', ...(section.notes ?? []).map((note) => `- ${note}`), '']),
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
