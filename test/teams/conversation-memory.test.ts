/**
 * The conversation memory against the real embedded store: an unchanged address is not written
 * again, a changed one is, the store always ends up holding an address at least as new as the
 * turn's, and a failed write is tried again by the next turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationAddress, ConversationScope, Store } from '../../src/footage/ports/store';
import { openStore } from '../../src/store';
import { ConversationMemory } from '../../src/teams/conversation-memory';

const ALICE = '00000000-0000-0000-0000-00000000a11c';

function address(activityId: string, serviceUrl = 'https://smba.example/uk/'): ConversationAddress {
  return {
    conversationId: `a:personal-${ALICE}`,
    data: {
      activityId,
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: `a:personal-${ALICE}`, conversationType: 'personal' },
      user: { id: '29:alice', aadObjectId: ALICE },
    },
  };
}

describe('ConversationMemory', () => {
  let dataDir: string;
  let store: Store;
  let writes: Array<[string, ConversationScope, string]>;
  let clock: number;
  const counted = (aad: string, scope: ConversationScope, value: ConversationAddress): Promise<void> => {
    writes.push([aad, scope, String((value.data as { activityId?: unknown }).activityId)]);
    return store.conversations.save(aad, scope, value);
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cctv-conversation-memory-'));
    store = await openStore({ dataDir, databaseUrl: '' });
    await store.migrate();
    writes = [];
    clock = Date.parse('2026-03-20T10:00:00Z');
  });

  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('writes the first address, then not again while only the message id changes', async () => {
    const memory = new ConversationMemory(counted, { now: () => clock });
    await memory.remember(ALICE, 'personal', address('1'));
    await memory.remember(ALICE, 'personal', address('2'));
    await memory.remember(ALICE, 'personal', address('3'));
    expect(writes).toEqual([[ALICE, 'personal', '1']]);
    const stored = (await store.conversations.get(ALICE)).personal?.address;
    expect(stored?.data).toMatchObject({
      serviceUrl: 'https://smba.example/uk/',
      conversation: { id: `a:personal-${ALICE}` },
    });
  });

  test('writes a changed address at once, and each scope on its own', async () => {
    const memory = new ConversationMemory(counted, { now: () => clock });
    await memory.remember(ALICE, 'personal', address('1'));
    await memory.remember(ALICE, 'personal', address('2', 'https://smba.example/emea/'));
    await memory.remember(ALICE, 'channel', address('3'));
    expect(writes.map(([, scope, id]) => `${scope}:${id}`)).toEqual(['personal:1', 'personal:2', 'channel:3']);
    expect((await store.conversations.get(ALICE)).personal?.address.data).toMatchObject({
      serviceUrl: 'https://smba.example/emea/',
    });
  });

  test('writes an unchanged address again once the refresh interval has passed', async () => {
    const memory = new ConversationMemory(counted, { now: () => clock, refreshMs: 60_000 });
    await memory.remember(ALICE, 'personal', address('1'));
    clock += 59_000;
    await memory.remember(ALICE, 'personal', address('2'));
    clock += 2_000;
    await memory.remember(ALICE, 'personal', address('3'));
    expect(writes.map(([, , id]) => id)).toEqual(['1', '3']);
    expect((await store.conversations.get(ALICE)).personal?.updatedAt).toBeDefined();
  });

  test('concurrent turns of one person share one write and all wait for it', async () => {
    const memory = new ConversationMemory(counted, { now: () => clock });
    await Promise.all(Array.from({ length: 20 }, (_, i) => memory.remember(ALICE, 'personal', address(String(i)))));
    expect(writes).toHaveLength(1);
    expect((await store.conversations.get(ALICE)).personal).toBeDefined();
  });

  test('a failed write fails the turn and is tried again by the next one', async () => {
    let failNext = true;
    const flaky = (aad: string, scope: ConversationScope, value: ConversationAddress): Promise<void> => {
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('database unavailable'));
      }
      return counted(aad, scope, value);
    };
    const memory = new ConversationMemory(flaky, { now: () => clock });
    await expect(memory.remember(ALICE, 'personal', address('1'))).rejects.toThrow('database unavailable');
    expect((await store.conversations.get(ALICE)).personal).toBeUndefined();
    await memory.remember(ALICE, 'personal', address('2'));
    expect(writes.map(([, , id]) => id)).toEqual(['2']);
    expect((await store.conversations.get(ALICE)).personal).toBeDefined();
  });

  test('forgets the longest-unwritten people beyond its bound, and writes them again', async () => {
    const memory = new ConversationMemory(counted, { now: () => clock, maxPeople: 2 });
    const people = ['a', 'b', 'c'].map((suffix) => `00000000-0000-0000-0000-00000000000${suffix}`);
    for (const person of people) await memory.remember(person, 'personal', address(person));
    await memory.remember(people[0], 'personal', address(`${people[0]}-again`));
    await memory.remember(people[2], 'personal', address(`${people[2]}-again`));
    expect(writes.map(([, , id]) => id)).toEqual([...people, `${people[0]}-again`]);
  });
});
