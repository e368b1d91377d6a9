/**
 * Collaborations: a user's role on a file or folder, optionally expiring. Expiry is recorded but,
 * as in Box without the enterprise setting, only enforced when the emulator is told to.
 */

import { capabilitiesOf } from '../access';
import { itemActivity } from '../activity';
import type { Caller, Services } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { empty, intParam, isObject, json, jsonBody, type EmulatorRequest } from '../http';
import { loadVisible, parseItemId, requireCapability } from '../items';
import type { Route } from '../router';
import {
  COLLABORATION_ROLES,
  collaborationsOnItem,
  deleteCollaboration,
  findCollaboration,
  getCollaboration,
  insertCollaboration,
  purgeExpired,
  updateCollaboration,
  type CollaborationRole,
  type CollaborationRow,
} from '../state/collaborations';
import { chain, getItem, type ItemType } from '../state/items';
import { EMAIL_PATTERN, ensureExternalUser, getUser, getUserByLogin, type UserRow } from '../state/users';
import { boxDateTime, parseDateTime } from '../time';
import { pick, requestedFields, type FieldProviders } from '../views/fields';
import { itemMini } from '../views/items';
import { NO_USER, userMini } from '../views/users';

function policy(services: Services, caller: Caller): { enforce: boolean; now: number } {
  return { enforce: services.settings.enforceCollaborationExpiry, now: caller.now };
}

function collaborationView(
  services: Services,
  row: CollaborationRow,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  const user = getUser(services.db, row.user_id);
  const creator = getUser(services.db, row.created_by);
  const item = getItem(services.db, row.item_id);
  const providers: FieldProviders = {
    type: () => 'collaboration',
    id: () => String(row.id),
    created_by: () => (creator ? userMini(creator) : NO_USER),
    created_at: () => boxDateTime(row.created_at),
    modified_at: () => boxDateTime(row.modified_at),
    expires_at: () => (row.expires_at === null ? null : boxDateTime(row.expires_at)),
    status: () => row.status,
    accessible_by: () => (user ? { ...userMini(user), is_active: user.status === 'active' } : NO_USER),
    invite_email: () => null,
    role: () => row.role,
    acknowledged_at: () => boxDateTime(row.created_at),
    item: () => (item ? itemMini(item) : null),
    is_access_only: () => row.is_access_only === 1,
  };
  const defaults = [
    'created_by',
    'created_at',
    'modified_at',
    'expires_at',
    'status',
    'accessible_by',
    'invite_email',
    'role',
    'acknowledged_at',
    'item',
    'is_access_only',
  ];
  return pick(providers, ['type', 'id'], fields, defaults);
}

function parseGrantee(services: Services, raw: unknown, now: number): UserRow {
  if (!isObject(raw) || typeof raw.type !== 'string') throw badRequest("'accessible_by' with a 'type' is required");
  if (raw.type !== 'user')
    throw badRequest(`Collaborations with accessible_by.type '${raw.type}' are not supported by the emulator`);
  if (typeof raw.id === 'string' && raw.id !== '') {
    const user = /^\d+$/.test(raw.id) ? getUser(services.db, Number(raw.id)) : undefined;
    if (!user) throw notFound({ name: 'accessible_by', id: raw.id });
    return user;
  }
  if (typeof raw.login === 'string' && raw.login !== '') {
    // An address nobody in the enterprise has is a person outside it, invited by email as Box does.
    if (!EMAIL_PATTERN.test(raw.login))
      throw badRequest(`Invalid value '${raw.login}' for 'accessible_by.login'; it must be an email address`);
    return getUserByLogin(services.db, raw.login) ?? ensureExternalUser(services.db, raw.login, now);
  }
  throw badRequest("'accessible_by' needs an 'id' or a 'login'");
}

function parseExpiry(raw: unknown, now: number): number | null {
  if (raw === undefined || raw === null) return null;
  const ms = parseDateTime(raw);
  if (ms === null || ms <= now)
    throw badRequest(`Invalid value '${String(raw)}' for 'expires_at'; it must be a future date-time`);
  return ms;
}

/** Who may see a collaboration: anyone who can see its item, and the collaborator. */
function loadCollaboration(
  services: Services,
  caller: Caller,
  req: EmulatorRequest,
): { row: CollaborationRow; canManage: boolean } {
  purgeExpired(services.db, policy(services, caller));
  const id = req.params.collaboration_id;
  const row = /^\d+$/.test(id) ? getCollaboration(services.db, Number(id)) : undefined;
  if (!row) throw notFound({ name: 'collaboration', id });
  const caps = capabilitiesOf(caller.access.roleOnChain(chain(services.db, row.item_id)));
  const isCollaborator = row.user_id === caller.user.id;
  if (!caps.view && !isCollaborator) throw notFound({ name: 'collaboration', id });
  return { row, canManage: caps.invite || isCollaborator };
}

function listHandler(type: ItemType) {
  return (req: EmulatorRequest, services: Services, caller: Caller) => {
    const param = type === 'file' ? 'file_id' : 'folder_id';
    const visible = loadVisible(
      services,
      caller,
      parseItemId(req.params[param], type, type === 'file' ? 'f_' : 'd_'),
      type,
      type,
    );
    const rows = collaborationsOnItem(services.db, visible.item.id, policy(services, caller));
    const limit = intParam(req, 'limit', 100, 1, 1000);
    const marker = req.query.get('marker');
    const after = marker ? Number(Buffer.from(marker, 'base64url').toString('utf8')) : 0;
    const page = rows.filter((row) => row.id > after).slice(0, limit);
    const more = rows.filter((row) => row.id > after).length > limit;
    const fields = requestedFields(req);
    return json(200, {
      entries: page.map((row) => collaborationView(services, row, fields)),
      limit,
      next_marker: more ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null,
    });
  };
}

export const collaborationRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/collaborations',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      if (
        !isObject(body.item) ||
        (body.item.type !== 'file' && body.item.type !== 'folder') ||
        typeof body.item.id !== 'string'
      ) {
        throw badRequest("'item' with a 'type' of file or folder and an 'id' is required");
      }
      const role = body.role;
      if (typeof role !== 'string' || !COLLABORATION_ROLES.includes(role as CollaborationRole)) {
        throw badRequest(
          `Invalid value '${String(role)}' for 'role'; expected one of ${COLLABORATION_ROLES.join(', ')}`,
        );
      }
      const type = body.item.type;
      const visible = loadVisible(
        services,
        caller,
        parseItemId(body.item.id, 'item', type === 'file' ? 'f_' : 'd_'),
        type,
        'item',
      );
      requireCapability(visible, 'invite');
      const user = services.db.transaction(() => parseGrantee(services, body.accessible_by, caller.now))();
      const expiresAt = parseExpiry(body.expires_at, caller.now);
      const row = services.db.transaction(() => {
        purgeExpired(services.db, policy(services, caller));
        if (user.id === visible.item.owner_id || findCollaboration(services.db, visible.item.id, user.id)) {
          throw badRequest('User is already a collaborator', undefined, 'user_already_collaborator');
        }
        return insertCollaboration(
          services.db,
          {
            itemId: visible.item.id,
            userId: user.id,
            role: role as CollaborationRole,
            expiresAt,
            isAccessOnly: body.is_access_only === true,
            createdBy: caller.user.id,
          },
          caller.now,
        );
      })();
      itemActivity(services, visible.item, caller.user.id, {
        userEventType: 'COLLAB_ADD_COLLABORATOR',
        enterpriseEventType: 'COLLABORATION_INVITE',
        trigger: 'COLLABORATION.CREATED',
        additionalDetails: { collaboration_id: String(row.id), role: row.role, invitee_login: user.login },
      });
      return json(201, collaborationView(services, row, requestedFields(req)));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/collaborations/:collaboration_id',
    access: 'api',
    handler: (req, services, caller) =>
      json(200, collaborationView(services, loadCollaboration(services, caller, req).row, requestedFields(req))),
  },
  {
    // Box requires the role and accepts a new expires_at (the bot re-grants a person this way).
    method: 'PUT',
    pattern: '/2.0/collaborations/:collaboration_id',
    access: 'api',
    handler: (req, services, caller) => {
      const { row } = loadCollaboration(services, caller, req);
      const caps = capabilitiesOf(caller.access.roleOnChain(chain(services.db, row.item_id)));
      if (!caps.invite) throw forbidden();
      const body = jsonBody(req);
      if (typeof body.role !== 'string' || !COLLABORATION_ROLES.includes(body.role as CollaborationRole)) {
        throw badRequest(
          `Invalid value '${String(body.role)}' for 'role'; expected one of ${COLLABORATION_ROLES.join(', ')}`,
        );
      }
      const expiresAt = body.expires_at === undefined ? undefined : parseExpiry(body.expires_at, caller.now);
      const updated = updateCollaboration(
        services.db,
        row.id,
        { role: body.role as CollaborationRole, ...(expiresAt === undefined ? {} : { expiresAt }) },
        caller.now,
      );
      return json(200, collaborationView(services, updated, requestedFields(req)));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/collaborations/:collaboration_id',
    access: 'api',
    handler: (req, services, caller) => {
      const { row, canManage } = loadCollaboration(services, caller, req);
      if (!canManage) throw forbidden();
      deleteCollaboration(services.db, row.id);
      return empty(204);
    },
  },
  { method: 'GET', pattern: '/2.0/files/:file_id/collaborations', access: 'api', handler: listHandler('file') },
  { method: 'GET', pattern: '/2.0/folders/:folder_id/collaborations', access: 'api', handler: listHandler('folder') },
];
