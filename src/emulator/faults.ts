/**
 * Injected failures for tests: the next N matching calls fail with 429/5xx (and a retry-after) or
 * are delayed. A rule without `match` applies to API calls only; the token and control routes are
 * hit only by a rule whose `match` names them, so a test can break Box without breaking itself.
 */

import { BoxApiError, badRequest } from './errors';
import { isObject } from './http';

export type FaultStatus = 429 | 500 | 502 | 503;

export interface FaultRule {
  status?: FaultStatus;
  remaining: number;
  retryAfter?: number;
  latencyMs?: number;
  /** Substring of "METHOD /path" (path as requested, without the query). */
  match?: string;
}

const STATUSES: readonly number[] = [429, 500, 502, 503];

const CODES: Record<FaultStatus, [string, string]> = {
  429: ['rate_limit_exceeded', 'Request rate limit exceeded, please try again later'],
  500: ['internal_server_error', 'Internal Server Error'],
  502: ['bad_gateway', 'Bad Gateway'],
  503: ['unavailable', 'Unavailable'],
};

export function parseFaultRule(body: unknown): FaultRule {
  if (!isObject(body)) throw badRequest('Fault must be a JSON object');
  const { status, count, retryAfter, latencyMs, match } = body;
  if (status !== undefined && !STATUSES.includes(status as number))
    throw badRequest('status must be one of 429, 500, 502, 503');
  if (status === undefined && latencyMs === undefined) throw badRequest('A fault needs a status, a latencyMs, or both');
  const n = count ?? 1;
  if (!Number.isInteger(n) || (n as number) < 1) throw badRequest('count must be a positive integer');
  if (retryAfter !== undefined && (typeof retryAfter !== 'number' || retryAfter < 0))
    throw badRequest('retryAfter must be a number of seconds');
  if (latencyMs !== undefined && (typeof latencyMs !== 'number' || latencyMs < 0 || latencyMs > 60_000))
    throw badRequest('latencyMs must be 0..60000');
  if (match !== undefined && typeof match !== 'string') throw badRequest('match must be a string');
  return {
    status: status as FaultStatus | undefined,
    remaining: n as number,
    retryAfter: retryAfter as number | undefined,
    latencyMs: latencyMs as number | undefined,
    match: match as string | undefined,
  };
}

export class Faults {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  pending(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Consumes one use of the first rule that applies to this call. */
  take(methodAndPath: string, exempt: boolean): FaultRule | undefined {
    const rule = this.rules.find((r) => (r.match === undefined ? !exempt : methodAndPath.includes(r.match)));
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}

export function faultError(rule: FaultRule & { status: FaultStatus }): BoxApiError {
  const [code, message] = CODES[rule.status];
  // Box sends the header in lower case; clients that look for "Retry-After" verbatim miss it.
  const headers: Record<string, string> =
    rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {};
  return new BoxApiError(rule.status, code, message, undefined, headers);
}
