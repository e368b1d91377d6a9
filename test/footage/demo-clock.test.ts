import { relativeNow, type ClockSetting } from '../../src/footage/clock';
import { clockNotice, DEMO_CLOCK_START, DEMO_DATA_PERIOD, demoClockNotice } from '../../src/footage/demo-clock';
import { londonDateOf } from '../../src/footage/london-time';
import { demoJson } from './demo-data';

/** The clock relative phrases are read against, and what the demo clock says about itself. */
describe('the clock for relative phrases', () => {
  const sentAt = new Date('2026-11-29T08:00:00Z');

  test('the real clock is the moment the message was sent', () => {
    expect(relativeNow({ kind: 'real' }, sentAt)).toEqual(sentAt);
  });

  test('a fixed clock (CLOCK_NOW) ignores when the message was sent', () => {
    const now = new Date('2026-03-14T22:00:00Z');
    expect(relativeNow({ kind: 'fixed', now }, sentAt)).toEqual(now);
    expect(relativeNow({ kind: 'fixed', now }, new Date('2027-01-01T00:00:00Z'))).toEqual(now);
  });

  test('the demo clock starts at its start and advances with real elapsed time', () => {
    const realStart = new Date('2026-11-29T07:00:00Z');
    const clock: ClockSetting = { kind: 'demo', startsAt: DEMO_CLOCK_START, realStart };
    expect(relativeNow(clock, realStart).toISOString()).toBe('2026-03-20T10:00:00.000Z');
    expect(relativeNow(clock, new Date('2026-11-29T09:30:00Z')).toISOString()).toBe('2026-03-20T12:30:00.000Z');
    expect(relativeNow(clock, new Date('2026-11-30T07:00:00Z')).toISOString()).toBe('2026-03-21T10:00:00.000Z');
    // A client clock behind the server's does not take the demo clock back before its start.
    expect(relativeNow(clock, new Date('2026-11-29T06:59:00Z')).toISOString()).toBe('2026-03-20T10:00:00.000Z');
  });
});

describe('the demo clock notice', () => {
  test('names the demo month and the demo time in London', () => {
    expect(demoClockNotice(DEMO_CLOCK_START)).toBe('Demo data: 1–31 March 2026; it is Fri 20 Mar 2026, 10:00 GMT here');
    expect(demoClockNotice(new Date('2026-03-29T12:00:00Z'))).toBe(
      'Demo data: 1–31 March 2026; it is Sun 29 Mar 2026, 13:00 BST here',
    );
  });

  test('says what each clock means, and nothing for the real clock', () => {
    const realStart = new Date('2026-11-29T07:00:00Z');
    expect(clockNotice({ kind: 'demo', startsAt: DEMO_CLOCK_START, realStart }, new Date('2026-11-29T07:45:00Z'))).toBe(
      'Demo data: 1–31 March 2026; it is Fri 20 Mar 2026, 10:45 GMT here',
    );
    expect(clockNotice({ kind: 'fixed', now: new Date('2026-03-14T22:00:00Z') }, realStart)).toMatch(
      /Sat 14 Mar 2026, 22:00 GMT \(CLOCK_NOW\)/,
    );
    expect(clockNotice({ kind: 'real' }, realStart)).toBeUndefined();
  });

  test('the demo period and clock start match the demo data set', () => {
    const starts = demoJson<Array<{ recordedFrom: string }>>('footage.json').map((r) =>
      londonDateOf(new Date(r.recordedFrom)),
    );
    const key = (d: { year: number; month: number; day: number }) => d.year * 10_000 + d.month * 100 + d.day;
    const sorted = starts.map(key).sort((a, b) => a - b);
    expect(sorted[0]).toBe(key(DEMO_DATA_PERIOD.first));
    expect(sorted[sorted.length - 1]).toBe(key(DEMO_DATA_PERIOD.last));
    expect(key(londonDateOf(DEMO_CLOCK_START))).toBeGreaterThan(key(DEMO_DATA_PERIOD.first));
    expect(key(londonDateOf(DEMO_CLOCK_START))).toBeLessThanOrEqual(key(DEMO_DATA_PERIOD.last));
  });
});
