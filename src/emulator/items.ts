/**
 * Loading items for a caller the way Box does: an item the caller cannot see does not exist (404);
 * one they can see but may not act on is forbidden (403).
 */

import { capabilitiesOf, type AccessRole, type Capabilities } from './access';
import type { Caller, Services } from './context';
import { badRequest, BoxApiError, conflict, forbidden, notFound } from './errors';
import { header, type EmulatorRequest } from './http';
import { chain, findByName, getItem, ROOT_ID, type ItemRow, type ItemType } from './state/items';
import { fileMini, folderMini } from './views/items';

export interface VisibleItem {
  item: ItemRow;
  role: AccessRole;
  caps: Capabilities;
}

export function parseItemId(raw: string | undefined, name: string, prefix = ''): number {
  if (raw === undefined || !/^\d+$/.test(raw)) throw notFound({ name, id: raw ?? '', prefix });
  return Number(raw);
}

export function loadVisible(
  services: Services,
  caller: Caller,
  id: number,
  type: ItemType,
  paramName: string,
): VisibleItem {
  const prefix = type === 'file' ? 'f_' : 'd_';
  const item = getItem(services.db, id);
  if (!item || item.type !== type) throw notFound({ name: paramName, id: String(id), prefix });
  const role = caller.access.roleOnChain(chain(services.db, id));
  const caps = capabilitiesOf(role);
  if (!role || !caps.view) throw notFound({ name: paramName, id: String(id), prefix });
  return { item, role, caps };
}

export function requireCapability(visible: VisibleItem, capability: keyof Capabilities): void {
  if (!visible.caps[capability]) throw forbidden();
}

/** A folder to put something into: the caller's root, or a folder they may upload to. Returns the owner new items get. */
export function targetFolder(
  services: Services,
  caller: Caller,
  rawId: unknown,
  paramName: string,
): { folderId: number; ownerId: number } {
  const id = typeof rawId === 'string' ? rawId : typeof rawId === 'number' ? String(rawId) : undefined;
  if (id === undefined)
    throw badRequest(`'${paramName}' is required`, {
      errors: [{ reason: 'missing_parameter', name: paramName, message: `'${paramName}' is required` }],
    });
  const folderId = parseItemId(id, paramName, 'd_');
  if (folderId === ROOT_ID) return { folderId, ownerId: caller.user.id };
  const item = getItem(services.db, folderId);
  if (!item || item.type !== 'folder') throw notFound({ name: paramName, id, prefix: 'd_' });
  const role = caller.access.roleOnChain(chain(services.db, folderId));
  if (!role) throw notFound({ name: paramName, id, prefix: 'd_' });
  if (!capabilitiesOf(role).upload) throw forbidden();
  // Box makes the folder's owner the owner of everything put into it, whoever puts it there.
  return { folderId, ownerId: item.owner_id };
}

/** Box's rules for file and folder names. */
export function validateName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0) {
    throw badRequest("'name' is required", {
      errors: [{ reason: 'missing_parameter', name: 'name', message: "'name' is required" }],
    });
  }
  // Box refuses slashes and control characters in names.
  // eslint-disable-next-line no-control-regex
  const forbidden = /[/\\\x00-\x1f\x7f]/;
  const invalid = name.length > 255 || forbidden.test(name) || name !== name.trimEnd() || name === '.' || name === '..';
  if (invalid) throw badRequest('Item name invalid', undefined, 'item_name_invalid');
  return name;
}

/**
 * 409 item_name_in_use when the name is taken in the folder. Box names the existing item in
 * context_info.conflicts: a list for folder creation, a single object for uploads.
 */
export function assertNameFree(
  services: Services,
  folderId: number,
  name: string,
  rootOwnerId: number,
  shape: 'list' | 'object',
): void {
  const existing = findByName(services.db, folderId, name, rootOwnerId);
  if (!existing) return;
  const mini = existing.type === 'file' ? fileMini(existing) : folderMini(existing);
  throw conflict('item_name_in_use', 'Item with the same name already exists', {
    conflicts: shape === 'list' ? [mini] : mini,
  });
}

/** `if-match`: Box refuses a change to an item (or a file request) whose etag has moved on. */
export function assertEtag(req: EmulatorRequest, etag: number | string): void {
  const ifMatch = header(req, 'if-match');
  if (ifMatch !== undefined && ifMatch !== String(etag))
    throw new BoxApiError(
      412,
      'precondition_failed',
      'The resource has been modified. Please retrieve the resource again and retry',
    );
}
