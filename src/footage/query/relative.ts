import { addDays, formatLocalDate, weekdayOf, type LocalDate } from '../london-time';
import { free, freeWord, textOf, type Atom, type AtomMatch, type AtomParser, type TemporalContext, type TokenView } from './atoms';
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
 * evening/night, now, and rolling windows ("last 24 hours", "past week", "previous 2 days").
 *
 * Choices (documented because people differ):
 * - "Friday" / "on Friday" is the most recent Friday, today included; "last Friday" is the most
 *   recent Friday before today.
 * - "tonight" before 06:00 is the night in progress (it began yesterday evening).
 * - Rolling units are exact durations back from now ("last 2 days" = 48 hours; a month = 30 days).
 */
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
      const partOfDay = PARTS_OF_DAY.get(freeWord(view, i + 1) ?? '');
      if (partOfDay === undefined) return undefined;
      return single([span(view, i, i + 2, today), part(view, i + 1, partOfDay)], i + 2);
    }
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
  const introduces = ['on', 'last', 'this', 'since', 'from', 'between', 'until', 'till', 'before', 'after', 'and', 'to'];
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
  return { atoms: [{ kind: 'rolling', minutes: count * unit, text: textOf(view, i, j + 1) }], next: j + 1 };
}

/** "3 days ago", "2 weeks ago". */
function numberedAgo(view: TokenView, i: number, context: TemporalContext): AtomMatch | undefined {
  const count = free(view, i);
  const unit = freeWord(view, i + 1);
  if (count?.kind !== 'number' || freeWord(view, i + 2) !== 'ago') return undefined;
  const days = unit === 'day' || unit === 'days' ? count.value : unit === 'week' || unit === 'weeks' ? count.value * 7 : undefined;
  if (days === undefined || !Number.isInteger(days)) return undefined;
  return { atoms: [span(view, i, i + 3, addDays(context.today, -days))], next: i + 3 };
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
