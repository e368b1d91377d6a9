/**
 * Users of the one enterprise (managed users, app users, the app's service account) and people
 * outside it invited by email; logins are unique whatever their case.
 */

import { randomBytes } from 'node:crypto';
import { getMeta, nextId, setMeta, sql, type Db } from './db';

export interface UserRow {
  id: number;
  name: string;
  login: string;
  is_platform_access_only: number;
  is_service_account: number;
  role: 'admin' | 'coadmin' | 'user';
  status: 'active' | 'inactive' | 'cannot_delete_edit' | 'cannot_delete_edit_upload';
  job_title: string;
  phone: string;
  address: string;
  language: string;
  timezone: string;
  space_amount: number;
  external_app_user_id: string | null;
  created_at: number;
  modified_at: number;
}

export interface NewUser {
  name: string;
  login?: string;
  isPlatformAccessOnly: boolean;
  role?: 'coadmin' | 'user';
  jobTitle?: string;
  phone?: string;
  address?: string;
  language?: string;
  timezone?: string;
  spaceAmount?: number;
  externalAppUserId?: string;
}

/** What Box takes as an email address (a login, an invitee, a file request submitter). */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Box's logins are case-insensitive: two users may not share one whatever its case. */
export function loginKey(login: string): string {
  return login.trim().toLowerCase();
}

export function getUser(db: Db, id: number): UserRow | undefined {
  return sql(db, 'SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function getUserByLogin(db: Db, login: string): UserRow | undefined {
  return sql(db, 'SELECT * FROM users WHERE login_key = ?').get(loginKey(login)) as UserRow | undefined;
}

/** App users get a generated login in Box's developer-edition domain, as Box does. */
function appUserLogin(id: number, prefix: string): string {
  return `${prefix}_${id}_${randomBytes(5).toString('hex')}@boxdevedition.com`;
}

export function insertUser(db: Db, user: NewUser, now: number, opts: { serviceAccount?: boolean } = {}): UserRow {
  const id = nextId(db, 'user');
  const login = user.login ?? appUserLogin(id, opts.serviceAccount ? 'AutomationUser' : 'AppUser');
  sql(
    db,
    `INSERT INTO users (id, name, login, login_key, is_platform_access_only, is_service_account, role, status, job_title, phone,
       address, language, timezone, space_amount, external_app_user_id, created_at, modified_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    user.name,
    login,
    loginKey(login),
    user.isPlatformAccessOnly ? 1 : 0,
    opts.serviceAccount ? 1 : 0,
    user.role ?? 'user',
    user.jobTitle ?? '',
    user.phone ?? '',
    user.address ?? '',
    user.language ?? 'en',
    user.timezone ?? 'Europe/London',
    user.spaceAmount ?? -1,
    user.externalAppUserId ?? null,
    now,
    now,
  );
  return getUser(db, id) as UserRow;
}

export interface UserFilter {
  filterTerm?: string;
  userType: 'all' | 'managed' | 'external';
  externalAppUserId?: string;
}

/**
 * Box matches filter_term against the start of the login or of the name (and of each word of the
 * name, so "carter" finds "PC Alice Carter"), case-insensitively. People outside the enterprise
 * (invited by email) are listed only with `user_type=external`.
 */
export function listUsers(db: Db, filter: UserFilter): UserRow[] {
  const external = new Set(
    (sql(db, 'SELECT user_id FROM external_users').all() as Array<{ user_id: number }>).map((row) => row.user_id),
  );
  const rows = (sql(db, 'SELECT * FROM users ORDER BY id').all() as UserRow[]).filter(
    (row) => external.has(row.id) === (filter.userType === 'external'),
  );
  const term = filter.filterTerm?.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter.externalAppUserId !== undefined && row.external_app_user_id !== filter.externalAppUserId) return false;
    if (!term) return true;
    const name = row.name.toLowerCase();
    return (
      row.login.toLowerCase().startsWith(term) ||
      name.startsWith(term) ||
      name.split(/\s+/).some((word) => word.startsWith(term))
    );
  });
}

/** The app's service account: created on first start, owner of everything the enterprise token creates. */
export function ensureServiceAccount(db: Db, now: number): UserRow {
  const existing = getMeta(db, 'service_account_id');
  if (existing) return getUser(db, Number(existing)) as UserRow;
  return db.transaction(() => {
    const user = insertUser(
      db,
      { name: 'CCTV Footage (Box emulator service account)', isPlatformAccessOnly: true },
      now,
      { serviceAccount: true },
    );
    setMeta(db, 'service_account_id', String(user.id));
    return user;
  })();
}

export function isExternalUser(db: Db, userId: number): boolean {
  return sql(db, 'SELECT 1 FROM external_users WHERE user_id = ?').get(userId) !== undefined;
}

/**
 * Someone outside the enterprise, known by the email a collaboration was sent to. Box keeps them
 * out of the enterprise's user list; the emulator lets tests act as them through a control route.
 */
export function ensureExternalUser(db: Db, login: string, now: number): UserRow {
  const existing = getUserByLogin(db, login);
  if (existing) return existing;
  const user = insertUser(db, { name: login, login, isPlatformAccessOnly: false }, now);
  sql(db, 'INSERT INTO external_users (user_id) VALUES (?)').run(user.id);
  return user;
}
