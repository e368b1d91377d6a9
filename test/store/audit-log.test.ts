import {
  GENESIS_HASH,
  sealAuditEntry,
  verifyAuditChain,
  type AuditAction,
  type AuditEntryInput,
  type JsonObject,
} from '../../src/audit';
import { InvalidInputError } from '../../src/footage/errors';
import type { Store } from '../../src/footage/ports/store';
import { backends, useFixture, type BackendKind, type RawSql, type TestDatabase } from './support';

const steps: AuditEntryInput[] = [
  {
    actor: 'aad-alice',
    action: 'requested',
    target: 'request:r1',
    details: { caseReference: 'CAD-1', files: ['1001', '1002'] },
  },
  { actor: 'system', action: 'routed', target: 'request:r1', details: { to: ['aad-dana'], channel: null } },
  { actor: 'aad-dana', action: 'approved', target: 'request:r1', details: { comment: 'OK — 3 days', days: 3 } },
  { actor: 'system', action: 'granted', target: 'request:r1', details: { boxFileId: '1001', role: 'previewer' } },
  { actor: 'system', action: 'granted', target: 'request:r1', details: { boxFileId: '1002', role: 'previewer' } },
];

async function logWithEntries(db: TestDatabase): Promise<Store> {
  const store = await db.open();
  for (const step of steps) await store.audit.append(step);
  return store;
}

/** A careful forger: edits entry `seq` and re-seals it and every later entry, leaving only the head as it was. */
async function rewriteFrom(raw: RawSql, seq: number, change: { actor: string }): Promise<void> {
  const rows = await raw.query('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq', [seq - 1]);
  let prevHash = String(rows[0].hash);
  for (const row of rows.slice(1)) {
    const entry = sealAuditEntry({
      seq: Number(row.seq),
      at: new Date(row.at as string | Date),
      actor: Number(row.seq) === seq ? change.actor : String(row.actor),
      action: row.action as AuditAction,
      target: String(row.target),
      details: JSON.parse(String(row.details)) as JsonObject,
      prevHash,
    });
    await raw.query('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?', [
      entry.actor,
      entry.prevHash,
      entry.hash,
      entry.seq,
    ]);
    prevHash = entry.hash;
  }
}

/** Tampering needs the append-only guard out of the way first, as an attacker with DDL rights would do. */
async function dropGuards(kind: BackendKind, raw: RawSql): Promise<void> {
  if (kind === 'postgres') {
    await raw.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
  } else {
    await raw.query('DROP TRIGGER audit_log_no_update');
    await raw.query('DROP TRIGGER audit_log_no_delete');
  }
}

describe.each(backends())('audit log on %s', (kind) => {
  const fixture = useFixture(kind, __filename);

  it('appends a verifiable chain and lists it by target', async () => {
    const db = fixture.database();
    const store = await logWithEntries(db);
    await store.audit.append({ actor: 'aad-bob', action: 'requested', target: 'request:r2' });

    const entries = await store.audit.list();
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    expect(entries[2]).toMatchObject({
      actor: 'aad-dana',
      action: 'approved',
      details: { comment: 'OK — 3 days', days: 3 },
    });
    expect(verifyAuditChain(entries, { head: await store.audit.head() })).toEqual({ ok: true, checked: 6 });
    expect(await store.audit.verify()).toEqual({ ok: true, checked: 6 });
    expect((await store.audit.list({ target: 'request:r2' })).map((entry) => entry.seq)).toEqual([6]);
    expect((await store.audit.list({ afterSeq: 4, limit: 1 })).map((entry) => entry.seq)).toEqual([5]);
  });

  it('verifies an empty log, and refuses entries it could not verify later', async () => {
    const { store } = await fixture.store();
    expect(await store.audit.verify()).toEqual({ ok: true, checked: 0 });
    await expect(store.audit.append({ actor: 'x', action: 'bogus' as never, target: 't' })).rejects.toThrow(
      InvalidInputError,
    );
    await expect(
      store.audit.append({ actor: 'x', action: 'refused', target: 't', details: { n: Number.NaN } }),
    ).rejects.toThrow(/not representable/);
    expect(await store.audit.head()).toEqual({ seq: 0, hash: GENESIS_HASH });
  });

  it('never forks under concurrent appends from two instances', async () => {
    const { store, db } = await fixture.store();
    const other = await db.open();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? store : other).audit.append({
          actor: `aad-${i}`,
          action: 'refused',
          target: `request:${i}`,
          details: { i },
        }),
      ),
    );

    const entries = await store.audit.list();
    expect(entries.map((entry) => entry.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(entries.map((entry) => entry.prevHash)).size).toBe(30);
    expect(await other.audit.verify()).toEqual({ ok: true, checked: 30 });
  });

  it('refuses updates and deletes at the database itself', async () => {
    const db = fixture.database();
    await logWithEntries(db);
    const raw = await db.raw();
    // Matched by shape, not toThrow: jest loads the native SQLite addon once per worker, so its
    // errors may come from another test file's realm and fail an `instanceof Error` check.
    const appendOnly = { message: expect.stringMatching(/append-only/) };
    await expect(raw.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3")).rejects.toMatchObject(
      appendOnly,
    );
    await expect(raw.query('DELETE FROM audit_log WHERE seq = 3')).rejects.toMatchObject(appendOnly);
    expect((await raw.query('SELECT actor FROM audit_log WHERE seq = 3'))[0]?.actor).toBe('aad-dana');
  });

  const tampering: Array<[string, (raw: RawSql) => Promise<unknown>, number, RegExp]> = [
    ['an edited field', (raw) => raw.query("UPDATE audit_log SET actor = 'aad-mallory' WHERE seq = 3"), 3, /altered/],
    [
      'edited details',
      (raw) => raw.query(`UPDATE audit_log SET details = '{"comment":"OK — 30 days","days":30}' WHERE seq = 3`),
      3,
      /altered/,
    ],
    [
      'a deleted entry',
      (raw) => raw.query('DELETE FROM audit_log WHERE seq = 2'),
      3,
      /expected entry 2 but found entry 3/,
    ],
    [
      'a deleted newest entry',
      (raw) => raw.query('DELETE FROM audit_log WHERE seq = 5'),
      5,
      /entries 5 to 5 are missing/,
    ],
    [
      'reordered entries',
      async (raw) => {
        await raw.query('UPDATE audit_log SET seq = 100 WHERE seq = 2');
        await raw.query('UPDATE audit_log SET seq = 2 WHERE seq = 3');
        await raw.query('UPDATE audit_log SET seq = 3 WHERE seq = 100');
      },
      2,
      /prevHash mismatch|altered/,
    ],
    [
      'a changed hash',
      (raw) => raw.query(`UPDATE audit_log SET hash = '${'f'.repeat(64)}' WHERE seq = 4`),
      4,
      /altered/,
    ],
    [
      'a hash copied from another entry',
      (raw) => raw.query(`UPDATE audit_log SET hash = (SELECT hash FROM audit_log WHERE seq = 1) WHERE seq = 2`),
      2,
      /altered/,
    ],
    [
      'an edited entry with every later hash recomputed',
      (raw) => rewriteFrom(raw, 3, { actor: 'aad-mallory' }),
      5,
      /chain was rewritten/,
    ],
  ];

  it.each(tampering)('detects %s, through the store and the pure verifier', async (_name, tamper, brokenAt, reason) => {
    const db = fixture.database();
    const store = await logWithEntries(db);
    expect(await store.audit.verify()).toEqual({ ok: true, checked: steps.length });
    const raw = await db.raw();
    await dropGuards(kind, raw);

    await tamper(raw);

    const viaStore = await store.audit.verify();
    expect(viaStore).toMatchObject({ ok: false, brokenAt });
    expect(viaStore.ok ? '' : viaStore.reason).toMatch(reason);
    const viaPure = verifyAuditChain(await store.audit.list(), { head: await store.audit.head() });
    expect(viaPure).toEqual(viaStore);
  });
});
