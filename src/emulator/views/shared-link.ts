/**
 * Shared links: how one is stored on an item (password only as a salted hash) and how Box shows it
 * (URLs, effective access and permissions, expiry).
 */

import type { Services } from '../context';
import type { ItemRow } from '../state/items';
import { boxDateTime } from '../time';

/** A shared link as stored on an item (the password only as a salted hash). */
export interface StoredSharedLink {
  token: string;
  access: 'open' | 'company' | 'collaborators';
  passwordHash: string | null;
  unsharedAt: number | null;
  vanityName: string | null;
  canDownload: boolean;
  canEdit: boolean;
  downloadCount: number;
  previewCount: number;
}

/** The item's live shared link: Box removes a link itself once its unshared_at has passed. */
export function readSharedLink(item: ItemRow, now: number): StoredSharedLink | null {
  if (!item.shared_link) return null;
  const link = JSON.parse(item.shared_link) as StoredSharedLink;
  return link.unsharedAt !== null && link.unsharedAt <= now ? null : link;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The shared_link field as Box returns it; null when the item has none. */
export function sharedLinkView(item: ItemRow, services: Services, now: number): Record<string, unknown> | null {
  const link = readSharedLink(item, now);
  if (!link) return null;
  const ext = extensionOf(item.name);
  return {
    url: `${services.urls.base}/s/${link.token}`,
    download_url:
      item.type === 'file' && link.canDownload
        ? `${services.urls.base}/shared/static/${link.token}${ext ? `.${ext}` : ''}`
        : null,
    vanity_url: link.vanityName ? `${services.urls.base}/v/${link.vanityName}` : null,
    vanity_name: link.vanityName,
    access: link.access,
    effective_access: link.access,
    effective_permission: link.canEdit ? 'can_edit' : link.canDownload ? 'can_download' : 'can_preview',
    unshared_at: link.unsharedAt === null ? null : boxDateTime(link.unsharedAt),
    is_password_enabled: link.passwordHash !== null,
    permissions: { can_download: link.canDownload, can_preview: true, can_edit: link.canEdit },
    download_count: link.downloadCount,
    preview_count: link.previewCount,
  };
}
