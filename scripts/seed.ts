/**
 * `npm run seed`: puts the demo data set into whichever Box the environment points at.
 *
 *   BOX_EMULATOR_URL=http://127.0.0.1:3979      a running emulator (the default when nothing is set)
 *   BOX_CLIENT_ID, BOX_CLIENT_SECRET, BOX_ENTERPRISE_ID     a real enterprise, Client Credentials Grant
 *   BOX_JWT_CONFIG_PATH=/path/config.json        a real enterprise, JWT app
 *   SEED_CONCURRENCY (default 8), DEMO_DIR (default <project>/demo)
 *
 * Box settings are read by the bot's own configuration module, so the seed targets exactly the Box
 * that `npm start` would use with the same environment.
 */
import path from 'node:path';
import { createBoxGateway, describeBoxTarget, type BoxGatewayConfig } from '../src/box';
import { emulatorBaseUrls, gatewayConfigFor } from '../src/box/from-app-config';
import { loadConfig } from '../src/config';
import { ConfigError } from '../src/footage/errors';
import { loadDemoData, seedDemoData, type SeedReport } from '../src/seed';

type Env = Record<string, string | undefined>;

/** Compiled, this file runs from dist/scripts; under ts-jest, from scripts/. */
const projectRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');

export interface SeedCommandConfig {
  box: BoxGatewayConfig;
  demoDir: string;
  concurrency: number;
}

export function seedConfigFromEnv(env: Env): SeedCommandConfig {
  const value = (name: string): string | undefined => (env[name]?.trim() ? env[name]?.trim() : undefined);
  const concurrencyText = value('SEED_CONCURRENCY') ?? '8';
  const concurrency = Number(concurrencyText);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new ConfigError('SEED_CONCURRENCY', 'must be a whole number from 1 to 64');
  }
  const demoDir = path.resolve(projectRoot, value('DEMO_DIR') ?? 'demo');
  return { box: boxConfig(env, value), demoDir, concurrency };
}

function boxConfig(env: Env, value: (name: string) => string | undefined): BoxGatewayConfig {
  const target = loadConfig(env).box;
  const emulatorUrl =
    value('BOX_EMULATOR_URL') ?? `http://127.0.0.1:${target.kind === 'emulator' ? target.port : 3979}`;
  let origin: string;
  try {
    origin = new URL(emulatorUrl).origin;
  } catch {
    throw new ConfigError('BOX_EMULATOR_URL', "must be the emulator's URL, e.g. http://127.0.0.1:3979");
  }
  return gatewayConfigFor(target, origin);
}

export async function runSeed(env: Env, print: (line: string) => void): Promise<SeedReport> {
  const config = seedConfigFromEnv(env);
  const box = createBoxGateway(config.box);
  print(`Seeding ${describeBoxTarget(config.box)} from ${config.demoDir}`);
  const me = await box.whoAmI();
  print(`Acting as ${me.name} (${me.login})`);
  let lastPercent = -1;
  const report = await seedDemoData(box, loadDemoData(config.demoDir), {
    concurrency: config.concurrency,
    onProgress: ({ phase, done, total }) => {
      if (phase !== 'recordings') return;
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent !== lastPercent) {
        lastPercent = percent;
        print(`  recordings: ${done}/${total}`);
      }
    },
  });
  print(summary(report));
  return report;
}

export { emulatorBaseUrls };

export function summary(report: SeedReport): string {
  const tally = (t: { created: number; existing: number }): string =>
    `${t.created} created, ${t.existing} already there`;
  return [
    `Seeded ${report.recordings} recordings in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  template cctvFootage: ${report.template}`,
    `  users:   ${tally(report.users)}`,
    `  folders: ${tally(report.folders)}`,
    `  files:   ${tally(report.files)}`,
    `  metadata: ${report.metadata.created} created, ${report.metadata.updated} updated, ${report.metadata.unchanged} unchanged`,
    ...report.renamed.map(
      (r) => `  note: ${r.footageId} shares its file name with another recording; stored as ${r.fileName}`,
    ),
  ].join('\n');
}

if (require.main === module) {
  runSeed(process.env, (line) => console.log(line)).catch((error: unknown) => {
    console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
