/**
 * The Box emulator for a benchmark, in a process of its own (so Box's work is not counted as the
 * bot's), holding the demo data spread to a force's scale. The seeded state is kept under
 * .data/bench/ and reused by later runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createBoxGateway } from '../../src/box';
import { EMULATOR_CREDENTIALS, emulatorBaseUrls } from '../../src/box/from-app-config';
import type { BoxPort } from '../../src/footage/ports/box';
import { loadDemoData, scaleDemoData, seedDemoData } from '../../src/seed';
import { bulkLoadRecordings } from './bulk-load';

import { PROJECT_ROOT } from './paths';

export interface ScaledEmulator {
  url: string;
  box: BoxPort;
  recordings: number;
  /** How the seed went in this run: reused from an earlier run, or loaded now and the seeder re-run over it (times). */
  seed: { reused: boolean; loadMs: number; reseedMs: number };
  /** Environment that points the bot at this emulator as if it were a Box enterprise. */
  botEnv: Record<string, string>;
  requests(): Promise<Array<{ method: string; path: string; status: number; durationMs: number }>>;
  clearRequests(): Promise<void>;
  /** Every API call from now on takes at least this long (0: none). */
  setLatency(latencyMs: number): Promise<void>;
  close(): Promise<void>;
}

export async function startScaledEmulator(
  count: number,
  log: (line: string) => void = () => undefined,
): Promise<ScaledEmulator> {
  const dataDir = path.join(PROJECT_ROOT, '.data', 'bench', `box-${count}`);
  mkdirSync(dataDir, { recursive: true });
  let emulator = await spawnEmulator(dataDir);
  const seed = await seedIfNeeded(dataDir, count, log, async (restart) => {
    if (restart) {
      await emulator.close();
      await restart();
      emulator = await spawnEmulator(dataDir);
    }
    return gatewayTo(emulator.url);
  });
  const { url } = emulator;
  // The emulator builds its metadata index on the first query after it starts; build it before measuring.
  const warmUp = Date.now();
  await gatewayTo(url).searchRecordings({ limit: 1, cameraIds: ['LAM-0105'] });
  log(`  metadata index built in ${((Date.now() - warmUp) / 1000).toFixed(1)} s`);
  const control = async (route: string, init: { method: string; body?: unknown }): Promise<Response> => {
    const response = await fetch(`${url}${route}`, {
      method: init.method,
      ...(init.body !== undefined
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }
        : {}),
    });
    if (!response.ok) throw new Error(`${init.method} ${route}: ${response.status}`);
    return response;
  };
  const base = emulatorBaseUrls(url);
  return {
    url,
    box: gatewayTo(url),
    recordings: count,
    seed,
    botEnv: {
      BOX_CLIENT_ID: EMULATOR_CREDENTIALS.clientId,
      BOX_CLIENT_SECRET: EMULATOR_CREDENTIALS.clientSecret,
      BOX_ENTERPRISE_ID: EMULATOR_CREDENTIALS.enterpriseId,
      BOX_API_BASE_URL: base.baseUrl,
      BOX_UPLOAD_BASE_URL: base.uploadUrl,
      BOX_OAUTH2_BASE_URL: base.oauth2Url,
      SEED_DEMO: 'false',
    },
    requests: async () =>
      (
        (await (await control('/_emulator/requests', { method: 'GET' })).json()) as {
          entries: Array<{ method: string; path: string; status: number; durationMs: number }>;
        }
      ).entries,
    clearRequests: async () => {
      await control('/_emulator/requests', { method: 'DELETE' });
    },
    setLatency: async (latencyMs) => {
      await control('/_emulator/faults', { method: 'DELETE' });
      if (latencyMs > 0) await control('/_emulator/faults', { method: 'POST', body: { latencyMs, count: 1_000_000 } });
    },
    close: () => emulator.close(),
  };
}

function gatewayTo(url: string): BoxPort {
  return createBoxGateway({ auth: { kind: 'ccg', ...EMULATOR_CREDENTIALS }, baseUrls: emulatorBaseUrls(url) });
}

async function spawnEmulator(dataDir: string): Promise<{ url: string; close(): Promise<void> }> {
  // Info level for the one line that names the port; the emulator logs nothing per request at info.
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', 'src', 'emulator', 'main.js')], {
    env: { ...process.env, DATA_DIR: dataDir, BOX_EMULATOR_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await listeningUrl(child);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error('the Box emulator did not start within 60 s')), 60_000);
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: unknown; msg?: unknown };
        if (entry.msg === 'Box emulator listening' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => reject(new Error(`the Box emulator exited (${code}) before listening`)));
  });
}

/**
 * Seeds the scaled set unless this data directory already holds exactly it: the template, users and
 * folders through the Box API, the recordings bulk-loaded into the stopped emulator (see
 * bulk-load.ts), then the seeder through the API over all of it, which must create and change
 * nothing (and shows how quickly a seed re-runs on a full emulator).
 */
async function seedIfNeeded(
  dataDir: string,
  count: number,
  log: (line: string) => void,
  boxAfter: (restart?: () => Promise<void>) => Promise<BoxPort>,
): Promise<ScaledEmulator['seed']> {
  const stamp = path.join(dataDir, 'seeded.json');
  const wanted = { recordings: count, generator: 'scaleDemoData v1' };
  if (existsSync(stamp) && JSON.stringify(JSON.parse(readFileSync(stamp, 'utf8'))) === JSON.stringify(wanted)) {
    log(`  ${count.toLocaleString('en-GB')} recordings already seeded in ${path.relative(PROJECT_ROOT, dataDir)}`);
    return { reused: true, loadMs: 0, reseedMs: 0 };
  }
  const demo = scaleDemoData(loadDemoData(path.join(PROJECT_ROOT, 'demo')), count);
  log('  template, users and folders through the Box API');
  await seedDemoData(await boxAfter(), { ...demo, footage: [] }, { concurrency: 8 });
  let loadMs = 0;
  const box = await boxAfter(async () => {
    const started = Date.now();
    const loaded = await bulkLoadRecordings(dataDir, demo);
    loadMs = Date.now() - started;
    log(
      `  bulk-loaded ${loaded.created.toLocaleString('en-GB')} recordings in ${(loadMs / 1000).toFixed(1)} s (${loaded.existing} already there)`,
    );
  });
  log('  the seeder through the Box API over the full emulator');
  const report = await seedDemoData(box, demo, { concurrency: 8 });
  const changed = report.files.created + report.metadata.created + report.metadata.updated;
  if (changed > 0)
    throw new Error(`the seeder changed ${changed} things after the bulk load: ${JSON.stringify(report)}`);
  log(`  re-running the seed changed nothing and took ${(report.durationMs / 1000).toFixed(1)} s`);
  writeFileSync(stamp, JSON.stringify(wanted));
  return { reused: false, loadMs, reseedMs: report.durationMs };
}
