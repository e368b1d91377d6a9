import {
  addDays,
  formatLocalDate,
  formatLocalTime,
  formatLondonDateTime,
  londonToUtc,
  startOfLondonDay,
  toLondonWallClock,
  zoneAbbreviation,
  type LocalDate,
  type LocalTime,
} from '../london-time';
import { isAfterNow, type TemporalContext } from './atoms';
import { EARLIEST_YEAR, MAX_WINDOW_DAYS, POINT_WINDOW_MINUTES } from './limits';
import { problem } from './problem';
import { mergeMoments, type Moment, type TimePiece } from './temporal';
import { to24Hour } from './times';
import { PART_HOURS, type PartOfDay } from './vocabulary';

/**
 * Turns the time pieces of one request into a single UTC window, in London time:
 * - a day alone is that whole London day, 00:00 to 24:00 (23 or 25 hours on clock-change days);
 * - a part of the day: morning 06-12, afternoon 12-18, evening 18-24, night 18-06 the next day;
 * - a time alone is the minute it names (recordings covering that moment);
 * - a range end earlier than its start, with no date of its own, falls on the next day
 *   ("from 21:00 to 01:00"); a date after a timed range belongs to its start ("from 21:00 to
 *   01:00 on 03/03/2026" is the night of the 3rd);
 * - times and parts of day with no day at all mean the most recent such time that has begun
 *   (today if it has started, otherwise yesterday);
 * - day-only pieces ("on 03/03/2026", "yesterday evening") anchor a range elsewhere in the text.
 * Then the window is checked: it must end after it starts, not start in the future, and last at
 * most MAX_WINDOW_DAYS.
 */
export interface TimeWindow {
  start: Date;
  end: Date;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function resolveWindow(pieces: TimePiece[], context: TemporalContext): TimeWindow | undefined {
  if (pieces.length === 0) return undefined;
  const ranges = pieces.filter((piece) => piece.kind !== 'moment');
  if (ranges.length > 1) {
    problem(`I found two time ranges, "${ranges[0].text}" and "${ranges[1].text}": please search one at a time.`);
  }
  const moments = pieces.flatMap((piece) => (piece.kind === 'moment' ? [piece.moment] : []));
  const anchor = moments.length === 0 ? undefined : moments.reduce((a, b) => mergeMoments(a, b));
  const resolver = new WindowResolver(context);
  if (ranges.length === 0 && anchor) return checked(resolver.moment(anchor), context);
  const rangePiece = ranges[0];
  if (anchor?.time || anchor?.now || anchor?.rolling) {
    problem(`"${anchor.text}" and "${rangePiece.text}" both say when: please give one time or one range.`);
  }
  const window =
    rangePiece.kind === 'range'
      ? resolver.range(rangePiece.from, rangePiece.to, anchor)
      : resolver.open(rangePiece.mode, rangePiece.moment, anchor);
  return checked(window, context);
}

class WindowResolver {
  constructor(private readonly context: TemporalContext) {}

  moment(moment: Moment): TimeWindow {
    if (moment.rolling) {
      const end = this.context.now;
      return { start: new Date(end.getTime() - moment.rolling.minutes * MINUTE_MS), end };
    }
    if (moment.now) problem('Say how far back to look, e.g. "last 2 hours" or "since 9pm".');
    singleDayIfTimed(moment);
    return this.onDefaultDay(moment.span?.first, (first) => {
      const start = this.start(moment, first, moment.part);
      if (moment.time) return { start, end: new Date(start.getTime() + POINT_WINDOW_MINUTES * MINUTE_MS) };
      const last = moment.span?.last ?? first;
      return { start, end: this.end(moment, last, moment.part) };
    });
  }

  range(from: Moment, givenTo: Moment, givenAnchor: Moment | undefined): TimeWindow {
    singleDayIfTimed(from);
    singleDayIfTimed(givenTo);
    // "from 9pm to 1am on Friday": a date said after a timed end names the day the range starts
    // (the night of Friday), as a date before the range would; "to 04/03/2026 01:00" dates the end.
    const dateAfterRange = !from.span && !givenAnchor?.span && givenTo.span && givenTo.time && givenTo.dateLast;
    const anchor = dateAfterRange ? { ...givenAnchor, text: givenTo.text, span: givenTo.span } : givenAnchor;
    const to = dateAfterRange ? { ...givenTo, span: undefined } : givenTo;
    const fromPart = from.part ?? anchor?.part;
    const toPart = to.part ?? anchor?.part;
    const givenFirst = from.span?.first ?? anchor?.span?.first;
    return this.onDefaultDay(givenFirst ?? to.span?.first, (first) => {
      let start = this.start(from, first, fromPart);
      if (to.span) {
        const end = this.end(to, to.span.last, toPart);
        // "from 23:00 to 04/03/2026 01:00": the start borrowed the end's date, so it was the day before.
        if (!givenFirst && end <= start) start = this.start(from, addDays(first, -1), fromPart);
        return { start, end };
      }
      const lastOfStart = from.span?.last ?? anchor?.span?.last ?? first;
      const end = this.end(to, lastOfStart, toPart);
      // "from 21:00 to 01:00": an end with no date of its own that comes before the start is the next day.
      return { start, end: end <= start ? this.end(to, addDays(lastOfStart, 1), toPart) : end };
    });
  }

  open(mode: 'since' | 'after' | 'before', moment: Moment, anchor: Moment | undefined): TimeWindow {
    singleDayIfTimed(moment);
    const part = moment.part ?? anchor?.part;
    const span = moment.span ?? anchor?.span;
    const now = this.context.now;
    return this.onDefaultDay(span?.first, (first) => {
      const last = span?.last ?? first;
      switch (mode) {
        case 'since':
          return { start: this.start(moment, first, part), end: now };
        case 'after':
          if (!moment.time) return { start: this.end(moment, last, part), end: now };
          return {
            start: this.start(moment, first, part),
            end: part ? this.partEdge(first, part, 'end') : this.dayStart(addDays(first, 1)),
          };
        case 'before':
          if (!moment.time) {
            problem(`"before ${moment.text}" has no start. Give a range, e.g. "from 01/03/2026 to 03/03/2026".`);
          }
          return {
            start: part ? this.partEdge(first, part, 'start') : this.dayStart(first),
            end: this.end(moment, first, part),
          };
      }
    });
  }

  /**
   * Computes the window on `day`, or, when the text gave no day, on today, falling back to
   * yesterday when today's window has not begun yet ("between 2pm and 4pm" asked at 10:00).
   */
  private onDefaultDay(day: LocalDate | undefined, compute: (day: LocalDate) => TimeWindow): TimeWindow {
    if (day) return compute(day);
    const today = compute(this.context.today);
    return isAfterNow(this.context, today.start) ? compute(addDays(this.context.today, -1)) : today;
  }

  private start(moment: Moment, day: LocalDate, part: PartOfDay | undefined): Date {
    if (moment.now) return this.context.now;
    if (moment.time) return this.timeOn(moment, day, part, 'start');
    if (moment.part) return this.partEdge(day, moment.part, 'start');
    return this.dayStart(day);
  }

  private end(moment: Moment, day: LocalDate, part: PartOfDay | undefined): Date {
    if (moment.now) return this.context.now;
    if (moment.time) return this.timeOn(moment, day, part, 'end');
    if (moment.part) return this.partEdge(day, moment.part, 'end');
    return this.dayStart(addDays(day, 1));
  }

  private timeOn(moment: Moment, day: LocalDate, part: PartOfDay | undefined, role: 'start' | 'end'): Date {
    const time = to24Hour(moment.time!, part, role);
    // The night of the 3rd runs into the 4th: "last night at 2am" is 02:00 today.
    const onDay = part === 'night' && time.hour < 12 ? addDays(day, 1) : day;
    return instant(onDay, time);
  }

  private partEdge(day: LocalDate, part: PartOfDay, edge: 'start' | 'end'): Date {
    const hours = PART_HOURS[part][edge];
    return instant(addDays(day, Math.floor(hours / 24)), { hour: hours % 24, minute: 0 });
  }

  private dayStart(day: LocalDate): Date {
    return startOfLondonDay(day);
  }
}

/** A time or a part of the day belongs to one day, not to "March 2026". */
function singleDayIfTimed(moment: Moment): void {
  const span = moment.span;
  if (!span || (!moment.time && !moment.part)) return;
  const oneDay =
    span.first.year === span.last.year && span.first.month === span.last.month && span.first.day === span.last.day;
  if (!oneDay) problem(`"${span.text}" covers several days: give one day for a time, e.g. "04/03/2026 at 14:00".`);
}

/** The UTC instant of a London wall-clock time, or an explanation of the clock change that skipped it. */
function instant(day: LocalDate, time: LocalTime): Date {
  const result = londonToUtc(day, time);
  if (result.ok) return result.instant;
  const { at, offsetBefore, offsetAfter } = result.transition;
  const before = formatLocalTime(localClock(at, offsetBefore));
  const after = formatLocalTime(localClock(at, offsetAfter));
  const later = formatLocalTime({ hour: time.hour + (offsetAfter - offsetBefore) / 60, minute: time.minute });
  return problem(
    `${formatLocalDate(day)} ${formatLocalTime(time)} does not exist in London time: that night the clocks went forward ` +
      `from ${before} ${zoneAbbreviation(offsetBefore)} to ${after} ${zoneAbbreviation(offsetAfter)}. ` +
      `Did you mean ${later} ${zoneAbbreviation(offsetAfter)}?`,
  );
}

function localClock(at: Date, offsetMinutes: number): LocalTime {
  const shifted = new Date(at.getTime() + offsetMinutes * MINUTE_MS);
  return { hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

function checked(window: TimeWindow, context: TemporalContext): TimeWindow {
  const { start, end } = window;
  // The parsers bound every number they read; this keeps a missed case an answer, not a crash.
  if (!Number.isFinite(start.getTime()) || !Number.isFinite(end.getTime())) {
    problem(
      `That time is too far from today for me to search: I can only search footage from ${EARLIEST_YEAR} onwards.`,
    );
  }
  const from = formatLondonDateTime(start, { zone: true });
  const to = formatLondonDateTime(end, { zone: true });
  if (end.getTime() <= start.getTime()) {
    problem(`That time range ends (${to}) before it starts (${from}). Check the order, e.g. "from 21:00 to 23:00".`);
  }
  if (toLondonWallClock(start).year < EARLIEST_YEAR) {
    problem(`${from} is too long ago: I can only search footage from ${EARLIEST_YEAR} onwards.`);
  }
  if (end.getTime() - start.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    problem(
      `That window is ${describeLength(end.getTime() - start.getTime())} long (${from} to ${to}); I can search at most ` +
        `${MAX_WINDOW_DAYS} days at a time. Try a shorter range, e.g. "from 01/03/2026 to 07/03/2026".`,
    );
  }
  if (isAfterNow(context, start)) {
    problem(`${from} is in the future, so there is no footage for it yet.`);
  }
  return window;
}

function describeLength(ms: number): string {
  const days = ms / DAY_MS;
  if (days >= 365) {
    const years = Math.round(days / 365.25);
    return `${years} year${years === 1 ? '' : 's'}`;
  }
  return `${Math.round(days)} days`;
}
