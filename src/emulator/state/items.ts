/**
 * Files and folders in one table: creation, changes that bump the etag, moves, deletes with what
 * hangs off an item, and the tree walks (ancestors, subtree, sizes) permission checks need.
 */

import { nextId, sql, type Db } from './db';

export type ItemType = 'file' | 'folder';

export interface ItemRow {
  id: number;
  type: ItemType;
  name: string;
  name_key: string;
  parent_id: number;
  owner_id: number;
  created_by: number;
  modified_by: number;
  description: string;
  created_at: number;
  modified_at: number;
  content_created_at: number | null;
  content_modified_at: number | null;
  etag: number;
  size: number;
  sha1: string | null;
  version_id: number | null;
  version_number: number | null;
  shared_link: string | null;
}

export const ROOT_ID = 0;

/** Box compares names case-insensitively within a folder (files and folders share one namespace). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export function getItem(db: Db, id: number): ItemRow | undefined {
  return sql(db, 'SELECT * FROM items WHERE id = ?').get(id) as ItemRow | undefined;
}

/**
 * The item with this name in a folder. Each user has their own root, so at the root only the
 * owner's own top-level items can clash.
 */
export function findByName(db: Db, parentId: number, name: string, rootOwnerId: number): ItemRow | undefined {
  if (parentId === ROOT_ID) {
    return sql(db, 'SELECT * FROM items WHERE parent_id = 0 AND owner_id = ? AND name_key = ?').get(
      rootOwnerId,
      nameKey(name),
    ) as ItemRow | undefined;
  }
  return sql(db, 'SELECT * FROM items WHERE parent_id = ? AND name_key = ?').get(parentId, nameKey(name)) as
    ItemRow | undefined;
}

export interface NewItem {
  type: ItemType;
  name: string;
  parentId: number;
  ownerId: number;
  actorId: number;
  contentCreatedAt?: number | null;
  contentModifiedAt?: number | null;
  size?: number;
  sha1?: string;
  description?: string;
}

export function insertItem(db: Db, item: NewItem, now: number): ItemRow {
  const id = nextId(db, 'item');
  const isFile = item.type === 'file';
  sql(
    db,
    `INSERT INTO items (id, type, name, name_key, parent_id, owner_id, created_by, modified_by, description, created_at, modified_at,
       content_created_at, content_modified_at, size, sha1, version_id, version_number)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    item.type,
    item.name,
    nameKey(item.name),
    item.parentId,
    item.ownerId,
    item.actorId,
    item.actorId,
    item.description ?? '',
    now,
    now,
    item.contentCreatedAt ?? (isFile ? now : null),
    item.contentModifiedAt ?? (isFile ? now : null),
    item.size ?? 0,
    item.sha1 ?? null,
    isFile ? nextId(db, 'version') : null,
    isFile ? 1 : null,
  );
  if (item.parentId !== ROOT_ID) touch(db, item.parentId, item.actorId, now);
  return getItem(db, id) as ItemRow;
}

/** A change to an item bumps its etag, as Box's does. */
export function touch(db: Db, id: number, actorId: number, now: number): void {
  sql(db, 'UPDATE items SET etag = etag + 1, modified_at = ?, modified_by = ? WHERE id = ?').run(now, actorId, id);
}

export function setSharedLink(db: Db, id: number, sharedLinkJson: string | null, actorId: number, now: number): void {
  sql(db, 'UPDATE items SET shared_link = ? WHERE id = ?').run(sharedLinkJson, id);
  touch(db, id, actorId, now);
}

export function renameItem(db: Db, id: number, name: string, actorId: number, now: number): void {
  sql(db, 'UPDATE items SET name = ?, name_key = ? WHERE id = ?').run(name, nameKey(name), id);
  touch(db, id, actorId, now);
}

export function setDescription(db: Db, id: number, description: string, actorId: number, now: number): void {
  sql(db, 'UPDATE items SET description = ? WHERE id = ?').run(description, id);
  touch(db, id, actorId, now);
}

/** The item followed by its ancestors up to (not including) the root. */
export function chain(db: Db, id: number): ItemRow[] {
  return sql(
    db,
    `WITH RECURSIVE up(id, depth) AS (
       SELECT id, 0 FROM items WHERE id = ?
       UNION ALL SELECT i.parent_id, up.depth + 1 FROM items i JOIN up ON i.id = up.id WHERE i.parent_id <> 0
     )
     SELECT items.* FROM up JOIN items ON items.id = up.id ORDER BY up.depth`,
  ).all(id) as ItemRow[];
}

/** Ids of a folder and everything beneath it. */
export function subtreeIds(db: Db, folderId: number): Set<number> {
  const rows = sql(
    db,
    `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT i.id FROM items i JOIN down ON i.parent_id = down.id)
     SELECT id FROM down`,
  ).all(folderId) as Array<{ id: number }>;
  return new Set(rows.map((row) => row.id));
}

export function children(db: Db, parentId: number): ItemRow[] {
  return sql(db, 'SELECT * FROM items WHERE parent_id = ?').all(parentId) as ItemRow[];
}

export function topLevelItems(db: Db, ownerId: number): ItemRow[] {
  return sql(db, 'SELECT * FROM items WHERE parent_id = 0 AND owner_id = ?').all(ownerId) as ItemRow[];
}

/** Total size of the files beneath a folder, as Box reports in a folder's `size`. */
export function folderSize(db: Db, folderId: number): number {
  const row = sql(
    db,
    `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT i.id FROM items i JOIN down ON i.parent_id = down.id)
     SELECT COALESCE(SUM(items.size), 0) AS total FROM down JOIN items ON items.id = down.id WHERE items.type = 'file'`,
  ).get(folderId) as { total: number };
  return row.total;
}

export function ownedSize(db: Db, ownerId: number): number {
  const row = sql(db, "SELECT COALESCE(SUM(size), 0) AS total FROM items WHERE owner_id = ? AND type = 'file'").get(
    ownerId,
  ) as { total: number };
  return row.total;
}

/** Moves an item into another folder; Box makes the new folder's owner its owner. */
export function moveItem(db: Db, id: number, parentId: number, ownerId: number, actorId: number, now: number): void {
  const previousParent = getItem(db, id)?.parent_id;
  sql(db, 'UPDATE items SET parent_id = ? WHERE id = ?').run(parentId, id);
  for (const itemId of subtreeIds(db, id)) sql(db, 'UPDATE items SET owner_id = ? WHERE id = ?').run(ownerId, itemId);
  touch(db, id, actorId, now);
  if (previousParent !== undefined && previousParent !== ROOT_ID) touch(db, previousParent, actorId, now);
  if (parentId !== ROOT_ID) touch(db, parentId, actorId, now);
}

/** Tables whose rows belong to an item and go with it. */
const ITEM_OWNED_ROWS = [
  'DELETE FROM collaborations WHERE item_id = ?',
  'DELETE FROM metadata_instances WHERE item_id = ?',
  'DELETE FROM file_requests WHERE folder_id = ?',
  'DELETE FROM anonymous_uploads WHERE item_id = ?',
  'DELETE FROM watermarks WHERE item_id = ?',
  'DELETE FROM webhooks WHERE target_id = ?',
];

/**
 * Removes an item and everything beneath it, with what hangs off them. Content blobs stay: they
 * are shared by SHA-1 between files.
 */
export function deleteSubtree(db: Db, id: number, actorId: number, now: number): void {
  const parentId = getItem(db, id)?.parent_id;
  for (const itemId of subtreeIds(db, id)) {
    for (const statement of ITEM_OWNED_ROWS) sql(db, statement).run(itemId);
    sql(db, 'DELETE FROM items WHERE id = ?').run(itemId);
  }
  if (parentId !== undefined && parentId !== ROOT_ID) touch(db, parentId, actorId, now);
}
