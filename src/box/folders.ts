import { ConflictError, NotFoundError } from '../footage/errors';
import type { Ensured, FolderItem } from '../footage/ports/box';
import type { BoxContext } from './context';
import { boxStep } from './errors';
import { toFolderItem } from './mappers';

export const ROOT_FOLDER_ID = '0';
const PAGE = 1000;

/** Every item of a folder, following Box's markers to the end. */
export async function listFolder(ctx: BoxContext, folderId: string): Promise<FolderItem[]> {
  const items: FolderItem[] = [];
  let marker: string | undefined;
  do {
    const page = await boxStep('Listing a Box folder', () =>
      ctx.client.folders.getFolderItems(folderId, {
        queryParams: { fields: ['id', 'name', 'type'], usemarker: true, limit: PAGE, ...(marker ? { marker } : {}) },
      }),
    );
    for (const entry of page.entries ?? []) {
      const item = toFolderItem(entry as { id: string; name?: string; type: string });
      if (item) items.push(item);
    }
    marker = page.nextMarker ?? undefined;
  } while (marker);
  return items;
}

/** Box compares item names without regard to case; an exact match is still preferred. */
function findByName(items: FolderItem[], name: string, type: FolderItem['type']): FolderItem | undefined {
  const sameType = items.filter((item) => item.type === type);
  return (
    sameType.find((item) => item.name === name) ??
    sameType.find((item) => item.name.toLowerCase() === name.toLowerCase())
  );
}

export async function findItemByName(
  ctx: BoxContext,
  folderId: string,
  name: string,
  type: FolderItem['type'],
): Promise<FolderItem | undefined> {
  return findByName(await listFolder(ctx, folderId), name, type);
}

/**
 * Looks before creating, so a second run makes no create calls at all; a 409 (another caller made
 * it in between) resolves to the folder Box names as the conflict.
 */
export async function ensureFolder(ctx: BoxContext, parentId: string, name: string): Promise<Ensured> {
  const existing = await findItemByName(ctx, parentId, name, 'folder');
  if (existing) return { id: existing.id, created: false };
  try {
    const folder = await boxStep('Creating a Box folder', () =>
      ctx.client.folders.createFolder({ name, parent: { id: parentId } }, { queryParams: { fields: ['id', 'name'] } }),
    );
    return { id: folder.id, created: true };
  } catch (error) {
    if (error instanceof ConflictError && error.existingId) return { id: error.existingId, created: false };
    throw error;
  }
}

export async function ensureFolderPath(ctx: BoxContext, names: readonly string[]): Promise<string> {
  let folderId = ROOT_FOLDER_ID;
  for (const name of names) folderId = (await ensureFolder(ctx, folderId, name)).id;
  return folderId;
}

/** Resolves a path without creating anything: NotFoundError names the first missing folder. */
export async function findFolderPath(ctx: BoxContext, names: readonly string[]): Promise<string> {
  let folderId = ROOT_FOLDER_ID;
  for (const name of names) {
    const folder = await findItemByName(ctx, folderId, name, 'folder');
    if (!folder)
      throw new NotFoundError(`Box has no folder ${names.join('/')} (missing: ${name}); has the footage been seeded?`);
    folderId = folder.id;
  }
  return folderId;
}
