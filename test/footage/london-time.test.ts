import {
  addDays,
  formatLocalDate,
  formatLondonDate,
  formatLondonDateTime,
  formatLondonTime,
  isValidLocalDate,
  londonOffsetMinutes,
  londonToUtc,
  startOfLondonDay,
  toLondonWallClock,
  weekdayOf,
  zoneAbbreviation,
} from '../../src/footage/london-time';

const utc = (iso: string) => new Date(iso);

/** londonToUtc of "dd/mm/yyyy hh:mm" London time. */
function london(text: string) {
  const [day, month, year, hour, minute] = text.split(/[/ :]/).map(Number);
  return londonToUtc({ year, month, day }, { hour, minute });
}

describe('londonToUtc', () => {
  it.each([
    ['03/03/2026 14:00', '2026-03-03T14:00:00Z', false],
    ['01/07/2026 14:00', '2026-07-01T13:00:00Z', false],
    // 29 March 2026: 01:00 GMT became 02:00 BST.
    ['29/03/2026 00:59', '2026-03-29T00:59:00Z', false],
    ['29/03/2026 02:00', '2026-03-29T01:00:00Z', false],
    ['29/03/2026 02:30', '2026-03-29T01:30:00Z', false],
    // 25 October 2026: 01:00-01:59 happens twice; the first (BST) occurrence is taken.
    ['25/10/2026 01:30', '2026-10-25T00:30:00Z', true],
    ['25/10/2026 02:00', '2026-10-25T02:00:00Z', false],
  ])('reads %s London time as %s (ambiguous: %s)', (text, iso, ambiguous) => {
    expect(london(text)).toEqual({ ok: true, instant: utc(iso), ambiguous });
  });

  it.each(['29/03/2026 01:00', '29/03/2026 01:30', '29/03/2026 01:59'])(
    'rejects %s, which London skipped, and names the change',
    (text) => {
      expect(london(text)).toEqual({
        ok: false,
        transition: { at: utc('2026-03-29T01:00:00Z'), offsetBefore: 0, offsetAfter: 60 },
      });
    },
  );

  it('treats 24:00 as the next midnight', () => {
    expect(londonToUtc({ year: 2026, month: 3, day: 31 }, { hour: 24, minute: 0 })).toMatchObject({
      instant: utc('2026-03-31T23:00:00Z'),
    });
  });

  it('throws on impossible dates and times (callers validate typed input first)', () => {
    expect(() => londonToUtc({ year: 2026, month: 2, day: 31 })).toThrow(RangeError);
    expect(() => londonToUtc({ year: 2026, month: 3, day: 1 }, { hour: 24, minute: 30 })).toThrow(RangeError);
  });
});

describe('London days', () => {
  it('starts every day at London midnight, so clock-change days last 23 and 25 hours', () => {
    const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
    const spring = { year: 2026, month: 3, day: 29 };
    const autumn = { year: 2026, month: 10, day: 25 };
    expect(startOfLondonDay(spring)).toEqual(utc('2026-03-29T00:00:00Z'));
    expect(hours(startOfLondonDay(spring), startOfLondonDay(addDays(spring, 1)))).toBe(23);
    expect(startOfLondonDay(autumn)).toEqual(utc('2026-10-24T23:00:00Z'));
    expect(hours(startOfLondonDay(autumn), startOfLondonDay(addDays(autumn, 1)))).toBe(25);
  });

  it('reads UTC instants as London wall-clock time either side of a change', () => {
    expect(toLondonWallClock(utc('2026-03-29T00:59:00Z'))).toMatchObject({
      day: 29,
      hour: 0,
      minute: 59,
      offsetMinutes: 0,
      weekday: 0,
    });
    expect(toLondonWallClock(utc('2026-03-29T01:00:00Z'))).toMatchObject({
      day: 29,
      hour: 2,
      minute: 0,
      offsetMinutes: 60,
    });
    expect(toLondonWallClock(utc('2026-10-24T23:30:00Z'))).toMatchObject({ month: 10, day: 25, hour: 0, minute: 30 });
    expect(londonOffsetMinutes(utc('2026-10-25T00:59:00Z'))).toBe(60);
    expect(londonOffsetMinutes(utc('2026-10-25T01:00:00Z'))).toBe(0);
  });

  it('validates calendar dates, leap years included', () => {
    expect(isValidLocalDate({ year: 2026, month: 2, day: 28 })).toBe(true);
    expect(isValidLocalDate({ year: 2026, month: 2, day: 29 })).toBe(false);
    expect(isValidLocalDate({ year: 2028, month: 2, day: 29 })).toBe(true);
    expect(isValidLocalDate({ year: 2026, month: 2, day: 31 })).toBe(false);
    expect(isValidLocalDate({ year: 2026, month: 13, day: 1 })).toBe(false);
    expect(isValidLocalDate({ year: 2026, month: 4, day: 0 })).toBe(false);
  });

  it('does calendar arithmetic across months and years', () => {
    expect(addDays({ year: 2026, month: 3, day: 31 }, 1)).toEqual({ year: 2026, month: 4, day: 1 });
    expect(addDays({ year: 2026, month: 1, day: 1 }, -1)).toEqual({ year: 2025, month: 12, day: 31 });
    expect(weekdayOf({ year: 2026, month: 3, day: 20 })).toBe(5);
  });
});

describe('formatting for people in London', () => {
  it('formats dates, times and zones', () => {
    expect(formatLondonDateTime(utc('2026-03-03T14:00:00Z'))).toBe('Tue 3 Mar 2026, 14:00 GMT');
    expect(formatLondonDateTime(utc('2026-07-01T13:05:00Z'), { zone: false })).toBe('Wed 1 Jul 2026, 14:05');
    expect(formatLondonDate(utc('2026-03-28T23:30:00Z'))).toBe('Sat 28 Mar 2026');
    expect(formatLondonDate(utc('2026-06-30T23:30:00Z'))).toBe('Wed 1 Jul 2026');
    expect(formatLondonTime(utc('2026-03-29T01:00:00Z'), { zone: true })).toBe('02:00 BST');
    expect(formatLocalDate({ year: 2026, month: 10, day: 25 })).toBe('Sun 25 Oct 2026');
  });

  it('names offsets', () => {
    expect(zoneAbbreviation(0)).toBe('GMT');
    expect(zoneAbbreviation(60)).toBe('BST');
    expect(zoneAbbreviation(-330)).toBe('UTC-05:30');
  });
});

describe('londonOffsetMinutes across the clock changes, asked repeatedly', () => {
  test('the same answers the first time and from memory, on both sides of each change', () => {
    const instants = [
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00Z',
      '2026-07-01T12:30:00Z',
      '2026-01-15T23:59:59Z',
    ];
    const first = instants.map((iso) => londonOffsetMinutes(new Date(iso)));
    expect(first).toEqual([0, 60, 60, 0, 60, 0]);
    expect(instants.map((iso) => londonOffsetMinutes(new Date(iso)))).toEqual(first);
  });
});
