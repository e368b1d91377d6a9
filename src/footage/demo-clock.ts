/**
 * What the demo clock says about itself. The demo data set (demo/footage.json) holds recordings that
 * start between 1 and 31 March 2026, London time; a test checks these constants against the data.
 * The sentence goes to the start-up log and to the welcome and help cards, so nobody wonders why
 * "yesterday" is in March 2026.
 */
import type { ClockSetting } from './clock';
import { relativeNow } from './clock';
import { formatLondonDateTime, MONTH_NAMES, type LocalDate } from './london-time';

/** The London dates the demo recordings start on: all of March 2026. */
export const DEMO_DATA_PERIOD: { first: LocalDate; last: LocalDate } = {
  first: { year: 2026, month: 3, day: 1 },
  last: { year: 2026, month: 3, day: 31 },
};

/** Friday 20 March 2026, 10:00 London (GMT): late enough that "last week" and "last weekend" hold footage. */
export const DEMO_CLOCK_START = new Date('2026-03-20T10:00:00Z');

/** "Demo data: 1–31 March 2026; it is Fri 20 Mar 2026, 10:00 GMT here". */
export function demoClockNotice(now: Date): string {
  return `Demo data: ${formatPeriod(DEMO_DATA_PERIOD.first, DEMO_DATA_PERIOD.last)}; it is ${formatLondonDateTime(now)} here`;
}

/**
 * The sentence to show people for this clock at the real instant `at`: the demo notice, the fixed
 * CLOCK_NOW instant, or nothing for the real clock.
 */
export function clockNotice(clock: ClockSetting, at: Date): string | undefined {
  switch (clock.kind) {
    case 'real':
      return undefined;
    case 'fixed':
      return `Times such as "yesterday" are read as at ${formatLondonDateTime(clock.now, { zone: true })} (CLOCK_NOW)`;
    case 'demo':
      return demoClockNotice(relativeNow(clock, at));
  }
}

function formatPeriod(first: LocalDate, last: LocalDate): string {
  const month = (date: LocalDate) => `${MONTH_NAMES[date.month - 1]} ${date.year}`;
  if (first.year === last.year && first.month === last.month) return `${first.day}–${last.day} ${month(last)}`;
  return `${first.day} ${month(first)} – ${last.day} ${month(last)}`;
}
