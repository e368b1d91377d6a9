/**
 * Users as Box returns them: the mini form inside other objects, the standard form and any field
 * on request, and the stand-ins Box uses for nobody and for people without a Box account.
 */

import type { Services } from '../context';
import { ownedSize } from '../state/items';
import type { UserRow } from '../state/users';
import { boxDateTime } from '../time';
import { pick, type FieldProviders } from './fields';

export interface UserMini {
  type: 'user';
  id: string;
  name: string;
  login: string;
}

export function userMini(user: UserRow): UserMini {
  return { type: 'user', id: String(user.id), name: user.name, login: user.login };
}

/** Box's placeholder for "nobody", e.g. the creator of the root folder. */
export const NO_USER: UserMini = { type: 'user', id: '', name: '', login: '' };

const STANDARD = [
  'name',
  'login',
  'created_at',
  'modified_at',
  'language',
  'timezone',
  'space_amount',
  'space_used',
  'max_upload_size',
  'status',
  'job_title',
  'phone',
  'address',
  'avatar_url',
  'notification_email',
];

function providers(user: UserRow, services: Services): FieldProviders {
  return {
    type: () => 'user',
    id: () => String(user.id),
    name: () => user.name,
    login: () => user.login,
    created_at: () => boxDateTime(user.created_at),
    modified_at: () => boxDateTime(user.modified_at),
    language: () => user.language,
    timezone: () => user.timezone,
    space_amount: () => (user.space_amount < 0 ? 999_999_999_999_999 : user.space_amount),
    space_used: () => ownedSize(services.db, user.id),
    max_upload_size: () => 53_687_091_200,
    status: () => user.status,
    job_title: () => user.job_title,
    phone: () => user.phone,
    address: () => user.address,
    avatar_url: () => `${services.urls.base}/api/avatar/large/${user.id}`,
    notification_email: () => null,
    role: () => user.role,
    tracking_codes: () => [],
    can_see_managed_users: () => user.is_service_account === 1,
    is_sync_enabled: () => !user.is_platform_access_only,
    is_external_collab_restricted: () => false,
    is_exempt_from_device_limits: () => false,
    is_exempt_from_login_verification: () => false,
    enterprise: () => ({ id: services.settings.enterpriseId, type: 'enterprise', name: 'Box emulator enterprise' }),
    my_tags: () => [],
    hostname: () => `${services.urls.base}/`,
    is_platform_access_only: () => user.is_platform_access_only === 1,
    external_app_user_id: () => user.external_app_user_id ?? '',
  };
}

export function userView(
  user: UserRow,
  services: Services,
  fields: readonly string[] | undefined,
): Record<string, unknown> {
  return pick(providers(user, services), ['type', 'id'], fields, STANDARD);
}

/**
 * Box attributes what people without a Box account do (a file request upload) to its unknown
 * user, id 2. Box shows the email the form asked for, or "File Request" when it asked for none.
 */
export const ANONYMOUS_USER_ID = 2;

export function anonymousUserMini(email: string | null): UserMini | { type: 'user'; id: string; name: string } {
  return email
    ? { type: 'user', id: String(ANONYMOUS_USER_ID), name: email, login: email }
    : { type: 'user', id: String(ANONYMOUS_USER_ID), name: 'File Request' };
}
