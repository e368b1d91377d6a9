/**
 * Turns the bot's app role assignments into people: each assignment names a user or a group (whose
 * users are read transitively, so nested groups count and loops do not matter), the highest role
 * wins, the borough comes from the configured source and the Box login from `mail` (else the UPN).
 * Someone who cannot be placed (no borough, two boroughs, no email, a login someone else has) is
 * left out with a reason an admin can act on.
 */
import type { Person, Role } from '../../footage/people';
import { higherRole, roleForAppRoleValue } from '../app-roles';
import type { BoroughSource } from '../config';
import type { AppRoleAssignmentRecord, GraphReader, GraphUserRecord } from './graph-reader';

export interface ComputedPeople {
  people: Person[];
  skipped: { id: string; reason: string }[];
}

export const USER_SELECT = [
  'id',
  'displayName',
  'mail',
  'userPrincipalName',
  'accountEnabled',
  'department',
  'officeLocation',
];

export function userSelect(borough: BoroughSource): string {
  return [
    ...USER_SELECT,
    ...(borough.kind === 'attribute' && !USER_SELECT.includes(borough.attribute) ? [borough.attribute] : []),
  ].join(',');
}

export function readAssignments(graph: GraphReader, appId: string): Promise<AppRoleAssignmentRecord[]> {
  return graph.all<AppRoleAssignmentRecord>(`/servicePrincipals(appId='${appId}')/appRoleAssignedTo?$top=999`);
}

export async function peopleFromGraph(
  graph: GraphReader,
  appId: string,
  borough: BoroughSource,
  assignments: readonly AppRoleAssignmentRecord[],
): Promise<ComputedPeople> {
  const select = userSelect(borough);
  const sp = await graph.get<{ appRoles: { id: string; value: string | null }[] }>(
    `/servicePrincipals(appId='${appId}')?$select=id,appRoles`,
  );
  const roleOf = new Map(
    sp.appRoles.flatMap((r) => {
      const role = r.value ? roleForAppRoleValue(r.value) : undefined;
      return role ? [[r.id, role] as const] : [];
    }),
  );
  const roles = new Map<string, Role>();
  const users = new Map<string, GraphUserRecord>();
  const skipped: ComputedPeople['skipped'] = [];
  for (const assignment of assignments) {
    const role = roleOf.get(assignment.appRoleId);
    if (!role) continue;
    let members: GraphUserRecord[] = [];
    if (assignment.principalType === 'Group') {
      members = await graph.all<GraphUserRecord>(
        `/groups/${assignment.principalId}/transitiveMembers/microsoft.graph.user?$select=${select}&$top=999`,
      );
    } else if (assignment.principalType === 'User') {
      const user = await userOrNull(graph, assignment.principalId, select);
      if (!user) skipped.push({ id: assignment.principalId, reason: 'assigned a role but deleted from the directory' });
      members = user ? [user] : [];
    }
    for (const member of members) {
      users.set(member.id, member);
      roles.set(member.id, higherRole(roles.get(member.id), role));
    }
  }
  const boroughsOf = borough.kind === 'groups' ? await boroughGroups(graph, borough.pattern) : undefined;
  const people: Person[] = [];
  const emails = new Set<string>();
  for (const [id, role] of [...roles].sort(([a], [b]) => a.localeCompare(b))) {
    const user = users.get(id) as GraphUserRecord;
    const placed = place(user, role, borough, boroughsOf?.get(id));
    if ('reason' in placed) {
      skipped.push({ id, reason: placed.reason });
      continue;
    }
    if (emails.has(placed.email)) {
      skipped.push({ id, reason: `login ${placed.email} already belongs to another person` });
      continue;
    }
    emails.add(placed.email);
    people.push(placed);
  }
  return { people, skipped };
}

/** One user's record as the directory would place them, for the per-person cache check. */
export function place(
  user: GraphUserRecord,
  role: Role,
  borough: BoroughSource,
  groupBoroughs?: Set<string>,
): Person | { reason: string } {
  if (user.accountEnabled === false) return { reason: 'account disabled' };
  const email = (user.mail || user.userPrincipalName || '').trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { reason: 'no mail or userPrincipalName to use as the Box login' };
  let boroughs: string[];
  if (borough.kind === 'attribute') {
    const value = user[borough.attribute];
    boroughs = typeof value === 'string' && value.trim() ? [value.trim()] : [];
  } else {
    boroughs = [...(groupBoroughs ?? [])].sort();
  }
  if (boroughs.length > 1) return { reason: `in two boroughs (${boroughs.join(' and ')}); keep them in one` };
  if (boroughs.length === 0 && role !== 'admin')
    return {
      reason: `has the ${role} role but no borough (${borough.kind === 'groups' ? `no group named like "${borough.pattern}"` : `${borough.attribute} is empty`})`,
    };
  return {
    aadObjectId: user.id.toLowerCase(),
    name: user.displayName?.trim() || email,
    role,
    borough: boroughs[0] ?? null,
    email,
  };
}

async function boroughGroups(graph: GraphReader, pattern: string): Promise<Map<string, Set<string>>> {
  const [prefix, suffix] = pattern.split('{borough}');
  const groups = await graph.all<{ id: string; displayName: string }>(
    `/groups?$filter=startswith(displayName,'${prefix.replace(/'/g, "''")}')&$select=id,displayName&$top=999`,
  );
  const byUser = new Map<string, Set<string>>();
  for (const group of groups) {
    if (!group.displayName.endsWith(suffix)) continue;
    const name = group.displayName.slice(prefix.length, group.displayName.length - suffix.length).trim();
    if (!name) continue;
    for (const member of await graph.all<{ id: string }>(
      `/groups/${group.id}/transitiveMembers/microsoft.graph.user?$select=id&$top=999`,
    )) {
      const set = byUser.get(member.id) ?? new Set<string>();
      set.add(name);
      byUser.set(member.id, set);
    }
  }
  return byUser;
}

export async function userOrNull(graph: GraphReader, id: string, select: string): Promise<GraphUserRecord | null> {
  try {
    return await graph.get<GraphUserRecord>(`/users/${id}?$select=${select}`);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
