/**
 * How many commands one person may send a minute. A sliding window per person, kept in memory:
 * it protects Box and the store from one runaway client or script, so per-instance counting is
 * enough (several instances multiply the allowance, never share a person's history).
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const WINDOW_MS = 60_000;

export class RateLimiter {
  private readonly seen = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one command by `key`; refused ones are not counted, so waiting a minute always helps. */
  take(key: string): RateDecision {
    const at = this.now();
    this.sweep(at);
    const recent = (this.seen.get(key) ?? []).filter((t) => at - t < WINDOW_MS);
    if (recent.length >= this.perMinute) {
      this.seen.set(key, recent);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + WINDOW_MS - at) / 1000)) };
    }
    recent.push(at);
    this.seen.set(key, recent);
    return { ok: true };
  }

  /** Forgets people who have been quiet for a minute, so memory follows active people only. */
  private sweep(at: number): void {
    if (at - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = at;
    for (const [key, times] of this.seen) {
      if (times.length === 0 || at - times[times.length - 1] >= WINDOW_MS) this.seen.delete(key);
    }
  }
}
