/**
 * The emulated tenant: users, groups (with nested groups, loops allowed as Entra allows them), the
 * bot's service principal with its app roles and their assignments, and a change log that delta
 * queries read. Persisted as one JSON file so a restart keeps every change a test or a person made.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface GraphUser {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  department: string | null;
  officeLocation: string | null;
  accountEnabled: boolean;
  /** Directory extension attributes, named as Graph names them (extension_<appId>_<name>). */
  extensions?: Record<string, string>;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  /** Ids of member users and groups. */
  members: string[];
}

export interface AppRole {
  id: string;
  value: string;
  displayName: string;
}

export interface AppRoleAssignment {
  id: string;
  principalId: string;
  principalType: 'User' | 'Group';
  appRoleId: string;
}

export interface ServicePrincipal {
  id: string;
  appId: string;
  displayName: string;
  appRoles: AppRole[];
}

export interface TenantData {
  users: GraphUser[];
  groups: GraphGroup[];
  servicePrincipal: ServicePrincipal;
  assignments: AppRoleAssignment[];
  /** Ordered changes: the delta token is the sequence number a client has seen. */
  changes: { seq: number; kind: 'user' | 'group'; id: string; removed: boolean }[];
  seq: number;
}

export class TenantState {
  constructor(
    private data: TenantData,
    private readonly file?: string,
  ) {}

  static load(file: string, seed: () => TenantData): TenantState {
    let data: TenantData;
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as TenantData;
    } catch {
      data = seed();
    }
    const state = new TenantState(data, file);
    state.save();
    return state;
  }

  get servicePrincipal(): ServicePrincipal {
    return this.data.servicePrincipal;
  }

  get seq(): number {
    return this.data.seq;
  }

  users(): GraphUser[] {
    return this.data.users;
  }

  user(id: string): GraphUser | undefined {
    return this.data.users.find((u) => u.id === id);
  }

  groups(): GraphGroup[] {
    return this.data.groups;
  }

  group(id: string): GraphGroup | undefined {
    return this.data.groups.find((g) => g.id === id);
  }

  assignments(): AppRoleAssignment[] {
    return this.data.assignments;
  }

  /** Everyone under a group, nested groups included once each, whatever loops the groups form. */
  transitiveMembers(groupId: string): (GraphUser | GraphGroup)[] {
    const seen = new Set<string>([groupId]);
    const found: (GraphUser | GraphGroup)[] = [];
    const queue = [groupId];
    while (queue.length > 0) {
      const group = this.group(queue.shift() as string);
      for (const memberId of group?.members ?? []) {
        if (seen.has(memberId)) continue;
        seen.add(memberId);
        const user = this.user(memberId);
        const nested = this.group(memberId);
        if (user) found.push(user);
        if (nested) {
          found.push(nested);
          queue.push(memberId);
        }
      }
    }
    return found;
  }

  changedSince(kind: 'user' | 'group', seq: number): { id: string; removed: boolean }[] {
    const latest = new Map<string, boolean>();
    for (const change of this.data.changes)
      if (change.kind === kind && change.seq > seq) latest.set(change.id, change.removed);
    return [...latest].map(([id, removed]) => ({ id, removed }));
  }

  upsertUser(user: Partial<GraphUser> & { id?: string }): GraphUser {
    const existing = user.id ? this.user(user.id) : undefined;
    if (existing) Object.assign(existing, user);
    const saved = existing ?? {
      id: user.id ?? randomUUID(),
      displayName: user.displayName ?? 'New user',
      mail: user.mail ?? null,
      userPrincipalName: user.userPrincipalName ?? user.mail ?? `${randomUUID()}@police.example`,
      department: user.department ?? null,
      officeLocation: user.officeLocation ?? null,
      accountEnabled: user.accountEnabled ?? true,
      ...(user.extensions ? { extensions: user.extensions } : {}),
    };
    if (!existing) this.data.users.push(saved);
    this.changed('user', saved.id, false);
    return saved;
  }

  deleteUser(id: string): boolean {
    const before = this.data.users.length;
    this.data.users = this.data.users.filter((u) => u.id !== id);
    if (this.data.users.length === before) return false;
    for (const group of this.data.groups) {
      if (group.members.includes(id)) {
        group.members = group.members.filter((m) => m !== id);
        this.changed('group', group.id, false);
      }
    }
    this.data.assignments = this.data.assignments.filter((a) => a.principalId !== id);
    this.changed('user', id, true);
    return true;
  }

  upsertGroup(group: { id?: string; displayName: string; members?: string[] }): GraphGroup {
    const existing = group.id ? this.group(group.id) : undefined;
    const saved = existing ?? { id: group.id ?? randomUUID(), displayName: group.displayName, members: [] };
    saved.displayName = group.displayName;
    if (group.members) saved.members = [...new Set(group.members)];
    if (!existing) this.data.groups.push(saved);
    this.changed('group', saved.id, false);
    return saved;
  }

  setMembership(groupId: string, memberId: string, member: boolean): boolean {
    const group = this.group(groupId);
    if (!group || (!this.user(memberId) && !this.group(memberId))) return false;
    group.members = member ? [...new Set([...group.members, memberId])] : group.members.filter((m) => m !== memberId);
    this.changed('group', groupId, false);
    return true;
  }

  assign(principalId: string, roleValue: string): AppRoleAssignment | undefined {
    const role = this.data.servicePrincipal.appRoles.find((r) => r.value === roleValue);
    const principalType = this.user(principalId) ? 'User' : this.group(principalId) ? 'Group' : undefined;
    if (!role || !principalType) return undefined;
    const existing = this.data.assignments.find((a) => a.principalId === principalId && a.appRoleId === role.id);
    if (existing) return existing;
    const assignment: AppRoleAssignment = { id: randomUUID(), principalId, principalType, appRoleId: role.id };
    this.data.assignments.push(assignment);
    this.save();
    return assignment;
  }

  unassign(assignmentId: string): boolean {
    const before = this.data.assignments.length;
    this.data.assignments = this.data.assignments.filter((a) => a.id !== assignmentId);
    this.save();
    return this.data.assignments.length < before;
  }

  private changed(kind: 'user' | 'group', id: string, removed: boolean): void {
    this.data.seq += 1;
    this.data.changes.push({ seq: this.data.seq, kind, id, removed });
    this.save();
  }

  save(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    // Write-then-rename: a crash mid-write must not leave a half tenant behind.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.data));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
