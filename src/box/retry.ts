/**
 * When and how long to wait before trying a Box call again. Pure (time and randomness are passed
 * in) so the rules can be read and tested without a network.
 *
 * Box asks callers to honour `retry-after` on 429 (and may send it on 503 and on 202 "not ready
 * yet"). box-node-sdk 10's BoxRetryStrategy looks the header up as `Retry-After`, but its network
 * client stores response headers with lower-case names (fetch's Headers.entries()), so the SDK
 * never sees it and falls back to plain backoff. The gateway replaces that strategy with this one.
 */
export interface RetryPolicy {
  /** Tries per call, the first included. */
  maxAttempts: number;
  /** First backoff wait when Box gives no retry-after; doubles per retry. */
  baseDelayMs: number;
  /** Longest single backoff wait (a retry-after longer than the remaining budget ends the call). */
  maxDelayMs: number;
  /** Longest total waiting per call before giving up. */
  maxTotalWaitMs: number;
  /** Spread of the random jitter, 0..1 (0.5: each wait is 50%..150% of the nominal one). */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxTotalWaitMs: 60_000,
  jitter: 0.5,
};

export type RetryDecision = { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/** Status 0 stands for "no response" (connection refused, reset, timeout). */
export function isRetryableStatus(status: number, hasRetryAfter: boolean): boolean {
  if (status === 0 || status === 429) return true;
  if (status === 202) return hasRetryAfter;
  return status >= 500 && status !== 501;
}

/** `retry-after` as milliseconds: delta-seconds (fractions allowed) or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Header lookup that ignores case, whatever the HTTP stack did to the names. */
export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/**
 * The retry state of ONE Box call (all its attempts): counts attempts and the time spent waiting,
 * so both caps hold however many times Box answers 429.
 */
export class RetryBudget {
  private attempts = 0;
  private waitedMs = 0;

  constructor(
    private readonly policy: RetryPolicy,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  get attemptCount(): number {
    return this.attempts;
  }

  /** Called once per completed attempt with its status (0: no response) and response headers. */
  decide(status: number, headers: Readonly<Record<string, string>>): RetryDecision {
    this.attempts += 1;
    const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), this.now());
    if (!isRetryableStatus(status, retryAfterMs !== undefined)) return { retry: false, reason: 'not retryable' };
    if (this.attempts >= this.policy.maxAttempts) {
      return { retry: false, reason: `gave up after ${this.attempts} attempts` };
    }
    const delayMs = retryAfterMs !== undefined ? this.honouring(retryAfterMs) : this.backoff();
    if (this.waitedMs + delayMs > this.policy.maxTotalWaitMs) {
      return { retry: false, reason: `waiting ${delayMs} ms more would exceed ${this.policy.maxTotalWaitMs} ms` };
    }
    this.waitedMs += delayMs;
    return { retry: true, delayMs, reason: retryAfterMs !== undefined ? 'retry-after' : 'backoff' };
  }

  /** Never earlier than Box asked; a little later, at random, so parallel callers do not stampede. */
  private honouring(retryAfterMs: number): number {
    return retryAfterMs + Math.round(this.random() * this.policy.baseDelayMs * this.policy.jitter);
  }

  private backoff(): number {
    const nominal = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (this.attempts - 1));
    const spread = 1 - this.policy.jitter + 2 * this.policy.jitter * this.random();
    return Math.round(nominal * spread);
  }
}
