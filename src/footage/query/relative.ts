import { addDays, formatLocalDate, weekdayOf, type LocalDate } from '../london-time';
import {
  free,
  freeWord,
  textOf,
  type Atom,
  type AtomMatch,
  type AtomParser,
  type TemporalContext,
  type TokenView,
} from './atoms';
import { EARLIEST_YEAR, MAX_WINDOW_DAYS } from './limits';
import { problem } from './problem';
import {
  DURATION_UNITS,
  NUMBER_WORDS,
  PARTS_OF_DAY,
  WEEKDAY_ABBREVIATIONS,
  WEEKDAYS,
  type PartOfDay,
} from './vocabulary';

/**
 * Days and parts of days relative to now in London: today, yesterday, the day before yesterday,
 * 3 days ago, this morning/afternoon/evening, tonight, last night, (last) Friday, morning/afternoon/
 * evening/night, now, this week, last week, this weekend, last weekend, (over) the weekend, and
 * rolling windows ("last 24 hours", "past week", "previous 2 days").
 *
 * Choices (documented because people differ):
 * - "Friday" / "on Friday" is the most recent Friday, today included; "last Friday" is the most
 *   recent Friday before today.
 * - "tonight" before 06:00 is the night in progress (it began yesterday evening).
 * - Weeks start on Monday 00:00 London time. "this week" is Monday to Sunday of the current week,
 *   "last week" (or "previous week") the whole week before it; "this weekend" is Saturday and Sunday
 *   of the current week, "last weekend" those of the week before; "the weekend" / "over the weekend"
 *   is the most recent weekend that has begun (this one on a Saturday or Sunday).
 * - Rolling units are exact durations back from now ("last 2 days" = 48 hours, "past week" = 7 x 24
 *   hours; a month = 30 days). A count must be a positive number and the whole duration fit one
 *   search (MAX_WINDOW_DAYS), so a huge count is refused before any date is computed.
 */
const DAY_MINUTES = 1440;

export const parseRelativeAtom: AtomParser = (view, i, context) => {
  const word = freeWord(view, i);
  if (word === undefined) return numberedAgo(view, i, context);
  const { today, clock } = context;
  const single = (atoms: Atom[], next = i + 1): AtomMatch => ({ atoms, next });
  switch (word) {
    case 'today':
      return single([span(view, i, i + 1, today)]);
    case 'yesterday':
      return single([span(view, i, i + 1, addDays(today, -1))]);
    case 'tonight':
      return single([span(view, i, i + 1, clock.hour < 6 ? addDays(today, -1) : today), part(view, i, 'night')]);
    case 'now':
      return single([{ kind: 'now', text: 'now' }]);
    case 'day':
      if (freeWord(view, i + 1) === 'before' && freeWord(view, i + 2) === 'yesterday') {
        return single([span(view, i, i + 3, addDays(today, -2))], i + 3);
      }
      return undefined;
    case 'this': {
      const following = freeWord(view, i + 1) ?? '';
      if (following === 'week') return single([weekSpan(view, i, i + 2, startOfWeek(today))], i + 2);
      if (following === 'weekend') return single([weekendSpan(view, i, i + 2, addDays(startOfWeek(today), 5))], i + 2);
      const partOfDay = PARTS_OF_DAY.get(following);
      if (partOfDay === undefined) return undefined;
      return single([span(view, i, i + 2, today), part(view, i + 1, partOfDay)], i + 2);
    }
    case 'weekend':
      return single([weekendSpan(view, i, i + 1, latestWeekendStart(today))]);
    case 'last':
    case 'past':
    case 'previous':
      return lastSomething(view, i, context);
    default:
      return dayOrPartName(view, i, word);
  }
};

function dayOrPartName(view: TokenView, i: number, word: string): AtomMatch | undefined {
  const partOfDay = PARTS_OF_DAY.get(word);
  if (partOfDay !== undefined) return { atoms: [part(view, i, partOfDay)], next: i + 1 };
  const weekday = WEEKDAYS.get(word) ?? (abbreviationAllowed(view, i) ? WEEKDAY_ABBREVIATIONS.get(word) : undefined);
  if (weekday === undefined) return undefined;
  return { atoms: [{ kind: 'weekday', weekday, text: textOf(view, i, i + 1) }], next: i + 1 };
}

/** "sat", "sun", "wed" are weekdays only next to a date or after a word that introduces one. */
function abbreviationAllowed(view: TokenView, i: number): boolean {
  const before = freeWord(view, i - 1) ?? '';
  const after = free(view, i + 1);
  const introduces = [
    'on',
    'last',
    'this',
    'since',
    'from',
    'between',
    'until',
    'till',
    'before',
    'after',
    'and',
    'to',
  ];
  return introduces.includes(before) || after?.kind === 'date' || after?.kind === 'ordinal' || after?.kind === 'number';
}

/** "last night", "last Friday", "last 3 hours", "past week", "previous day". */
function lastSomething(view: TokenView, i: number, context: TemporalContext): AtomMatch | undefined {
  const next = freeWord(view, i + 1);
  if (freeWord(view, i) === 'last' && next === 'night') {
    return { atoms: [span(view, i, i + 2, addDays(context.today, -1)), part(view, i + 1, 'night')], next: i + 2 };
  }
  const weekday = WEEKDAYS.get(next ?? '') ?? WEEKDAY_ABBREVIATIONS.get(next ?? '');
  if (weekday !== undefined) {
    const date = mostRecentWeekday(context.today, weekday, true);
    return { atoms: [span(view, i, i + 2, date)], next: i + 2 };
  }
  const calendar = freeWord(view, i) !== 'past';
  const previousWeek = addDays(startOfWeek(context.today), -7);
  if (calendar && next === 'week') return { atoms: [weekSpan(view, i, i + 2, previousWeek)], next: i + 2 };
  if (next === 'weekend') {
    const saturday = calendar ? addDays(previousWeek, 5) : latestWeekendStart(context.today);
    return { atoms: [weekendSpan(view, i, i + 2, saturday)], next: i + 2 };
  }
  let j = i + 1;
  let count = 1;
  const countToken = free(view, j);
  if (countToken?.kind === 'number') {
    count = countToken.value;
    j += 1;
  } else if (countToken?.kind === 'word' && NUMBER_WORDS.has(countToken.lower)) {
    count = NUMBER_WORDS.get(countToken.lower) ?? 1;
    j += 1;
  }
  const unit = DURATION_UNITS.get(freeWord(view, j) ?? '');
  if (unit === undefined) return undefined;
  const text = textOf(view, i, j + 1);
  return { atoms: [{ kind: 'rolling', minutes: rollingMinutes(count, unit, text), text }], next: j + 1 };
}

/** Bounded before any arithmetic: "last 100000000000000000000 hours" is refused, not computed. */
function rollingMinutes(count: number, unitMinutes: number, text: string): number {
  const minutes = count * unitMinutes;
  if (!(minutes >= 1))
    problem(`"${text}" is too short a time to search: say how far back to look, e.g. "last 3 hours".`);
  if (minutes > MAX_WINDOW_DAYS * DAY_MINUTES) {
    problem(
      `"${text}" is longer than one search can cover (at most ${MAX_WINDOW_DAYS} days). ` +
        'Try e.g. "last 7 days", or a range such as "from 01/03/2026 to 07/03/2026".',
    );
  }
  return minutes;
}

/** "3 days ago", "2 weeks ago". */
function numberedAgo(view: TokenView, i: number, context: TemporalContext): AtomMatch | undefined {
  const count = free(view, i);
  const unit = freeWord(view, i + 1);
  if (count?.kind !== 'number' || freeWord(view, i + 2) !== 'ago') return undefined;
  const days =
    unit === 'day' || unit === 'days' ? count.value : unit === 'week' || unit === 'weeks' ? count.value * 7 : undefined;
  if (days === undefined || !Number.isInteger(days)) return undefined;
  // Bounded before the date is computed: any count reaching back before EARLIEST_YEAR is refused.
  const daysSinceEarliest = (context.today.year - EARLIEST_YEAR + 1) * 366;
  if (days > daysSinceEarliest) {
    problem(`"${textOf(view, i, i + 3)}" is too long ago: I can only search footage from ${EARLIEST_YEAR} onwards.`);
  }
  return { atoms: [span(view, i, i + 3, addDays(context.today, -days))], next: i + 3 };
}

/** Monday of the week `date` falls in: weeks start on Monday. */
function startOfWeek(date: LocalDate): LocalDate {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** Saturday of the most recent weekend that has begun (today's on a Saturday or Sunday). */
function latestWeekendStart(today: LocalDate): LocalDate {
  const saturday = addDays(startOfWeek(today), 5);
  return weekdayOf(today) === 6 || weekdayOf(today) === 0 ? saturday : addDays(saturday, -7);
}

/** Monday to Sunday of the week starting on `monday`. */
function weekSpan(view: TokenView, from: number, to: number, monday: LocalDate): Atom {
  return { kind: 'span', span: { first: monday, last: addDays(monday, 6), text: textOf(view, from, to) } };
}

/** The Saturday and Sunday starting on `saturday`. */
function weekendSpan(view: TokenView, from: number, to: number, saturday: LocalDate): Atom {
  return { kind: 'span', span: { first: saturday, last: addDays(saturday, 1), text: textOf(view, from, to) } };
}

/** The latest date that falls on `weekday`: today counts unless `beforeToday`. */
export function mostRecentWeekday(today: LocalDate, weekday: number, beforeToday: boolean): LocalDate {
  let back = (weekdayOf(today) - weekday + 7) % 7;
  if (back === 0 && beforeToday) back = 7;
  return addDays(today, -back);
}

function span(view: TokenView, from: number, to: number, date: LocalDate): Atom {
  return { kind: 'span', span: { first: date, last: date, text: textOf(view, from, to) || formatLocalDate(date) } };
}

function part(view: TokenView, i: number, partOfDay: PartOfDay): Atom {
  return { kind: 'part', part: partOfDay, text: textOf(view, i, i + 1) };
}
