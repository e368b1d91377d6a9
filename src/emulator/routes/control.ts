import type { Faults } from '../faults';
import { parseFaultRule } from '../faults';
import { empty, json, jsonBody } from '../http';
import type { RequestLog } from '../request-log';
import type { Route } from '../router';
import type { SpecViolation } from '../spec/validator';
import type { WebhookDispatcher } from '../webhook-delivery';

/** Routes that exist only in the emulator, for tests: fault injection, the request log, spec violations. */
export interface ControlState {
  faults: Faults;
  log: RequestLog;
  violations: SpecViolation[];
  webhooks: WebhookDispatcher;
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
    { method: 'GET', pattern: '/_emulator/faults', access: 'control', handler: () => json(200, { entries: state.faults.pending() }) },
    {
      method: 'DELETE',
      pattern: '/_emulator/faults',
      access: 'control',
      handler: () => {
        state.faults.clear();
        return empty(204);
      },
    },
    { method: 'GET', pattern: '/_emulator/requests', access: 'control', handler: () => json(200, { entries: state.log.list() }) },
    {
      method: 'DELETE',
      pattern: '/_emulator/requests',
      access: 'control',
      handler: () => {
        state.log.clear();
        return empty(204);
      },
    },
    { method: 'GET', pattern: '/_emulator/webhook-deliveries', access: 'control', handler: () => json(200, { entries: state.webhooks.attempts() }) },
    { method: 'GET', pattern: '/_emulator/violations', access: 'control', handler: () => json(200, { entries: state.violations }) },
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
