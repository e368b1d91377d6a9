/**
 * The bot killed (SIGKILL, no chance to clean up) while a chunked upload from the chat is half way:
 * the bot started again on the same data finds the durable transfer job once its lease runs out,
 * lists the parts the open upload session already holds, sends only the missing ones, and stages
 * exactly one file whose SHA-256 is the attachment's. Runs the compiled bot as `npm start` does.
 */
import Database from 'better-sqlite3';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AttachmentServer } from '../../support/attachment-server';
import { ensureBuilt, PROJECT_ROOT } from '../../support/build';
import { LocalConnector } from '../../support/connector';
import { demoUser, SEEDED_DATA_DIR_ENV } from '../../support/harness';
import { freePort, httpStatus, start, stop, waitFor, type Managed } from '../../support/processes';
import { TeamsClient } from '../../support/teams-client';
import { BoxProbe } from '../access/box-probe';
import { sha256, videoBytes } from '../footage-requests/support';
import { emulatorRequests, SMALL_UPLOADS } from './support';

const MAIN = path.join('dist', 'src', 'index.js');
const alice = demoUser('alice');

interface Row {
  id: string;
  state: string;
  upload_session_id: string | null;
  transferred_bytes: number;
  staged_file_id: string | null;
  staging_folder_id: string | null;
  sha256: string | null;
}

function uploadRow(dir: string): Row | undefined {
  const db = new Database(path.join(dir, 'bot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM chat_uploads ORDER BY created_at DESC LIMIT 1').get() as Row | undefined;
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

describe('a restart during a chunked upload from the chat', () => {
  let dir: string;
  let proc: Managed | undefined;
  let connector: LocalConnector;
  const files = new AttachmentServer();

  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(path.join(os.tmpdir(), 'cctv-chat-restart-'));
    const seeded = process.env[SEEDED_DATA_DIR_ENV];
    if (seeded) await cp(seeded, dir, { recursive: true });
    connector = await new LocalConnector().start();
    await files.start();
  }, 180_000);

  afterAll(async () => {
    await stop(proc);
    await connector.close();
    await files.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('resumes the upload session by its parts and stages one file', async () => {
    const [port, emulatorPort] = [await freePort(), await freePort()];
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(BOT_|BOX_|DATABASE_URL|PORT|DATA_DIR|NODE_ENV)/.test(k)),
    );
    const env = {
      ...clean,
      ...SMALL_UPLOADS,
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      BOX_EMULATOR_PORT: String(emulatorPort),
      DATA_DIR: dir,
      JOB_POLL_MS: '100',
      JOB_LEASE_MS: '2000',
      JOB_RETRY_MS: '100',
    } as NodeJS.ProcessEnv;
    const launch = async (): Promise<Managed> => {
      const running = start('bot', process.execPath, [MAIN], { cwd: PROJECT_ROOT, env });
      await waitFor('healthz 200', running, 90_000, async () =>
        (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200 ? true : undefined,
      );
      return running;
    };
    proc = await launch();
    const teams = new TeamsClient(`http://127.0.0.1:${port}`, connector.url);
    await teams.install(alice);

    const bytes = videoBytes('restart-mid-upload', 1024 * 1024);
    const url = files.serve({ bytes, bytesPerSecond: 256 * 1024 });
    await teams.attach(alice, [{ name: 'CAM-restart.mp4', downloadUrl: url }]);
    const first = proc;
    const halfway = await waitFor('parts in Box', first, 30_000, async () => {
      const row = uploadRow(dir);
      return row?.upload_session_id && row.transferred_bytes >= 300 * 1024 ? row : undefined;
    });
    first.child.kill('SIGKILL');
    await new Promise<void>((resolve) => (first.exited() ? resolve() : first.child.once('exit', () => resolve())));
    expect(halfway.state).toBe('receiving');

    proc = await launch();
    const staged = await waitFor('staged after the restart', proc, 60_000, async () => {
      const row = uploadRow(dir);
      return row?.state === 'staged' ? row : undefined;
    });
    expect(staged.sha256).toBe(sha256(bytes));
    expect(files.readsOf(url)).toBe(2);

    // Only the parts missing from the session were sent after the restart, and one file was made.
    const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
    const parts = (await emulatorRequests(emulatorUrl)).filter(
      (r) => r.method === 'PUT' && /upload_sessions\/[^/]+$/.test(r.path),
    );
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.length).toBeLessThan(Math.ceil(bytes.length / 65536));
    const listing = (await new BoxProbe(emulatorUrl).json(`/2.0/folders/${staged.staging_folder_id}/items`)) as {
      total_count: number;
      entries: Array<{ id: string }>;
    };
    expect(listing.total_count).toBe(1);
    expect(listing.entries[0].id).toBe(staged.staged_file_id);
  }, 180_000);
});
