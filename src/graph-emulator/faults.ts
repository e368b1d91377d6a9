/**
 * Injected failures, as tests ask for them on the control route: the next `times` requests whose
 * path contains `match` answer `status` (429 with Retry-After, 5xx, or 403 for a missing permission).
 */
import { graphError, type Reply } from './http';

export interface FaultRule {
  match: string;
  status: number;
  times: number;
  retryAfterSeconds?: number;
  code?: string;
}

export function parseFaultRule(body: unknown): FaultRule {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.match !== 'string' || typeof b.status !== 'number')
    throw new Error('a fault needs "match" (string) and "status" (number)');
  return {
    match: b.match,
    status: b.status,
    times: typeof b.times === 'number' ? b.times : 1,
    ...(typeof b.retryAfterSeconds === 'number' ? { retryAfterSeconds: b.retryAfterSeconds } : {}),
    ...(typeof b.code === 'string' ? { code: b.code } : {}),
  };
}

const DEFAULT_CODES: Record<number, string> = {
  403: 'Authorization_RequestDenied',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export class Faults {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  take(path: string): Reply | undefined {
    const rule = this.rules.find((r) => r.times > 0 && path.includes(r.match));
    if (!rule) return undefined;
    rule.times -= 1;
    this.rules = this.rules.filter((r) => r.times > 0);
    const code = rule.code ?? DEFAULT_CODES[rule.status] ?? 'UnknownError';
    const message =
      rule.status === 403 ? 'Insufficient privileges to complete the operation.' : `Injected fault ${rule.status}.`;
    return graphError(
      rule.status,
      code,
      message,
      rule.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(rule.retryAfterSeconds) },
    );
  }
}
