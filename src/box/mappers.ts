import type { FileFull } from 'box-node-sdk/schemas';
import type { BoxFile, BoxUser, FolderItem, SharedLink, SharedLinkAccess } from '../footage/ports/box';
import type { Recording } from '../footage/recording';
import { fromInstanceValues, TEMPLATE_KEY } from './recording-template';

/** SDK objects stop here: the rest of the bot sees these plain domain shapes. */

export function toBoxUser(user: { id: string; name?: string; login?: string }): BoxUser {
  return { id: user.id, name: user.name ?? '', login: user.login ?? '' };
}

export function toFolderItem(item: { id: string; name?: string; type: string }): FolderItem | null {
  if (item.type !== 'file' && item.type !== 'folder' && item.type !== 'web_link') return null;
  return { id: item.id, name: item.name ?? '', type: item.type };
}

export function toBoxFile(file: FileFull): BoxFile {
  return {
    id: file.id,
    name: file.name ?? '',
    size: file.size ?? null,
    parentFolderId: file.parent?.id ?? null,
    sha1: file.sha1 ?? null,
    sharedLink: file.sharedLink ? toSharedLink(file.sharedLink) : null,
    ...(file.pathCollection ? { ancestorFolderIds: file.pathCollection.entries.map((folder) => folder.id) } : {}),
  };
}

export function toSharedLink(link: NonNullable<FileFull['sharedLink']>): SharedLink {
  return {
    url: link.url,
    downloadUrl: link.downloadUrl ?? null,
    access: (link.access ?? 'collaborators') as SharedLinkAccess,
    unsharedAt: link.unsharedAt ? link.unsharedAt.value.toISOString() : null,
    canDownload: link.permissions?.canDownload ?? false,
  };
}

/**
 * One entry of a metadata query's raw response: the file and its cctvFootage instance. Read from
 * the raw JSON because the instance sits under `metadata.<scope>.<templateKey>`, keyed by the
 * enterprise. Null for anything that is not a file with a readable instance.
 */
export function toRecording(entry: unknown, scope: string): Recording | null {
  if (!isObject(entry) || entry.type !== 'file' || typeof entry.id !== 'string') return null;
  const metadata = isObject(entry.metadata) ? entry.metadata : undefined;
  const byScope = metadata && isObject(metadata[scope]) ? metadata[scope] : undefined;
  const instance = byScope && isObject(byScope[TEMPLATE_KEY]) ? byScope[TEMPLATE_KEY] : undefined;
  if (!instance) return null;
  const fields = fromInstanceValues(instance);
  if (!fields) return null;
  return { ...fields, fileId: entry.id, fileName: typeof entry.name === 'string' ? entry.name : '' };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
