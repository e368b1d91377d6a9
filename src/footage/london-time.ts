/**
 * Europe/London wall-clock time <-> UTC instants.
 *
 * Officers think and type in London time (GMT in winter, BST = UTC+1 in summer); Box metadata holds
 * UTC. Offsets come from the runtime's time-zone database through @date-fns/tz `tzOffset`, and the
 * conversion is done here rather than with `new TZDate(...)` because TZDate silently moves a time in
 * the spring-forward gap (29/03/2026 01:30 becomes 02:30 BST), whereas a search must say that the
 * time never existed.
 *
 * Rules:
 * - A wall-clock time in the spring-forward gap (e.g. 01:00-01:59 on 29 March 2026) does not exist:
 *   `londonToUtc` returns `ok: false` with the transition, so the caller can explain it.
 * - A wall-clock time in the autumn fall-back overlap (e.g. 01:00-01:59 on 25 October 2026 happens
 *   twice) resolves to its FIRST occurrence (still BST), flagged `ambiguous: true`. The first is
 *   chosen so that a window starting then includes both passes through the hour.
 * - Hour 24:00 means the end of that day, i.e. 00:00 of the next one.
 */
import { tzOffset } from '@date-fns/tz';

export const LONDON_TIME_ZONE = 'Europe/London';

/** A calendar date in London; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time; hour 0-24 (24 only with minute 0, meaning the end of the day). */
export interface LocalTime {
  hour: number;
  minute: number;
}

export interface LondonWallClock extends LocalDate, LocalTime {
  second: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** Minutes ahead of UTC: 0 (GMT) or 60 (BST). */
  offsetMinutes: number;
}

export type LondonToUtcResult =
  { ok: true; instant: Date; ambiguous: boolean } | { ok: false; transition: ClockChange };

/** A change of London's UTC offset: at `at` (UTC) the clocks moved from offsetBefore to offsetAfter. */
export interface ClockChange {
  at: Date;
  offsetBefore: number;
  offsetAfter: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

// London's clocks change only on the hour in UTC (01:00), so the offset is the same for a whole
// UTC hour: remembered per hour, as each card formats dozens of times. Bounded, then started afresh.
const HOUR_MS = 3_600_000;
const OFFSET_CACHE_LIMIT = 100_000;
const offsetsByHour = new Map<number, number>();

export function londonOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const offset = tzOffset(LONDON_TIME_ZONE, instant);
  if (Number.isNaN(offset)) return offset;
  if (offsetsByHour.size >= OFFSET_CACHE_LIMIT) offsetsByHour.clear();
  offsetsByHour.set(hour, offset);
  return offset;
}

export function toLondonWallClock(instant: Date): LondonWallClock {
  const offsetMinutes = londonOffsetMinutes(instant);
  // Shifting by the offset and reading UTC fields gives the wall clock without the host's zone.
  const shifted = new Date(instant.getTime() + offsetMinutes * MINUTE_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
    offsetMinutes,
  };
}

export function londonDateOf(instant: Date): LocalDate {
  const { year, month, day } = toLondonWallClock(instant);
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidLocalDate(date: LocalDate): boolean {
  return (
    Number.isInteger(date.year) &&
    Number.isInteger(date.month) &&
    Number.isInteger(date.day) &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= daysInMonth(date.year, date.month)
  );
}

export function isValidLocalTime(time: LocalTime): boolean {
  return (
    Number.isInteger(time.hour) &&
    Number.isInteger(time.minute) &&
    time.minute >= 0 &&
    time.minute <= 59 &&
    time.hour >= 0 &&
    (time.hour < 24 || (time.hour === 24 && time.minute === 0))
  );
}

/** Calendar arithmetic on dates (no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Negative when a is earlier than b, 0 when equal. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

export function sameLocalDate(a: LocalDate, b: LocalDate): boolean {
  return compareLocalDates(a, b) === 0;
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/**
 * The UTC instant of a London wall-clock time; see the module comment for gaps and overlaps.
 * Throws RangeError for an impossible date or time (callers validate typed input first).
 */
export function londonToUtc(date: LocalDate, time: LocalTime = { hour: 0, minute: 0 }): LondonToUtcResult {
  if (!isValidLocalDate(date) || !isValidLocalTime(time)) {
    throw new RangeError(`not a valid date and time: ${JSON.stringify({ ...date, ...time })}`);
  }
  if (time.hour === 24) return londonToUtc(addDays(date, 1), { hour: 0, minute: 0 });
  const naive = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute);
  // Offsets a day either side cover every offset that can apply to this wall-clock time (London
  // changes offset twice a year, months apart).
  const offsets = new Set([
    londonOffsetMinutes(new Date(naive - DAY_MS)),
    londonOffsetMinutes(new Date(naive)),
    londonOffsetMinutes(new Date(naive + DAY_MS)),
  ]);
  const instants = [...offsets]
    .map((offset) => ({ offset, instant: naive - offset * MINUTE_MS }))
    .filter(({ offset, instant }) => londonOffsetMinutes(new Date(instant)) === offset)
    .map(({ instant }) => instant)
    .sort((a, b) => a - b);
  if (instants.length === 0) {
    return { ok: false, transition: clockChangeBetween(new Date(naive - DAY_MS), new Date(naive + DAY_MS)) };
  }
  return { ok: true, instant: new Date(instants[0]), ambiguous: instants.length > 1 };
}

/** 00:00 London time on `date` (midnight always exists in London: the clocks change at 01:00 UTC). */
export function startOfLondonDay(date: LocalDate): Date {
  const result = londonToUtc(date, { hour: 0, minute: 0 });
  if (!result.ok) throw new RangeError(`midnight does not exist in London on ${formatLocalDate(date)}`);
  return result.instant;
}

/**
 * The (first) offset change of London time in (from, to], found by bisection to the millisecond.
 * Only called when a gap is known to lie in the interval.
 */
function clockChangeBetween(from: Date, to: Date): ClockChange {
  const offsetBefore = londonOffsetMinutes(from);
  let low = from.getTime();
  let high = to.getTime();
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (londonOffsetMinutes(new Date(middle)) === offsetBefore) low = middle;
    else high = middle;
  }
  return { at: new Date(high), offsetBefore, offsetAfter: londonOffsetMinutes(new Date(high)) };
}

/** "GMT" or "BST" for London's two offsets; "UTC+hh:mm" for anything else the tz database returns. */
export function zoneAbbreviation(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'GMT';
  if (offsetMinutes === 60) return 'BST';
  const sign = offsetMinutes < 0 ? '-' : '+';
  // Historic local mean time is not a whole number of minutes (London's was -0:01:15).
  const abs = Math.round(Math.abs(offsetMinutes));
  return `UTC${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** "Tue 3 Mar 2026". */
export function formatLocalDate(date: LocalDate): string {
  const weekday = WEEKDAY_NAMES[weekdayOf(date)].slice(0, 3);
  const month = MONTH_NAMES[date.month - 1].slice(0, 3);
  return `${weekday} ${date.day} ${month} ${date.year}`;
}

/** "14:00" (24-hour). */
export function formatLocalTime(time: LocalTime): string {
  return `${pad2(time.hour)}:${pad2(time.minute)}`;
}

/** "Tue 3 Mar 2026", the London date of an instant. */
export function formatLondonDate(instant: Date): string {
  return formatLocalDate(londonDateOf(instant));
}

/** "14:00", or "14:00 GMT" with `zone`. */
export function formatLondonTime(instant: Date, options: { zone?: boolean } = {}): string {
  const clock = toLondonWallClock(instant);
  const time = formatLocalTime(clock);
  return options.zone ? `${time} ${zoneAbbreviation(clock.offsetMinutes)}` : time;
}

/**
 * "Tue 3 Mar 2026, 14:00 GMT": the one way the bot writes a moment, with the zone named because
 * officers read it against witness statements. `zone: false` leaves the zone out.
 */
export function formatLondonDateTime(instant: Date, options: { zone?: boolean } = {}): string {
  return `${formatLondonDate(instant)}, ${formatLondonTime(instant, { zone: options.zone ?? true })}`;
}
