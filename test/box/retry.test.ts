import { headerValue, isRetryableStatus, parseRetryAfter, RetryBudget, type RetryPolicy } from '../../src/box/retry';

const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000, maxTotalWaitMs: 5000, jitter: 0.5 };
const NOW = Date.parse('2026-03-11T12:00:00Z');

describe('retry policy', () => {
  it('retries 429, 5xx (not 501), no-response, and 202 only with retry-after', () => {
    expect([0, 429, 500, 502, 503, 504].map((s) => isRetryableStatus(s, false))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([200, 400, 401, 403, 404, 409, 501].map((s) => isRetryableStatus(s, false))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isRetryableStatus(202, false)).toBe(false);
    expect(isRetryableStatus(202, true)).toBe(true);
  });

  it('reads retry-after as seconds or as an HTTP date, in any header case', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter('0.5', NOW)).toBe(500);
    expect(parseRetryAfter('Wed, 11 Mar 2026 12:00:03 GMT', NOW)).toBe(3000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(headerValue({ 'retry-after': '1' }, 'Retry-After')).toBe('1');
    expect(headerValue({ 'Retry-After': '1' }, 'retry-after')).toBe('1');
  });

  it('waits at least what retry-after asks, plus bounded jitter', () => {
    const budget = new RetryBudget(
      policy,
      () => 1,
      () => NOW,
    );
    const decision = budget.decide(429, { 'retry-after': '3' });
    expect(decision).toEqual({ retry: true, delayMs: 3000 + 50, reason: 'retry-after' });
    const low = new RetryBudget(
      policy,
      () => 0,
      () => NOW,
    ).decide(429, { 'retry-after': '3' });
    expect(low).toMatchObject({ retry: true, delayMs: 3000 });
  });

  it('backs off exponentially with jitter when Box gives no retry-after', () => {
    const budget = new RetryBudget(
      policy,
      () => 0.5,
      () => NOW,
    );
    const delays = [1, 2, 3].map(() => budget.decide(500, {})).map((d) => (d.retry ? d.delayMs : -1));
    expect(delays).toEqual([100, 200, 400]);
    const spread = new RetryBudget(
      policy,
      () => 0,
      () => NOW,
    ).decide(503, {});
    expect(spread).toMatchObject({ retry: true, delayMs: 50 });
  });

  it('stops after maxAttempts attempts', () => {
    const budget = new RetryBudget(
      policy,
      () => 0.5,
      () => NOW,
    );
    const decisions = [1, 2, 3, 4].map(() => budget.decide(500, {}).retry);
    expect(decisions).toEqual([true, true, true, false]);
    expect(budget.attemptCount).toBe(4);
  });

  it('gives up rather than wait past the total budget', () => {
    const budget = new RetryBudget(
      { ...policy, maxTotalWaitMs: 2500 },
      () => 0,
      () => NOW,
    );
    expect(budget.decide(429, { 'retry-after': '2' }).retry).toBe(true);
    const second = budget.decide(429, { 'retry-after': '2' });
    expect(second.retry).toBe(false);
  });

  it('does not retry a client error', () => {
    expect(new RetryBudget(policy).decide(404, {})).toEqual({ retry: false, reason: 'not retryable' });
  });
});
