/**
 * The emulated tenant on first start, built from the demo roster so `DIRECTORY=entra npm start`
 * shows the same people as the roster file: one group per borough ("CCTV <Borough>"), the officer
 * and supervisor app roles assigned to groups (as an Entra admin would), the admin role to users.
 */
import { randomUUID } from 'node:crypto';
import { APP_ROLES } from '../directory/app-roles';
import type { Person } from '../footage/people';
import type { GraphGroup, GraphUser, TenantData } from './state';

export const EMULATOR_SERVICE_PRINCIPAL_ID = '0b5e5c6a-0000-4000-8000-00000000e5e5';

export function seedTenant(appId: string, people: readonly Person[]): TenantData {
  const users: GraphUser[] = people.map((p) => ({
    id: p.aadObjectId,
    displayName: p.name,
    mail: p.email,
    userPrincipalName: p.email,
    department: p.borough,
    officeLocation: p.borough,
    accountEnabled: true,
  }));
  const groups: GraphGroup[] = [];
  const group = (displayName: string, members: string[]): GraphGroup => {
    const created = { id: randomUUID(), displayName, members };
    groups.push(created);
    return created;
  };
  const boroughs = [...new Set(people.map((p) => p.borough).filter((b): b is string => b !== null))].sort();
  for (const borough of boroughs)
    group(
      `CCTV ${borough}`,
      people.filter((p) => p.borough === borough).map((p) => p.aadObjectId),
    );
  const officers = group(
    'Officers (CCTV Footage app)',
    people.filter((p) => p.role === 'officer').map((p) => p.aadObjectId),
  );
  const supervisors = group(
    'Supervisors (CCTV Footage app)',
    people.filter((p) => p.role === 'supervisor').map((p) => p.aadObjectId),
  );
  const roleId = (value: string): string => APP_ROLES.find((r) => r.value === value)?.id as string;
  const assignments: TenantData['assignments'] = [
    { id: randomUUID(), principalId: officers.id, principalType: 'Group', appRoleId: roleId('CCTV.Officer') },
    { id: randomUUID(), principalId: supervisors.id, principalType: 'Group', appRoleId: roleId('CCTV.Supervisor') },
    ...people
      .filter((p) => p.role === 'admin')
      .map((p) => ({
        id: randomUUID(),
        principalId: p.aadObjectId,
        principalType: 'User' as const,
        appRoleId: roleId('CCTV.Admin'),
      })),
  ];
  return {
    users,
    groups,
    servicePrincipal: {
      id: EMULATOR_SERVICE_PRINCIPAL_ID,
      appId,
      displayName: 'CCTV Footage',
      appRoles: APP_ROLES.map((r) => ({ id: r.id, value: r.value, displayName: r.displayName })),
    },
    assignments,
    changes: [],
    seq: 0,
  };
}
