/**
 * `npm run bench [name...]`: runs every bench/<name>.bench.ts (or those named), prints each table
 * and writes them all to docs/benchmarks.md with the machine, Node version and date, so the figures
 * in the repository are the ones this command printed. A benchmark is a module whose default export
 * is an async function returning a BenchSection (see support/section.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './support/paths';
import { markdownTable, type Benchmark, type BenchSection } from './support/section';

const SUFFIX = '.bench.js';

async function main(): Promise<void> {
  // The bot's per-turn logs would drown the tables (set before any module with a logger loads).
  process.env.LOG_LEVEL ??= 'warn';
  const available = readdirSync(__dirname)
    .filter((file) => file.endsWith(SUFFIX))
    .map((file) => file.slice(0, -SUFFIX.length))
    .sort();
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !available.includes(name));
  if (unknown.length > 0)
    throw new Error(`no benchmark called ${unknown.join(', ')} (there are: ${available.join(', ')})`);
  const names = asked.length > 0 ? asked : available;
  const sections: BenchSection[] = [];
  for (const name of names) {
    console.log(`\n== ${name}`);
    const loaded = (await import(path.join(__dirname, `${name}${SUFFIX}`))) as {
      default: Benchmark | { default: Benchmark };
    };
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
  // Running some benchmarks keeps the others' sections (each says when and where it was measured).
  const kept = existsSync(report) ? keptSections(readFileSync(report, 'utf8'), sections) : [];
  writeFileSync(report, render(sections, kept));
  console.log(`\nWrote ${path.relative(PROJECT_ROOT, report)}`);
}

function render(sections: BenchSection[], kept: string[]): string {
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (see [bench/](../bench)); each section holds the figures the command printed when that benchmark last ran, with the machine, Node version and date of that run. `npm run bench -- <name>` reruns one and keeps the others.',
    '',
    ...sections.flatMap((section) => [
      `## ${section.title}`,
      '',
      where(),
      '',
      markdownTable(section.rows),
      '',
      ...(section.notes ?? []).map((note) => `- ${note}`),
      '',
    ]),
    ...kept,
  ].join('\n');
}

/** The line under each section's title: when and on what it was measured. */
function where(): string {
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`;
  return `_Measured ${new Date().toISOString()} on ${machine}, Node.js ${process.version}._`;
}

/** The sections of the existing report that this run did not produce, as they were. */
function keptSections(report: string, fresh: readonly BenchSection[]): string[] {
  const titles = new Set(fresh.map((section) => section.title));
  return report
    .split(/\n(?=## )/)
    .slice(1)
    .filter((chunk) => !titles.has(chunk.slice(3, chunk.indexOf('\n')).trim()))
    .map((chunk) => chunk.trimEnd() + '\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
