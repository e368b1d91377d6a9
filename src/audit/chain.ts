import { createHash } from 'node:crypto';
import { isAuditAction, type AuditAction } from './actions';
import { canonicalJson, type JsonObject } from './canonical-json';

/**
 * The audit log is a hash chain: each entry's hash covers its own content and the previous entry's
 * hash, so editing, deleting or reordering any entry breaks every link after it. This module is the
 * pure half (sealing and verifying); the store persists entries and serializes appends.
 */

/** prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Actor of entries the bot writes on its own (expiry sweep, grant job), as opposed to a person's aadObjectId. */
export const SYSTEM_ACTOR = 'system';

/** Bumped if the hashed serialization ever changes, so old entries stay verifiable. */
const HASH_FORMAT_VERSION = 1;

/** What a caller asks to record. */
export interface AuditEntryInput {
  /** aadObjectId of the person who acted, or SYSTEM_ACTOR. */
  actor: string;
  action: AuditAction;
  /** What the action was about, by convention `request:<id>` (details name the recording). */
  target: string;
  details?: JsonObject;
}

export interface AuditEntry {
  /** 1, 2, 3, ... without gaps: a gap is a deleted entry. */
  seq: number;
  at: Date;
  actor: string;
  action: AuditAction;
  target: string;
  details: JsonObject;
  prevHash: string;
  hash: string;
}

/** The last link of a chain; the store keeps one so that deleting the newest entries is detected too. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export type AuditVerification = { ok: true; checked: number } | { ok: false; brokenAt: number; reason: string };

/** SHA-256 (hex) over the canonical serialization of everything in the entry except its own hash. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const material = canonicalJson({
    v: HASH_FORMAT_VERSION,
    seq: entry.seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    details: entry.details,
    prevHash: entry.prevHash,
  });
  return createHash('sha256').update(material, 'utf8').digest('hex');
}

export function sealAuditEntry(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...entry, hash: hashAuditEntry(entry) };
}

/**
 * Walks a chain one entry at a time, so the store can verify a long log page by page without
 * holding it all in memory. Stops at the first broken link: everything after it is unproven.
 */
export class AuditChainVerifier {
  private expectedSeq: number;
  private prevHash: string;
  private checked = 0;
  private failure: { brokenAt: number; reason: string } | undefined;

  /** `from` is the link the first entry must follow: the genesis unless verifying a suffix. */
  constructor(from: AuditHead = { seq: 0, hash: GENESIS_HASH }) {
    this.expectedSeq = from.seq + 1;
    this.prevHash = from.hash;
  }

  /** Returns false once the chain is broken (further entries are ignored). */
  add(entry: AuditEntry): boolean {
    if (this.failure) return false;
    const problem = this.check(entry);
    if (problem) {
      this.failure = { brokenAt: typeof entry.seq === 'number' ? entry.seq : this.expectedSeq, reason: problem };
      return false;
    }
    this.expectedSeq = entry.seq + 1;
    this.prevHash = entry.hash;
    this.checked += 1;
    return true;
  }

  /** `head`, when known, must be the last entry seen: anything else means entries were removed or rewritten. */
  finish(head?: AuditHead): AuditVerification {
    if (this.failure) return { ok: false, ...this.failure };
    const lastSeq = this.expectedSeq - 1;
    if (head && head.seq > lastSeq) {
      return {
        ok: false,
        brokenAt: lastSeq + 1,
        reason: `entries ${lastSeq + 1} to ${head.seq} are missing (the recorded head is entry ${head.seq})`,
      };
    }
    if (head && head.seq < lastSeq) {
      return {
        ok: false,
        brokenAt: head.seq + 1,
        reason: `entries after ${head.seq} are not covered by the recorded head`,
      };
    }
    if (head && head.hash !== this.prevHash) {
      return {
        ok: false,
        brokenAt: lastSeq,
        reason: `entry ${lastSeq} is not the recorded head: the chain was rewritten`,
      };
    }
    return { ok: true, checked: this.checked };
  }

  private check(entry: AuditEntry): string | undefined {
    if (entry.seq !== this.expectedSeq) return `expected entry ${this.expectedSeq} but found entry ${entry.seq}`;
    if (entry.prevHash !== this.prevHash)
      return `entry ${entry.seq} does not follow the previous entry (prevHash mismatch)`;
    if (!isAuditAction(entry.action)) return `entry ${entry.seq} has an unknown action "${String(entry.action)}"`;
    let recomputed: string;
    try {
      recomputed = hashAuditEntry(entry);
    } catch (error) {
      return `entry ${entry.seq} cannot be serialized: ${(error as Error).message}`;
    }
    if (recomputed !== entry.hash) return `entry ${entry.seq} was altered (its content does not match its hash)`;
    return undefined;
  }
}

/** Verifies entries in the order given, from the genesis (or `from`), and against `head` when known. */
export function verifyAuditChain(
  entries: readonly AuditEntry[],
  options: { from?: AuditHead; head?: AuditHead } = {},
): AuditVerification {
  const verifier = new AuditChainVerifier(options.from);
  for (const entry of entries) {
    if (!verifier.add(entry)) break;
  }
  return verifier.finish(options.head);
}
