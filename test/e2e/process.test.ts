import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureBuilt, PROJECT_ROOT } from '../support/build';
import { LocalConnector } from '../support/connector';
import { demoUser, SEEDED_DATA_DIR_ENV } from '../support/harness';
import { freePort, httpStatus, start, stop, waitFor, type Managed } from '../support/processes';
import { TeamsClient } from '../support/teams-client';

/**
 * The bot as `npm start` runs it (node dist/src/index.js, a separate process): configuration errors
 * stop it with the variable named, and SIGTERM lets an in-flight turn finish before it exits.
 */
const MAIN = path.join('dist', 'src', 'index.js');

function botEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(BOT_|BOX_|DATABASE_URL|PORT|DATA_DIR|NODE_ENV)/.test(k)),
  );
  return { ...clean, LOG_LEVEL: 'info', ...env } as NodeJS.ProcessEnv;
}

function run(env: Record<string, string>): Managed {
  return start('bot', process.execPath, [MAIN], { cwd: PROJECT_ROOT, env: botEnv(env) });
}

async function exitOf(proc: Managed): Promise<number | null> {
  if (proc.exited()) return proc.child.exitCode;
  return new Promise((resolve) => proc.child.once('exit', (code) => resolve(code)));
}

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

describe('refusing to start', () => {
  test('production without BOT_ID names what is missing', async () => {
    const proc = run({ NODE_ENV: 'production' });
    expect(await exitOf(proc)).not.toBe(0);
    expect(proc.output()).toMatch(/Configuration error: BOT_ID: is required when NODE_ENV=production/);
  });

  test('a malformed variable is named with what is expected', async () => {
    const proc = run({ PORT: 'eighty' });
    expect(await exitOf(proc)).not.toBe(0);
    expect(proc.output()).toMatch(/PORT: must be a whole number/);
    expect(proc.output()).not.toMatch(/at .+\.js:\d+/);
  });
});

describe('a running bot', () => {
  let dir: string;
  let proc: Managed | undefined;
  let connector: LocalConnector;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cctv-process-'));
    const seeded = process.env[SEEDED_DATA_DIR_ENV];
    if (seeded) await cp(seeded, dir, { recursive: true });
    connector = await new LocalConnector().start();
  });

  afterAll(async () => {
    await stop(proc);
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('answers /healthz, then finishes an in-flight turn on SIGTERM before exiting 0', async () => {
    const [port, emulatorPort] = [await freePort(), await freePort()];
    proc = run({ PORT: String(port), HOST: '127.0.0.1', BOX_EMULATOR_PORT: String(emulatorPort), DATA_DIR: dir });
    const running = proc;
    await waitFor('healthz 200', running, 90_000, async () =>
      (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200 ? true : undefined,
    );
    expect(running.output()).toContain('npm run playground');

    // Box answers the next metadata query slowly, so the search turn is still running at SIGTERM.
    const fault = await fetch(`http://127.0.0.1:${emulatorPort}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 1500, count: 1, match: 'POST /2.0/metadata_queries' }),
    });
    expect(fault.ok).toBe(true);
    const teams = new TeamsClient(`http://127.0.0.1:${port}`, connector.url);
    const turn = teams.say(demoUser('alice'), 'camera LAM-0105');
    await new Promise((resolve) => setTimeout(resolve, 400));
    running.child.kill('SIGTERM');

    const response = await turn;
    expect(response.status).toBe(200);
    expect(JSON.stringify(connector.cards())).toMatch(/\d+ recordings/);
    expect(await exitOf(running)).toBe(0);
    expect(running.output()).toContain('bot stopped');
  }, 120_000);
});

describe('standard output that nobody reads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cctv-stdout-'));
    const seeded = process.env[SEEDED_DATA_DIR_ENV];
    if (seeded) await cp(seeded, path.join(dir, 'data'), { recursive: true });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('the bot keeps answering and stops in bounded time on SIGTERM after its reader left', async () => {
    // stdout is a pipe whose reader takes one byte and leaves; the shell around it keeps the pipe
    // open without reading, so the pipe fills up, as under a log shipper that died.
    const fifo = path.join(dir, 'stdout');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('sh', ['-c', `head -c 1 >/dev/null; exec sleep 300`], {
      stdio: [openSync(fifo, 'r+'), 'ignore', 'ignore'],
    });
    const out = openSync(fifo, 'w');
    const [port, emulatorPort] = [await freePort(), await freePort()];
    const env = botEnv({
      LOG_LEVEL: 'trace',
      PORT: String(port),
      HOST: '127.0.0.1',
      BOX_EMULATOR_PORT: String(emulatorPort),
      DATA_DIR: path.join(dir, 'data'),
    });
    const bot = spawn(process.execPath, [MAIN], { cwd: PROJECT_ROOT, env, stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    const connector = await new LocalConnector().start();
    try {
      const managed: Managed = {
        child: bot,
        output: () => '',
        exited: () => bot.exitCode !== null || bot.signalCode !== null,
      };
      await waitFor('healthz 200', managed, 90_000, async () =>
        (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200 ? true : undefined,
      );
      // Far more log output than a pipe holds (64 KiB): every turn and Box call logs at trace level.
      const teams = new TeamsClient(`http://127.0.0.1:${port}`, connector.url);
      for (let round = 0; round < 15; round += 1) {
        const turns = Array.from({ length: 8 }, () => teams.say(demoUser('alice'), 'camera LAM-0105 last night'));
        const statuses = await Promise.all(turns.map((t) => t.then((r) => r.status)));
        expect(statuses.every((s) => s === 200)).toBe(true);
      }
      expect(await httpStatus(`http://127.0.0.1:${port}/healthz`)).toBe(200);

      const stopping = Date.now();
      bot.kill('SIGTERM');
      const timeout = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 30_000).unref());
      expect(await Promise.race([exited, timeout])).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(10_000);
    } finally {
      if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
      reader.kill('SIGKILL');
      await connector.close();
    }
  }, 180_000);
});
