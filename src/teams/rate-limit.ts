/**
 * How many commands one person may send a minute. A sliding window per person, kept in memory:
 * it protects Box and the store from one runaway client or script, so per-instance counting is
 * enough (several instances multiply the allowance, never share a person's history).
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

const WINDOW_MS = 60_000;

/**
 * One person's commands in the window, oldest first. Expired times are dropped from the front by
 * moving `head`, so a command costs the same whatever the limit: filtering the whole window on
 * every command (thousands of entries at a high limit) cost CPU and garbage on every turn.
 */
interface Window {
  times: number[];
  head: number;
}

export class RateLimiter {
  private readonly seen = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one command by `key`; refused ones are not counted, so waiting a minute always helps. */
  take(key: string): RateDecision {
    const at = this.now();
    this.sweep(at);
    let window = this.seen.get(key);
    if (!window) {
      window = { times: [], head: 0 };
      this.seen.set(key, window);
    }
    // Times are appended as commands arrive, so the expired ones are at the front. (Should the
    // clock step back, a later time at the front only keeps its followers counted a little longer.)
    const { times } = window;
    while (window.head < times.length && at - times[window.head] >= WINDOW_MS) window.head += 1;
    if (window.head > 1024 && window.head * 2 > times.length) {
      times.splice(0, window.head);
      window.head = 0;
    }
    if (times.length - window.head >= this.perMinute) {
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((times[window.head] + WINDOW_MS - at) / 1000)) };
    }
    times.push(at);
    return { ok: true };
  }

  /** Forgets people who have been quiet for a minute, so memory follows active people only. */
  private sweep(at: number): void {
    if (at - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = at;
    for (const [key, { times, head }] of this.seen) {
      if (times.length === head || at - times[times.length - 1] >= WINDOW_MS) this.seen.delete(key);
    }
  }
}
