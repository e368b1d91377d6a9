/**
 * Users: the caller (`/users/me`), one user, and the enterprise's list and new users, which only
 * the app's service account may manage, as in Box.
 */

import type { Caller } from '../context';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { intParam, json, jsonBody, type EmulatorRequest } from '../http';
import type { Route } from '../router';
import { EMAIL_PATTERN, getUser, getUserByLogin, insertUser, listUsers, type UserFilter } from '../state/users';
import { requestedFields } from '../views/fields';
import { userView } from '../views/users';

/** Managing users needs the app's own (enterprise) identity; Box refuses it to ordinary users. */
function requireServiceAccount(caller: Caller): void {
  if (!caller.isServiceAccount) throw forbidden();
}

function userType(req: EmulatorRequest): UserFilter['userType'] {
  const value = req.query.get('user_type') ?? 'all';
  if (value !== 'all' && value !== 'managed' && value !== 'external')
    throw badRequest(`Invalid value '${value}' for query parameter 'user_type'`);
  return value;
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/2.0/users/me',
    access: 'api',
    handler: (req, services, caller) => json(200, userView(caller.user, services, requestedFields(req))),
  },
  {
    method: 'GET',
    pattern: '/2.0/users',
    access: 'api',
    handler: (req, services, caller) => {
      requireServiceAccount(caller);
      const users = listUsers(services.db, {
        filterTerm: req.query.get('filter_term') ?? undefined,
        userType: userType(req),
        externalAppUserId: req.query.get('external_app_user_id') ?? undefined,
      });
      const fields = requestedFields(req);
      const limit = intParam(req, 'limit', 100, 1, 1000);
      if (req.query.get('usemarker') === 'true') {
        const marker = req.query.get('marker');
        const start = marker
          ? users.findIndex((u) => u.id > Number(Buffer.from(marker, 'base64url').toString('utf8')))
          : 0;
        const from = start === -1 ? users.length : start;
        const page = users.slice(from, from + limit);
        const more = from + limit < users.length;
        return json(200, {
          limit,
          ...(more
            ? { next_marker: Buffer.from(String(page[page.length - 1].id)).toString('base64url') }
            : { next_marker: null }),
          entries: page.map((u) => userView(u, services, fields)),
        });
      }
      const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      return json(200, {
        total_count: users.length,
        limit,
        offset,
        entries: users.slice(offset, offset + limit).map((u) => userView(u, services, fields)),
      });
    },
  },
  {
    method: 'POST',
    pattern: '/2.0/users',
    access: 'api',
    handler: (req, services, caller) => {
      requireServiceAccount(caller);
      const body = jsonBody(req);
      const appUser = body.is_platform_access_only === true;
      if (typeof body.name !== 'string' || body.name.trim() === '')
        throw badRequest("'name' is required", {
          errors: [{ reason: 'missing_parameter', name: 'name', message: "'name' is required" }],
        });
      if (body.name.length > 50) throw badRequest("'name' must be at most 50 characters");
      const login = typeof body.login === 'string' ? body.login.trim() : undefined;
      if (!appUser && !login)
        throw badRequest("'login' is required", {
          errors: [{ reason: 'missing_parameter', name: 'login', message: "'login' is required" }],
        });
      if (login !== undefined && !EMAIL_PATTERN.test(login)) throw badRequest(`Invalid value '${login}' for 'login'`);
      if (login !== undefined && getUserByLogin(services.db, login))
        throw conflict('user_login_already_used', 'User with the specified login already exists');
      const role = body.role === 'coadmin' ? 'coadmin' : 'user';
      const str = (key: string): string | undefined =>
        typeof body[key] === 'string' ? (body[key] as string) : undefined;
      const user = services.db.transaction(() =>
        insertUser(
          services.db,
          {
            name: body.name as string,
            login: appUser ? undefined : login,
            isPlatformAccessOnly: appUser,
            role,
            jobTitle: str('job_title'),
            phone: str('phone'),
            address: str('address'),
            language: str('language'),
            timezone: str('timezone'),
            spaceAmount: typeof body.space_amount === 'number' ? body.space_amount : undefined,
            externalAppUserId: str('external_app_user_id'),
          },
          caller.now,
        ),
      )();
      return json(201, userView(user, services, requestedFields(req)));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/users/:user_id',
    access: 'api',
    handler: (req, services) => {
      const user = /^\d+$/.test(req.params.user_id) ? getUser(services.db, Number(req.params.user_id)) : undefined;
      if (!user) throw notFound({ name: 'user', id: req.params.user_id });
      return json(200, userView(user, services, requestedFields(req)));
    },
  },
];
