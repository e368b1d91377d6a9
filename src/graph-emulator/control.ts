/**
 * Routes only the emulator has (under /_emulator), for tests and demos: inject faults, read the
 * request log, and act as an Entra admin would (joiners, movers, leavers, role assignments).
 */
import { parseFaultRule, type Faults } from './faults';
import { graphError, json, type Reply } from './http';
import type { TenantState } from './state';

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  at: number;
}

export function control(
  method: string,
  path: string,
  body: unknown,
  tenant: TenantState,
  faults: Faults,
  log: RequestLogEntry[],
): Reply {
  const b = (body ?? {}) as Record<string, unknown>;
  const route = `${method} ${path}`;
  if (route === 'POST /_emulator/faults') {
    const rule = parseFaultRule(body);
    faults.add(rule);
    return json(201, rule);
  }
  if (route === 'DELETE /_emulator/faults') {
    faults.clear();
    return json(204, undefined);
  }
  if (route === 'GET /_emulator/requests') return json(200, { entries: log });
  if (route === 'DELETE /_emulator/requests') {
    log.splice(0);
    return json(204, undefined);
  }
  if (route === 'GET /_emulator/tenant')
    return json(200, { users: tenant.users(), groups: tenant.groups(), assignments: tenant.assignments() });
  if (route === 'POST /_emulator/users') return json(201, tenant.upsertUser(b));
  if (route === 'POST /_emulator/groups') {
    if (typeof b.displayName !== 'string') return graphError(400, 'Request_BadRequest', 'displayName is required');
    return json(
      201,
      tenant.upsertGroup({
        id: typeof b.id === 'string' ? b.id : undefined,
        displayName: b.displayName,
        members: Array.isArray(b.members) ? b.members.map(String) : undefined,
      }),
    );
  }
  if (route === 'POST /_emulator/assignments') {
    const assignment = tenant.assign(String(b.principalId), String(b.role));
    return assignment ? json(201, assignment) : graphError(400, 'Request_BadRequest', 'unknown principal or app role');
  }
  const userMatch = /^\/_emulator\/users\/([^/]+)$/.exec(path);
  if (method === 'DELETE' && userMatch)
    return tenant.deleteUser(userMatch[1])
      ? json(204, undefined)
      : graphError(404, 'Request_ResourceNotFound', 'no such user');
  const member = /^\/_emulator\/groups\/([^/]+)\/members\/([^/]+)$/.exec(path);
  if (member && (method === 'PUT' || method === 'DELETE')) {
    return tenant.setMembership(member[1], member[2], method === 'PUT')
      ? json(204, undefined)
      : graphError(404, 'Request_ResourceNotFound', 'no such group or member');
  }
  const assignment = /^\/_emulator\/assignments\/([^/]+)$/.exec(path);
  if (method === 'DELETE' && assignment)
    return tenant.unassign(assignment[1])
      ? json(204, undefined)
      : graphError(404, 'Request_ResourceNotFound', 'no such assignment');
  return graphError(404, 'Request_ResourceNotFound', `no control route ${route}`);
}
