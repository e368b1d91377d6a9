import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigError, UpstreamUnavailableError } from '../../src/footage/errors';
import { describePostgresUrl, openStore } from '../../src/store';
import { backends, useFixture } from './support';

/** A loopback port nobody listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('openStore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cctv-open-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('uses the embedded database under DATA_DIR when there is no URL', async () => {
    const store = await openStore({ dataDir, databaseUrl: '' });
    try {
      expect(store.kind).toBe('sqlite');
      expect(store.describe()).toBe(`sqlite:${join(dataDir, 'bot.sqlite')}`);
      expect(existsSync(join(dataDir, 'bot.sqlite'))).toBe(true);
      expect(await store.ping()).toBe(true);
    } finally {
      await store.close();
    }
    expect(await store.ping()).toBe(false);
  });

  it('fails loudly, naming the database but not the password, when PostgreSQL does not answer', async () => {
    const port = await closedPort();
    const attempt = openStore({ dataDir, databaseUrl: `postgres://bot:s3cret-pw@127.0.0.1:${port}/cctv` });
    await expect(attempt).rejects.toBeInstanceOf(UpstreamUnavailableError);
    await expect(attempt).rejects.toThrow(`postgres://bot@127.0.0.1:${port}/cctv`);
    await attempt.catch((error: Error) => expect(error.message).not.toContain('s3cret-pw'));
  });

  it('rejects a DATABASE_URL that is not PostgreSQL, naming the variable', async () => {
    await expect(openStore({ dataDir, databaseUrl: 'mysql://root@127.0.0.1/db' })).rejects.toThrow(ConfigError);
    await expect(openStore({ dataDir, databaseUrl: 'not a url' })).rejects.toThrow(/^DATABASE_URL: /);
  });

  it('describes a PostgreSQL URL without its password or query string', () => {
    expect(
      describePostgresUrl('postgresql://app:p%40ss@db.example:6432/cctv?sslmode=require&password=x', 'tenant_a'),
    ).toBe('postgres://app@db.example:6432/cctv schema=tenant_a');
  });
});

describe.each(backends())('transactions and closing on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('says what it is and answers ping until closed', async () => {
    const { store } = await fixture.store();
    expect(store.kind).toBe(kind);
    expect(store.describe()).toMatch(
      kind === 'postgres' ? /^postgres:\/\/\S+@127\.0\.0\.1:5432\/\w+ schema=t_/ : /^sqlite:.*bot\.sqlite$/,
    );
    expect(await store.ping()).toBe(true);
    await store.close();
    expect(await store.ping()).toBe(false);
  });

  it('refuses the store itself inside its own transaction instead of hanging', async () => {
    const { store } = await fixture.store();
    await expect(
      store.transaction(async (tx) => {
        await tx.settings.set('a', 1);
        return store.settings.get('a');
      }),
    ).rejects.toThrow(/use the repositories passed to the callback/);
    expect(await store.settings.get('a')).toBeUndefined();
    await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow(/inside store.transaction/);
  });

  it('waits for a transaction in flight, then refuses new work', async () => {
    const { store } = await fixture.store();
    const events: string[] = [];
    const inFlight = store.transaction(async (tx) => {
      await tx.settings.set('in-flight', 1);
      await sleep(50);
      await tx.settings.set('in-flight', 2);
      events.push('transaction done');
    });
    await sleep(5);
    await store.close().then(() => events.push('closed'));
    await inFlight;

    expect(events).toEqual(['transaction done', 'closed']);
    await expect(store.settings.get('in-flight')).rejects.toThrow(/closed/);
  });
});
