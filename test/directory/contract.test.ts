import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDirectory } from '../../src/directory/file-directory';
import type { Directory } from '../../src/directory/port';
import type { Store } from '../../src/footage/ports/store';
import { openStore } from '../../src/store';
import { comparable, DEMO_PEOPLE, startEntraFixture } from './support';

/**
 * What every directory adapter promises the rest of the bot, checked against both: the roster file
 * and Entra ID through the Graph emulator seeded from that same roster.
 */
interface Subject {
  directory: Directory;
  store: Store;
  close(): Promise<void>;
}

const adapters: [string, () => Promise<Subject>][] = [
  [
    'file',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cctv-directory-file-'));
      const store = await openStore({ dataDir: dir });
      await store.migrate();
      return {
        directory: new FileDirectory(store, join(__dirname, '../../demo/roster.json')),
        store,
        close: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'entra',
    async () => {
      const fixture = await startEntraFixture();
      return { directory: fixture.directory, store: fixture.store, close: fixture.close };
    },
  ],
];

describe.each(adapters)('the directory port: %s adapter', (kind, start) => {
  let subject: Subject;

  beforeEach(async () => {
    subject = await start();
  });

  afterEach(async () => {
    await subject.close();
  });

  test('load fills the store with exactly the roster people, roles, boroughs and Box logins', async () => {
    const outcome = await subject.directory.load();
    expect(outcome).toMatchObject({ rewritten: true, total: DEMO_PEOPLE.length, skipped: [] });
    expect(comparable(await subject.store.people.list())).toEqual(comparable(DEMO_PEOPLE));
    expect((await subject.store.people.listByRole('supervisor', 'Lambeth')).map((p) => p.name)).toEqual([
      'Sgt Dana Whitfield',
    ]);
  });

  test('identify finds a person by their Entra object id in any case, and nobody else', async () => {
    await subject.directory.load();
    const dana = DEMO_PEOPLE.find((p) => p.role === 'supervisor')!;
    expect(await subject.directory.identify(dana.aadObjectId.toUpperCase())).toMatchObject({
      aadObjectId: dana.aadObjectId,
      role: 'supervisor',
      borough: dana.borough,
      email: dana.email,
    });
    expect(await subject.directory.identify('0c0c0c0c-9999-4999-8999-000000000999')).toBeNull();
  });

  test('status names the adapter, is fresh after load, and counts the people', async () => {
    await subject.directory.load();
    expect(await subject.directory.status()).toMatchObject({ kind, stale: false, people: DEMO_PEOPLE.length });
    expect((await subject.directory.status()).lastRefreshAt).not.toBeNull();
  });

  test('a refresh with nothing changed keeps everyone and a learnt Teams id', async () => {
    await subject.directory.load();
    const alice = DEMO_PEOPLE[0];
    await subject.store.people.setTeamsId(alice.aadObjectId, '29:learnt');
    const outcome = await subject.directory.refresh();
    expect(outcome?.rewritten ?? false).toBe(false);
    expect(comparable(await subject.store.people.list())).toEqual(comparable(DEMO_PEOPLE));
    expect((await subject.store.people.findByAadObjectId(alice.aadObjectId))?.teamsId).toBe('29:learnt');
  });

  test('the scheduled refresh is offered to the job runner only where there is something to refresh', () => {
    expect(subject.directory.recurring.map((r) => r.kind)).toEqual(kind === 'entra' ? ['directory_refresh'] : []);
    expect(subject.directory.jobHandlers.map((h) => h.kind)).toEqual(subject.directory.recurring.map((r) => r.kind));
  });
});
