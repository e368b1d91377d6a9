/**
 * The "now" that relative phrases ("yesterday", "last weekend", "last 3 hours") are read against.
 * It is only that: expiry, jobs, audit times and Box calls always use the real time.
 *
 * - real: the moment the message was sent (production, and any real Box);
 * - fixed: an operator's CLOCK_NOW, the same instant for every message;
 * - demo: the local Box emulator with the demo data set (March 2026) and no CLOCK_NOW. The clock
 *   starts at DEMO_CLOCK_START when the bot starts and advances with real elapsed time, so
 *   "the last 2 hours" moves on between messages as it would in real life, and restarting puts it
 *   back inside the demo month.
 */
export type ClockSetting =
  { kind: 'real' } | { kind: 'fixed'; now: Date } | { kind: 'demo'; startsAt: Date; realStart: Date };

/** The instant relative phrases in a message sent at `sentAt` (real time) are read against. */
export function relativeNow(clock: ClockSetting, sentAt: Date): Date {
  switch (clock.kind) {
    case 'real':
      return sentAt;
    case 'fixed':
      return clock.now;
    case 'demo':
      // A client clock slightly behind the server's never moves the demo clock back before its start.
      return new Date(clock.startsAt.getTime() + Math.max(0, sentAt.getTime() - clock.realStart.getTime()));
  }
}
