import { compareLocalDates, daysInMonth, isValidLocalDate, MONTH_NAMES, type LocalDate } from '../london-time';
import {
  free,
  freeWord,
  textOf,
  type AtomMatch,
  type AtomParser,
  type DaySpan,
  type TemporalContext,
  type TokenView,
} from './atoms';
import { EARLIEST_YEAR } from './limits';
import { problem } from './problem';
import { MONTHS } from './vocabulary';

/**
 * Calendar dates as UK officers type them: day first (04/03/2026 is 4 March), 4/3/26, 2026-03-04,
 * "4 March 2026", "13 mar 26", "13-Mar-26", "4th of March", "March 4th", "on the 3rd", "March 2026",
 * "in March", "2025". Two-digit years are 2000-2099. A
 * date without a year (or month) is the most recent such date that is not after today (footage is
 * always in the past).
 */
export const parseDateAtom: AtomParser = (view, i, context) => {
  const token = free(view, i);
  if (!token) return undefined;
  if (token.kind === 'date') {
    const date = checkedDate(token.day, token.month, token.year, token.yearDigits, token.text, context);
    return spanMatch(view, i, i + 1, date, date);
  }
  if (token.kind === 'ordinal' || (token.kind === 'number' && isDayNumber(token.digits))) {
    return dayThenMonth(view, i, context);
  }
  const month = token.kind === 'word' ? MONTHS.get(token.lower) : undefined;
  if (month !== undefined) return monthFirst(view, i, month, context);
  if (token.kind === 'number' && /^\d{4}$/.test(token.digits) && freeWord(view, i - 1) !== 'at') {
    const year = checkedYear(token.value, token.text);
    return spanMatch(view, i, i + 1, { year, month: 1, day: 1 }, { year, month: 12, day: 31 });
  }
  return undefined;
};

function isDayNumber(digits: string): boolean {
  return /^\d{1,2}$/.test(digits) && Number(digits) >= 1 && Number(digits) <= 31;
}

/** "4 March", "4th of March 2026", "4 Mar, 2026". */
function dayThenMonth(view: TokenView, i: number, context: TemporalContext): AtomMatch | undefined {
  const dayToken = free(view, i);
  let j = i + 1;
  if (freeWord(view, j) === 'of') j += 1;
  const month = MONTHS.get(freeWord(view, j) ?? '');
  if (dayToken?.kind === 'ordinal' && month === undefined && ['on', 'the'].includes(freeWord(view, i - 1) ?? '')) {
    // "on the 3rd": the latest 3rd of a month that is not after today.
    const date = latestDayOfMonth(dayToken.value, dayToken.text, context);
    return spanMatch(view, i, i + 1, date, date);
  }
  if (dayToken === undefined || month === undefined || (dayToken.kind !== 'ordinal' && dayToken.kind !== 'number')) {
    return undefined;
  }
  const year = readYear(view, j + 1, true);
  const text = textOf(view, i, year.next);
  const date = checkedDate(dayToken.value, month, year.value, year.digits, text, context);
  return spanMatch(view, i, year.next, date, date);
}

/** "March 4", "March 4th, 2026", "March 2026", and "in March" (the whole month). */
function monthFirst(view: TokenView, i: number, month: number, context: TemporalContext): AtomMatch | undefined {
  const dayToken = free(view, i + 1);
  if (dayToken && (dayToken.kind === 'ordinal' || (dayToken.kind === 'number' && isDayNumber(dayToken.digits)))) {
    const year = readYear(view, i + 2, true);
    const text = textOf(view, i, year.next);
    const date = checkedDate(dayToken.value, month, year.value, year.digits, text, context);
    return spanMatch(view, i, year.next, date, date);
  }
  const year = readYear(view, i + 1);
  const wholeMonthWanted =
    year.value !== undefined || ['in', 'during', 'throughout'].includes(freeWord(view, i - 1) ?? '');
  if (!wholeMonthWanted) return undefined; // "may" or "march" used as an ordinary word
  const y = year.value ?? (month > context.today.month ? context.today.year - 1 : context.today.year);
  return spanMatch(view, i, year.next, { year: y, month, day: 1 }, { year: y, month, day: daysInMonth(y, month) });
}

/**
 * An optional ", 2026" after a day and month; after a day, also a two-digit year ("13 mar 26" is
 * 2026), unless the number starts a time range ("4 March 10-12pm", "4 March 10 to 12").
 */
function readYear(view: TokenView, i: number, twoDigits = false): { value?: number; digits: number; next: number } {
  let j = i;
  if (free(view, j)?.text === ',') j += 1;
  const token = free(view, j);
  if (token?.kind === 'number' && /^\d{4}$/.test(token.digits)) {
    return { value: checkedYear(token.value, token.text), digits: 4, next: j + 1 };
  }
  const startsRange = ['-', 'to', 'and', 'until', 'till', "o'clock"].includes(free(view, j + 1)?.lower ?? '');
  if (twoDigits && token?.kind === 'number' && /^\d{2}$/.test(token.digits) && !startsRange) {
    return { value: token.value, digits: 2, next: j + 1 };
  }
  return { digits: 0, next: i };
}

function spanMatch(view: TokenView, from: number, to: number, first: LocalDate, last: LocalDate): AtomMatch {
  const span: DaySpan = { first, last, text: textOf(view, from, to) };
  return { atoms: [{ kind: 'span', span }], next: to };
}

function checkedYear(year: number, text: string): number {
  if (year < EARLIEST_YEAR) {
    problem(`The year ${year} in "${text}" looks wrong: I can only search footage from ${EARLIEST_YEAR} onwards.`);
  }
  return year;
}

/**
 * A validated date from typed parts; `yearDigits` 0 means no year was typed. Explains, in terms of
 * day-first dates, why a date is impossible (31/02/2026, 03/14/2026, 0/3/2026).
 */
export function checkedDate(
  day: number,
  month: number,
  year: number | undefined,
  yearDigits: number,
  text: string,
  context: TemporalContext,
): LocalDate {
  if (month < 1 || month > 12) {
    const swapped = day >= 1 && day <= 12 && month <= 31;
    problem(
      `"${text}" is not a date I can read: dates are day first (DD/MM/YYYY), and there is no month ${month}.` +
        (swapped ? ` Did you mean ${pad2(month)}/${pad2(day)}${year === undefined ? '' : `/${year}`}?` : ''),
    );
  }
  if (yearDigits !== 0 && yearDigits !== 2 && yearDigits !== 4) {
    problem(`"${text}" is not a date I can read: write the year with two or four digits, like 04/03/2026.`);
  }
  if (year === undefined || yearDigits === 0) return mostRecent(day, month, text, context);
  const fullYear = checkedYear(yearDigits === 2 ? 2000 + year : year, text);
  const date = { year: fullYear, month, day };
  if (!isValidLocalDate(date)) impossibleDay(day, month, fullYear, text);
  return date;
}

/** The latest date with this day and month that is not after today (29 February: the latest leap year). */
function mostRecent(day: number, month: number, text: string, context: TemporalContext): LocalDate {
  for (let year = context.today.year; year >= context.today.year - 8; year -= 1) {
    const date = { year, month, day };
    if (isValidLocalDate(date) && compareLocalDates(date, context.today) <= 0) return date;
  }
  return impossibleDay(day, month, context.today.year, text);
}

function latestDayOfMonth(day: number, text: string, context: TemporalContext): LocalDate {
  let { year, month } = context.today;
  for (let tries = 0; tries < 12; tries += 1) {
    const date = { year, month, day };
    if (isValidLocalDate(date) && compareLocalDates(date, context.today) <= 0) return date;
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return problem(`"${text}" is not a day of any month.`);
}

function impossibleDay(day: number, month: number, year: number, text: string): never {
  const name = MONTH_NAMES[month - 1];
  if (day < 1) problem(`"${text}" is not a date: there is no day ${day} of ${name}.`);
  return problem(`"${text}" is not a date: ${name} ${year} has ${daysInMonth(year, month)} days.`);
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
