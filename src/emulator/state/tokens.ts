/**
 * Issued access tokens, kept only as SHA-256 hashes: the database never holds a usable token, and
 * tokens survive a restart of the emulator as they would survive a restart of a client.
 */

import { createHash } from 'node:crypto';
import { sql, type Db } from './db';

export type SubjectType = 'enterprise' | 'user';

export interface TokenRow {
  user_id: number;
  subject_type: SubjectType;
  expires_at: number;
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function saveToken(db: Db, token: string, row: TokenRow): void {
  sql(db, 'DELETE FROM tokens WHERE expires_at < ?').run(row.expires_at - 2 * 3600_000);
  sql(db, 'INSERT INTO tokens (token_hash, user_id, subject_type, expires_at) VALUES (?, ?, ?, ?)').run(
    hash(token),
    row.user_id,
    row.subject_type,
    row.expires_at,
  );
}

export function findToken(db: Db, token: string): TokenRow | undefined {
  return sql(db, 'SELECT user_id, subject_type, expires_at FROM tokens WHERE token_hash = ?').get(hash(token)) as
    TokenRow | undefined;
}
