/**
 * The app roles the bot's Entra app declares (infra/entra-app-roles.json carries the same ids and
 * values): an Entra admin assigns them to users or groups, and the bot reads them back as roles.
 */
import type { Role } from '../footage/people';

export interface AppRoleDefinition {
  id: string;
  value: string;
  role: Role;
  displayName: string;
  description: string;
}

export const APP_ROLES: readonly AppRoleDefinition[] = [
  {
    id: '6c0f3a52-8a3e-4b8e-9b1a-0c7d1f2e3a01',
    value: 'CCTV.Officer',
    role: 'officer',
    displayName: 'CCTV officer',
    description: 'Finds CCTV footage and requests time-limited access to it.',
  },
  {
    id: '6c0f3a52-8a3e-4b8e-9b1a-0c7d1f2e3a02',
    value: 'CCTV.Supervisor',
    role: 'supervisor',
    displayName: 'CCTV supervisor',
    description: 'Approves or rejects access requests from officers of their borough.',
  },
  {
    id: '6c0f3a52-8a3e-4b8e-9b1a-0c7d1f2e3a03',
    value: 'CCTV.Admin',
    role: 'admin',
    displayName: 'CCTV administrator',
    description: 'Decides any access request and chooses the approvals channel.',
  },
];

const RANK: Record<Role, number> = { officer: 1, supervisor: 2, admin: 3 };

/** Someone given two roles (say officer through one group, supervisor through another) acts with the higher. */
export function higherRole(a: Role | undefined, b: Role): Role {
  return a === undefined || RANK[b] > RANK[a] ? b : a;
}

export function roleForAppRoleValue(value: string): Role | undefined {
  return APP_ROLES.find((r) => r.value === value)?.role;
}
