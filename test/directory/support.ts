/**
 * A Graph emulator seeded from the demo roster, a migrated store and an Entra directory reading the
 * one into the other, for the directory suites. Pages are small so every listing is paged.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import roster from '../../demo/roster.json';
import { emulatorCredential } from '../../src/directory';
import type { BoroughSource } from '../../src/directory/config';
import { EntraDirectory } from '../../src/directory/entra/entra-directory';
import { GraphReader } from '../../src/directory/entra/graph-reader';
import type { Person } from '../../src/footage/people';
import type { Store } from '../../src/footage/ports/store';
import { startGraphEmulator, type GraphEmulator } from '../../src/graph-emulator';
import { openStore } from '../../src/store';

export const DEMO_PEOPLE = roster.people as Person[];

export interface EntraFixture {
  emulator: GraphEmulator;
  store: Store;
  directory: EntraDirectory;
  /** Moves the directory's clock (the per-person cache) forward. */
  advanceMinutes(minutes: number): void;
  close(): Promise<void>;
}

export async function startEntraFixture(
  options: { borough?: BoroughSource; cacheMinutes?: number; people?: readonly Person[] } = {},
): Promise<EntraFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'cctv-directory-'));
  const emulator = await startGraphEmulator({ dataDir: dir, people: options.people ?? DEMO_PEOPLE, pageSize: 2 });
  let offset = 0;
  // The store stamps when a person was confirmed with the same clock the directory judges it by.
  const now = (): Date => new Date(Date.now() + offset * 60_000);
  const store = await openStore({ dataDir: dir, clock: now });
  await store.migrate();
  const reader = new GraphReader({
    baseUrl: emulator.graphUrl,
    credential: emulatorCredential(emulator),
    retryDelaySeconds: 0.05,
  });
  const directory = new EntraDirectory(reader, store, {
    appId: emulator.clientId,
    borough: options.borough ?? { kind: 'groups', pattern: 'CCTV {borough}' },
    cacheMinutes: options.cacheMinutes ?? 10,
    refreshMs: 60_000,
    now,
  });
  return {
    emulator,
    store,
    directory,
    advanceMinutes: (minutes) => {
      offset += minutes;
    },
    close: async () => {
      await store.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** People as the roster file states them, without what only Teams tells (the 29: id), sorted. */
export function comparable(people: readonly Person[]): Omit<Person, 'teamsId'>[] {
  return [...people]
    .map(({ teamsId: _teamsId, ...rest }) => rest)
    .sort((a, b) => a.aadObjectId.localeCompare(b.aadObjectId));
}
