import type { LocalTime } from '../london-time';
import { free, freeWord, textOf, type AtomParser, type TimeRef } from './atoms';
import { problem } from './problem';
import type { PartOfDay } from './vocabulary';

/**
 * Times of day: 14:00, 14.00, 1400hrs, 2pm, 2:30 p.m., noon, midday, midnight, and a bare "2" where
 * the context allows an hour ("between 2 and 4pm", "at 9"). Clock times with a colon are 24-hour
 * (UK control-room habit): 2:30 is 02:30. A bare 1-12 needs am/pm from its range partner or a part
 * of the day; without one the reading is refused rather than guessed.
 */
export const parseTimeAtom: AtomParser = (view, i, _context, options) => {
  const token = free(view, i);
  if (!token) return undefined;
  const text = token.text;
  if (token.kind === 'time') {
    const time: TimeRef = token.meridiem
      ? { hour: token.hour, minute: token.minute, meridiem: token.meridiem, form: 'meridiem', text }
      : { hour: token.hour, minute: token.minute, form: 'clock', text };
    return { atoms: [{ kind: 'time', time }], next: i + 1 };
  }
  if (token.kind === 'word' && (token.lower === 'noon' || token.lower === 'midday')) {
    return { atoms: [{ kind: 'time', time: { hour: 12, minute: 0, form: 'noon', text } }], next: i + 1 };
  }
  if (token.kind === 'word' && token.lower === 'midnight') {
    return { atoms: [{ kind: 'time', time: { hour: 0, minute: 0, form: 'midnight', text } }], next: i + 1 };
  }
  if (token.kind !== 'number') return undefined;
  const afterAt = freeWord(view, i - 1) === 'at';
  if (afterAt && /^\d{4}$/.test(token.digits)) {
    // "at 1400": control-room 24-hour time without a colon.
    const time: TimeRef = { hour: Math.floor(token.value / 100), minute: token.value % 100, form: 'clock', text };
    return { atoms: [{ kind: 'time', time }], next: i + 1 };
  }
  if ((options.allowBareHour || afterAt) && /^\d{1,2}$/.test(token.digits) && token.value <= 24) {
    const next = freeWord(view, i + 1) === "o'clock" ? i + 2 : i + 1;
    const time: TimeRef = { hour: token.value, minute: 0, form: 'bare', text: textOf(view, i, next) };
    return { atoms: [{ kind: 'time', time }], next };
  }
  return undefined;
};

/**
 * Gives a bare or half-specified range end the am/pm of the other end, as people do ("2-4pm",
 * "10pm-2"), choosing the other half of the day when the shared one would run backwards ("11-1pm"
 * is 11am to 1pm; "10pm-2" ends at 2am).
 */
export function shareMeridiem(from: TimeRef, to: TimeRef): [TimeRef, TimeRef] {
  if (from.form === 'bare' && to.meridiem && from.hour >= 1 && from.hour <= 12) {
    const same = { ...from, meridiem: to.meridiem, form: 'meridiem' as const };
    const backwards = minutesOf(same) > minutesOf(to);
    const flipped = { ...same, meridiem: to.meridiem === 'pm' ? ('am' as const) : ('pm' as const) };
    return [backwards && to.meridiem === 'pm' ? flipped : same, to];
  }
  if (to.form === 'bare' && from.meridiem && to.hour >= 1 && to.hour <= 12) {
    const same = { ...to, meridiem: from.meridiem, form: 'meridiem' as const };
    const flipped = { ...same, meridiem: from.meridiem === 'pm' ? ('am' as const) : ('pm' as const) };
    return [from, minutesOf(same) <= minutesOf(from) ? flipped : same];
  }
  return [from, to];
}

function minutesOf(time: TimeRef): number {
  const hour = time.meridiem ? (time.hour % 12) + (time.meridiem === 'pm' ? 12 : 0) : time.hour;
  return hour * 60 + time.minute;
}

/**
 * The 24-hour wall-clock time. `part` settles bare hours ("yesterday evening between 8 and 10");
 * `role` makes "midnight" mean 24:00 when it ends a range ("from 21:00 to midnight").
 */
export function to24Hour(time: TimeRef, part: PartOfDay | undefined, role: 'start' | 'end'): LocalTime {
  const { hour, minute, text } = time;
  if (minute > 59) problem(`"${text}" is not a time: minutes run from 00 to 59.`);
  switch (time.form) {
    case 'midnight':
      return { hour: role === 'end' ? 24 : 0, minute: 0 };
    case 'noon':
      return { hour: 12, minute: 0 };
    case 'meridiem':
      if (hour < 1 || hour > 12) problem(`"${text}" is not a time: with am or pm, hours run from 1 to 12.`);
      return { hour: (hour % 12) + (time.meridiem === 'pm' ? 12 : 0), minute };
    case 'clock':
      if (hour > 24 || (hour === 24 && minute > 0)) problem(`"${text}" is not a time: hours run from 00 to 23.`);
      return { hour, minute };
    case 'bare':
      return { hour: bareHour(hour, part, text), minute };
  }
}

function bareHour(hour: number, part: PartOfDay | undefined, text: string): number {
  if (hour === 0 || hour >= 13) return hour;
  switch (part) {
    case 'morning':
      return hour;
    case 'afternoon':
    case 'evening':
      return hour === 12 ? 12 : hour + 12;
    case 'night':
      // "at 11" at night is 23:00, "at 2" is 02:00 (the night runs on past midnight), "12" is midnight.
      if (hour === 12) return 0;
      return hour >= 6 ? hour + 12 : hour;
    default:
      return problem(
        `Is "${text}" ${hour} in the morning or ${hour} in the afternoon? Add am or pm, or use the 24-hour clock ` +
          `(e.g. "${hour}pm" or "${String(hour + 12).padStart(2, '0')}:00").`,
      );
  }
}
