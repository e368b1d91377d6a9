/**
 * Collaborations as stored: a user's role on an item, optionally expiring, and the queries access
 * checks and listings use.
 */

import { nextId, sql, type Db } from './db';

export type CollaborationRole =
  'editor' | 'viewer' | 'previewer' | 'uploader' | 'previewer uploader' | 'viewer uploader' | 'co-owner';

export const COLLABORATION_ROLES: readonly CollaborationRole[] = [
  'editor',
  'viewer',
  'previewer',
  'uploader',
  'previewer uploader',
  'viewer uploader',
  'co-owner',
];

export interface CollaborationRow {
  id: number;
  item_id: number;
  user_id: number;
  role: CollaborationRole;
  status: 'accepted' | 'pending' | 'rejected';
  expires_at: number | null;
  is_access_only: number;
  created_by: number;
  created_at: number;
  modified_at: number;
}

/**
 * Whether expired collaborations still count. Box removes them only when an enterprise setting is
 * on, so by default an expired collaboration keeps granting access until someone deletes it.
 */
export interface ExpiryPolicy {
  enforce: boolean;
  now: number;
}

function live(row: CollaborationRow, policy: ExpiryPolicy): boolean {
  return row.status === 'accepted' && (!policy.enforce || row.expires_at === null || row.expires_at > policy.now);
}

export function getCollaboration(db: Db, id: number): CollaborationRow | undefined {
  return sql(db, 'SELECT * FROM collaborations WHERE id = ?').get(id) as CollaborationRow | undefined;
}

export function findCollaboration(db: Db, itemId: number, userId: number): CollaborationRow | undefined {
  return sql(db, 'SELECT * FROM collaborations WHERE item_id = ? AND user_id = ?').get(itemId, userId) as
    CollaborationRow | undefined;
}

export function collaborationsOnItem(db: Db, itemId: number, policy: ExpiryPolicy): CollaborationRow[] {
  const rows = sql(db, 'SELECT * FROM collaborations WHERE item_id = ? ORDER BY id').all(itemId) as CollaborationRow[];
  return rows.filter((row) => live(row, policy));
}

/** The user's live collaborations, keyed by item id. */
export function collaborationsOfUser(db: Db, userId: number, policy: ExpiryPolicy): Map<number, CollaborationRow> {
  const rows = sql(db, 'SELECT * FROM collaborations WHERE user_id = ?').all(userId) as CollaborationRow[];
  return new Map(rows.filter((row) => live(row, policy)).map((row) => [row.item_id, row]));
}

export function hasCollaborations(db: Db, itemId: number, policy: ExpiryPolicy): boolean {
  return collaborationsOnItem(db, itemId, policy).length > 0;
}

export interface NewCollaboration {
  itemId: number;
  userId: number;
  role: CollaborationRole;
  expiresAt: number | null;
  isAccessOnly: boolean;
  createdBy: number;
}

export function insertCollaboration(db: Db, collab: NewCollaboration, now: number): CollaborationRow {
  const id = nextId(db, 'collaboration');
  sql(
    db,
    `INSERT INTO collaborations (id, item_id, user_id, role, status, expires_at, is_access_only, created_by, created_at, modified_at)
     VALUES (?, ?, ?, ?, 'accepted', ?, ?, ?, ?, ?)`,
  ).run(
    id,
    collab.itemId,
    collab.userId,
    collab.role,
    collab.expiresAt,
    collab.isAccessOnly ? 1 : 0,
    collab.createdBy,
    now,
    now,
  );
  return getCollaboration(db, id) as CollaborationRow;
}

/** Changes the role and/or expiry (null: never expires); other fields stay. */
export function updateCollaboration(
  db: Db,
  id: number,
  change: { role?: CollaborationRole; expiresAt?: number | null },
  now: number,
): CollaborationRow {
  const current = getCollaboration(db, id) as CollaborationRow;
  sql(db, 'UPDATE collaborations SET role = ?, expires_at = ?, modified_at = ? WHERE id = ?').run(
    change.role ?? current.role,
    change.expiresAt === undefined ? current.expires_at : change.expiresAt,
    now,
    id,
  );
  return getCollaboration(db, id) as CollaborationRow;
}

export function deleteCollaboration(db: Db, id: number): void {
  sql(db, 'DELETE FROM collaborations WHERE id = ?').run(id);
}

/** Drops collaborations that have expired, when the enterprise enforces expiry. */
export function purgeExpired(db: Db, policy: ExpiryPolicy): void {
  if (policy.enforce)
    sql(db, 'DELETE FROM collaborations WHERE expires_at IS NOT NULL AND expires_at <= ?').run(policy.now);
}
