/** The hash-chained audit log in SQL: appends are serialised so each entry seals the one before it. */
import { isAuditAction, type AuditAction } from '../../audit/actions';
import { canonicalJson, type JsonObject } from '../../audit/canonical-json';
import {
  AuditChainVerifier,
  sealAuditEntry,
  type AuditEntry,
  type AuditEntryInput,
  type AuditHead,
  type AuditVerification,
} from '../../audit/chain';
import { InvalidInputError } from '../../footage/errors';
import type { AuditLog } from '../../footage/ports/store';
import type { Executor, Row, SqlValue } from '../sql/executor';
import { readInt, readString, readTime, timeParam, type Clock } from '../sql/values';

const VERIFY_PAGE_SIZE = 500;
const DEFAULT_LIST_LIMIT = 1000;

/**
 * Rows are mapped without judging them: a tampered action or details column must reach the
 * verifier, which reports it, rather than fail here as an unreadable row.
 */
function toEntry(row: Row): AuditEntry {
  let details: JsonObject;
  try {
    details = JSON.parse(readString(row.details)) as JsonObject;
  } catch {
    details = { unreadable: String(row.details) };
  }
  return {
    seq: readInt(row.seq),
    at: readTime(row.at),
    actor: readString(row.actor),
    action: readString(row.action) as AuditAction,
    target: readString(row.target),
    details,
    prevHash: readString(row.prev_hash),
    hash: readString(row.hash),
  };
}

export class SqlAuditLog implements AuditLog {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async append(input: AuditEntryInput): Promise<AuditEntry> {
    if (!isAuditAction(input.action)) throw new InvalidInputError(`unknown audit action "${String(input.action)}"`);
    const details = input.details ?? {};
    // Serialize before taking the lock: a value JSON cannot hold is refused here, not half-written.
    const detailsText = canonicalJson(details);
    return this.db.transaction(async (tx) => {
      // Locking the head row makes concurrent appends queue up (on SQLite the transaction's write
      // lock does the same), so each sees the previous entry's hash and the chain cannot fork.
      const [headRow] = await tx.query(`SELECT seq, hash FROM audit_head WHERE id = 1${tx.dialect.forUpdate}`);
      if (!headRow) throw new Error('audit_head is missing: the audit log cannot be appended to');
      const entry = sealAuditEntry({
        seq: readInt(headRow.seq) + 1,
        at: this.clock(),
        actor: input.actor,
        action: input.action,
        target: input.target,
        details,
        prevHash: readString(headRow.hash),
      });
      await tx.run(
        'INSERT INTO audit_log (seq, at, actor, action, target, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
          entry.seq,
          timeParam(entry.at),
          entry.actor,
          entry.action,
          entry.target,
          detailsText,
          entry.prevHash,
          entry.hash,
        ],
      );
      await tx.run('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [entry.seq, entry.hash]);
      return entry;
    });
  }

  async list(options: { target?: string; afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
    const conditions = ['seq > ?'];
    const params: SqlValue[] = [options.afterSeq ?? 0];
    if (options.target !== undefined) {
      conditions.push('target = ?');
      params.push(options.target);
    }
    const rows = await this.db.query(`SELECT * FROM audit_log WHERE ${conditions.join(' AND ')} ORDER BY seq LIMIT ?`, [
      ...params,
      options.limit ?? DEFAULT_LIST_LIMIT,
    ]);
    return rows.map(toEntry);
  }

  async head(): Promise<AuditHead> {
    const [row] = await this.db.query('SELECT seq, hash FROM audit_head WHERE id = 1');
    if (!row) throw new Error('audit_head is missing');
    return { seq: readInt(row.seq), hash: readString(row.hash) };
  }

  /**
   * Reads the head first and walks the chain up to it, page by page: entries appended meanwhile lie
   * beyond the head and are left for the next verification instead of looking like a broken end.
   */
  async verify(): Promise<AuditVerification> {
    const [headRow] = await this.db.query('SELECT seq, hash FROM audit_head WHERE id = 1');
    if (!headRow) return { ok: false, brokenAt: 0, reason: 'the audit head record is missing' };
    const head: AuditHead = { seq: readInt(headRow.seq), hash: readString(headRow.hash) };
    const verifier = new AuditChainVerifier();
    let afterSeq = 0;
    for (;;) {
      const rows = await this.db.query('SELECT * FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?', [
        afterSeq,
        head.seq,
        VERIFY_PAGE_SIZE,
      ]);
      for (const row of rows) {
        if (!verifier.add(toEntry(row))) return verifier.finish(head);
      }
      if (rows.length < VERIFY_PAGE_SIZE) return verifier.finish(head);
      afterSeq = readInt(rows[rows.length - 1].seq);
    }
  }
}
