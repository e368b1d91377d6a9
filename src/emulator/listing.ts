/**
 * The entries of a folder as the caller sees them, in Box's default order (folders first, then by
 * name), with offset or marker paging. A user's root holds their own top-level items plus the items
 * collaborated with them, as Box's "All Files" does.
 */

import type { Caller, Services } from './context';
import { badRequest } from './errors';
import { children, getItem, ROOT_ID, topLevelItems, type ItemRow } from './state/items';

export function visibleChildren(services: Services, caller: Caller, folderId: number): ItemRow[] {
  if (folderId !== ROOT_ID) return children(services.db, folderId);
  const own = topLevelItems(services.db, caller.user.id);
  const ownIds = new Set(own.map((item) => item.id));
  const shared = caller.access
    .directlyCollaborated()
    .filter((id) => !ownIds.has(id))
    .map((id) => getItem(services.db, id))
    .filter((item): item is ItemRow => item !== undefined);
  return [...own, ...shared];
}

type SortKey = [number, string, number];

function sortKey(item: ItemRow): SortKey {
  return [item.type === 'folder' ? 0 : 1, item.name_key, item.id];
}

function compareKeys(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) || a[2] - b[2];
}

export function sortItems(items: ItemRow[]): ItemRow[] {
  return [...items].sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
}

/** Markers name the last entry returned, so entries added or removed meanwhile never shift a page. */
function encodeMarker(item: ItemRow): string {
  return Buffer.from(JSON.stringify(sortKey(item))).toString('base64url');
}

function decodeMarker(marker: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === 3 &&
      typeof key[0] === 'number' &&
      typeof key[1] === 'string' &&
      typeof key[2] === 'number'
    ) {
      return key as SortKey;
    }
  } catch {
    // reported below
  }
  throw badRequest(`Invalid marker '${marker}'`, undefined, 'invalid_marker');
}

export interface Page {
  entries: ItemRow[];
  totalCount: number;
  /** Present in marker mode when more entries follow. */
  nextMarker?: string;
}

export function offsetPage(items: ItemRow[], offset: number, limit: number): Page {
  const sorted = sortItems(items);
  return { entries: sorted.slice(offset, offset + limit), totalCount: sorted.length };
}

export function markerPage(items: ItemRow[], marker: string | null, limit: number): Page {
  const sorted = sortItems(items);
  const start = marker ? sorted.findIndex((item) => compareKeys(sortKey(item), decodeMarker(marker)) > 0) : 0;
  const from = start === -1 ? sorted.length : start;
  const entries = sorted.slice(from, from + limit);
  const more = from + limit < sorted.length;
  return {
    entries,
    totalCount: sorted.length,
    nextMarker: more && entries.length > 0 ? encodeMarker(entries[entries.length - 1]) : undefined,
  };
}
