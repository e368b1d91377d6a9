import {
  AUDIT_ACTIONS,
  GENESIS_HASH,
  hashAuditEntry,
  isAuditAction,
  sealAuditEntry,
  verifyAuditChain,
  type AuditEntry,
} from '../../src/audit';

/** A chain of `count` sealed entries, a minute apart. */
function chain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    entries.push(
      sealAuditEntry({
        seq,
        at: new Date(Date.UTC(2025, 2, 1, 9, seq)),
        actor: seq % 2 ? 'aad-alice' : 'system',
        action: AUDIT_ACTIONS[seq % AUDIT_ACTIONS.length],
        target: 'request:r1',
        details: { step: seq, files: ['1001'] },
        prevHash: entries[seq - 2]?.hash ?? GENESIS_HASH,
      }),
    );
  }
  return entries;
}

const head = (entries: AuditEntry[]) => ({
  seq: entries[entries.length - 1].seq,
  hash: entries[entries.length - 1].hash,
});

describe('the audit hash chain', () => {
  it('hashes with SHA-256 over the content and the previous hash', () => {
    const [first] = chain(1);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEntry({ ...first, prevHash: 'a'.repeat(64) })).not.toBe(first.hash);
    expect(hashAuditEntry({ ...first, details: { files: ['1001'], step: 1 } })).toBe(first.hash);
  });

  it('verifies an intact chain, an empty one, and one against its head', () => {
    const entries = chain(6);
    expect(verifyAuditChain(entries)).toEqual({ ok: true, checked: 6 });
    expect(verifyAuditChain([])).toEqual({ ok: true, checked: 0 });
    expect(verifyAuditChain(entries, { head: head(entries) })).toEqual({ ok: true, checked: 6 });
    expect(verifyAuditChain(entries.slice(3), { from: head(entries.slice(0, 3)) })).toEqual({ ok: true, checked: 3 });
  });

  it('detects an edited field', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], actor: 'aad-mallory' };
    expect(verifyAuditChain(entries)).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'entry 3 was altered (its content does not match its hash)',
    });
  });

  it('detects an edited time, target or detail', () => {
    const edits: Array<Partial<AuditEntry>> = [
      { at: new Date(Date.UTC(2025, 2, 1, 9, 0)) },
      { target: 'request:r2' },
      { details: { step: 2, files: ['1001', '1002'] } },
    ];
    for (const edit of edits) {
      const entries = chain(3);
      entries[1] = { ...entries[1], ...edit };
      expect(verifyAuditChain(entries)).toMatchObject({ ok: false, brokenAt: 2 });
    }
  });

  it('detects a deleted entry', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries)).toEqual({ ok: false, brokenAt: 3, reason: 'expected entry 2 but found entry 3' });
  });

  it('detects deleted newest entries only against the recorded head', () => {
    const entries = chain(5);
    const truncated = entries.slice(0, 3);
    expect(verifyAuditChain(truncated)).toEqual({ ok: true, checked: 3 });
    expect(verifyAuditChain(truncated, { head: head(entries) })).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects reordered entries, also when their sequence numbers are swapped too', () => {
    const entries = chain(5);
    const swapped = [entries[0], entries[2], entries[1], entries[3], entries[4]];
    expect(verifyAuditChain(swapped)).toMatchObject({ ok: false, brokenAt: 3 });
    const renumbered = [entries[0], { ...entries[2], seq: 2 }, { ...entries[1], seq: 3 }, entries[3], entries[4]];
    expect(verifyAuditChain(renumbered)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/prevHash mismatch/),
    });
  });

  it('detects a changed hash, and an entry re-sealed without re-sealing the rest', () => {
    const changed = chain(4);
    changed[3] = { ...changed[3], hash: '0'.repeat(64) };
    expect(verifyAuditChain(changed)).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: expect.stringMatching(/altered/),
    });

    const resealed = chain(4);
    resealed[1] = sealAuditEntry({ ...resealed[1], actor: 'aad-mallory' });
    expect(verifyAuditChain(resealed)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/prevHash mismatch/),
    });
  });

  it('detects a whole rewritten chain against the head it should end at', () => {
    const original = chain(3);
    const forged: AuditEntry[] = [];
    for (const entry of original) {
      forged.push(
        sealAuditEntry({ ...entry, actor: 'aad-mallory', prevHash: forged[forged.length - 1]?.hash ?? GENESIS_HASH }),
      );
    }
    expect(verifyAuditChain(forged)).toEqual({ ok: true, checked: 3 });
    expect(verifyAuditChain(forged, { head: head(original) })).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: expect.stringMatching(/rewritten/),
    });
  });

  it('knows its actions', () => {
    expect(isAuditAction('approved')).toBe(true);
    expect(isAuditAction('deleted_everything')).toBe(false);
    const entries = chain(2);
    entries[1] = sealAuditEntry({ ...entries[1], action: 'deleted_everything' as never });
    expect(verifyAuditChain(entries)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: expect.stringMatching(/unknown action/),
    });
  });
});
