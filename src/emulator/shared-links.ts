/**
 * Applying `shared_link` from PUT /files/:id: create, change or (with null) remove the link, with
 * Box's rules: passwords only on open links, unshared_at in the future, previews always allowed.
 * Properties not given keep their current values.
 */

import { createHash, randomBytes } from 'node:crypto';
import { badRequest } from './errors';
import { isObject } from './http';
import type { ItemRow } from './state/items';
import { parseDateTime } from './time';
import { readSharedLink, type StoredSharedLink } from './views/shared-link';

const ACCESS_LEVELS = ['open', 'company', 'collaborators'] as const;

function hashPassword(password: string): string {
  const salt = randomBytes(8).toString('hex');
  return `${salt}:${createHash('sha256')
    .update(salt + password)
    .digest('hex')}`;
}

function newToken(): string {
  return randomBytes(20).toString('hex').slice(0, 32);
}

export function applySharedLink(item: ItemRow, input: unknown, now: number): StoredSharedLink | null {
  if (input === null) return null;
  if (!isObject(input)) throw badRequest("'shared_link' must be an object or null");
  const current = readSharedLink(item, now);
  const access = input.access ?? current?.access ?? 'company';
  if (!ACCESS_LEVELS.includes(access as (typeof ACCESS_LEVELS)[number])) {
    throw badRequest(`Invalid value '${String(access)}' for 'shared_link.access'`, {
      errors: [{ reason: 'invalid_parameter', name: 'access', message: `Invalid value '${String(access)}'.` }],
    });
  }
  let passwordHash = current?.passwordHash ?? null;
  if ('password' in input) {
    if (input.password !== null && (typeof input.password !== 'string' || input.password.length < 8)) {
      throw badRequest('Password must be at least 8 characters', undefined, 'password_too_short');
    }
    passwordHash = input.password === null ? null : hashPassword(input.password as string);
  }
  if (passwordHash !== null && access !== 'open')
    throw badRequest('Password can only be set on shared links with open access');
  let unsharedAt = current?.unsharedAt ?? null;
  if ('unshared_at' in input) {
    unsharedAt = input.unshared_at === null ? null : parseDateTime(input.unshared_at);
    if (input.unshared_at !== null && (unsharedAt === null || unsharedAt <= now)) {
      throw badRequest(
        `Invalid value '${String(input.unshared_at)}' for 'shared_link.unshared_at'; it must be a future date-time`,
      );
    }
  }
  const permissions = isObject(input.permissions) ? input.permissions : {};
  if (permissions.can_preview === false) throw badRequest("'shared_link.permissions.can_preview' can only be true");
  const canDownload =
    typeof permissions.can_download === 'boolean' ? permissions.can_download : (current?.canDownload ?? true);
  const canEdit = typeof permissions.can_edit === 'boolean' ? permissions.can_edit : (current?.canEdit ?? false);
  if (canEdit && (item.type !== 'file' || !canDownload))
    throw badRequest("'can_edit' requires a file link that allows downloads");
  let vanityName = current?.vanityName ?? null;
  if ('vanity_name' in input) {
    if (
      input.vanity_name !== null &&
      (typeof input.vanity_name !== 'string' || !/^[A-Za-z0-9-]{12,}$/.test(input.vanity_name))
    ) {
      throw badRequest("'vanity_name' must be at least 12 letters, digits or hyphens");
    }
    vanityName = (input.vanity_name as string | null) ?? null;
  }
  return {
    token: current?.token ?? newToken(),
    access: access as StoredSharedLink['access'],
    passwordHash,
    unsharedAt,
    vanityName,
    canDownload,
    canEdit,
    downloadCount: current?.downloadCount ?? 0,
    previewCount: current?.previewCount ?? 0,
  };
}
