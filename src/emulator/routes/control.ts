/** Routes that exist only in the emulator, for tests: fault injection, the request log, spec violations. */

import { tokenFor } from '../auth';
import { badRequest, notFound } from '../errors';
import type { Faults } from '../faults';
import { parseFaultRule } from '../faults';
import { empty, json, jsonBody } from '../http';
import type { RequestLog } from '../request-log';
import type { Route } from '../router';
import type { SpecViolation } from '../spec/validator';
import { getUserByLogin, isExternalUser } from '../state/users';
import type { WebhookDispatcher } from '../webhook-delivery';

export interface ControlState {
  faults: Faults;
  log: RequestLog;
  violations: SpecViolation[];
  webhooks: WebhookDispatcher;
  commitHolds: { remaining: number; retryAfter: number };
}

export function controlRoutes(state: ControlState): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/_emulator/faults',
      access: 'control',
      handler: (req) => {
        const rule = parseFaultRule(jsonBody(req));
        state.faults.add(rule);
        return json(201, rule);
      },
    },
    {
      method: 'GET',
      pattern: '/_emulator/faults',
      access: 'control',
      handler: () => json(200, { entries: state.faults.pending() }),
    },
    {
      method: 'DELETE',
      pattern: '/_emulator/faults',
      access: 'control',
      handler: () => {
        state.faults.clear();
        return empty(204);
      },
    },
    {
      method: 'GET',
      pattern: '/_emulator/requests',
      access: 'control',
      handler: () => json(200, { entries: state.log.list() }),
    },
    {
      method: 'DELETE',
      pattern: '/_emulator/requests',
      access: 'control',
      handler: () => {
        state.log.clear();
        return empty(204);
      },
    },
    {
      // The next `count` upload-session commits answer 202 with retry-after, as Box does while parts are still processing.
      method: 'POST',
      pattern: '/_emulator/commit-holds',
      access: 'control',
      handler: (req) => {
        const body = jsonBody(req);
        const count = body.count ?? 1;
        const retryAfter = body.retryAfter ?? 1;
        if (
          !Number.isInteger(count) ||
          (count as number) < 0 ||
          !Number.isInteger(retryAfter) ||
          (retryAfter as number) < 0
        ) {
          throw badRequest("'count' and 'retryAfter' must be whole numbers of at least 0");
        }
        state.commitHolds.remaining = count as number;
        state.commitHolds.retryAfter = retryAfter as number;
        return json(201, { count, retryAfter });
      },
    },
    {
      // Someone invited by email signs in: Box's as-user cannot act for people outside the enterprise.
      method: 'POST',
      pattern: '/_emulator/external-users/token',
      access: 'control',
      handler: (req, services) => {
        const login = jsonBody(req).login;
        const user = typeof login === 'string' ? getUserByLogin(services.db, login) : undefined;
        if (!user || !isExternalUser(services.db, user.id)) throw notFound({ name: 'login', id: String(login) });
        return json(201, tokenFor(services, user.id));
      },
    },
    {
      method: 'GET',
      pattern: '/_emulator/webhook-deliveries',
      access: 'control',
      handler: () => json(200, { entries: state.webhooks.attempts() }),
    },
    {
      method: 'GET',
      pattern: '/_emulator/violations',
      access: 'control',
      handler: () => json(200, { entries: state.violations }),
    },
    {
      method: 'DELETE',
      pattern: '/_emulator/violations',
      access: 'control',
      handler: () => {
        state.violations.splice(0);
        return empty(204);
      },
    },
  ];
}
