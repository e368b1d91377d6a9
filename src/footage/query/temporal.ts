import { formatLocalDate, sameLocalDate, WEEKDAY_NAMES, weekdayOf } from '../london-time';
import {
  claim,
  free,
  freeWord,
  textOf,
  type Atom,
  type AtomOptions,
  type AtomParser,
  type DaySpan,
  type TemporalContext,
  type TimeRef,
  type TokenView,
} from './atoms';
import { parseDateAtom } from './dates';
import { problem } from './problem';
import { mostRecentWeekday, parseRelativeAtom } from './relative';
import { parseTimeAtom, shareMeridiem } from './times';
import type { PartOfDay } from './vocabulary';

/**
 * The time grammar. Adjacent atoms (a day, a part of the day, a time) make a Moment
 * ("on Friday afternoon", "14/03/2026 22:00"); moments combine into ranges ("from A to B",
 * "between A and B", "A-B") and open ranges ("since A", "after A", "before A"). Each expression
 * found becomes a TimePiece; window.ts turns the pieces into one UTC window.
 */
export interface Moment {
  span?: DaySpan;
  part?: PartOfDay;
  time?: TimeRef;
  now?: boolean;
  rolling?: { minutes: number; text: string };
  /** The date was the last thing said ("01:00 on 03/03/2026", not "03/03/2026 01:00"). */
  dateLast?: boolean;
  text: string;
}

export type TimePiece =
  | { kind: 'moment'; moment: Moment; text: string }
  | { kind: 'range'; from: Moment; to: Moment; text: string }
  | { kind: 'open'; mode: 'since' | 'after' | 'before'; moment: Moment; text: string };

/** Words and punctuation that may join atoms of one moment ("on 3 March at 2pm", "in the afternoon"). */
const GLUE = new Set([
  'on',
  'at',
  'the',
  'of',
  'in',
  'during',
  'for',
  'around',
  'about',
  'approx',
  'approximately',
  ',',
]);
const RANGE_CONNECTORS = ['-', 'to', 'until', 'till', 'til', 'through', 'thru'];
const BETWEEN_CONNECTORS = ['and', '-', 'to'];
const OPEN_MODES: Record<string, 'since' | 'after' | 'before'> = {
  since: 'since',
  after: 'after',
  before: 'before',
  until: 'before',
  till: 'before',
  til: 'before',
};

// Relative words first, then dates ("4 March" before a bare hour "4"), then times.
const ATOM_PARSERS: AtomParser[] = [parseRelativeAtom, parseDateAtom, parseTimeAtom];

/** Finds every time expression, claims its tokens, and returns the pieces in order of appearance. */
export function parseTimePieces(view: TokenView, context: TemporalContext): TimePiece[] {
  const pieces: TimePiece[] = [];
  let i = 0;
  while (i < view.tokens.length) {
    const found = view.used[i] ? undefined : expressionAt(view, i, context);
    if (!found) {
      i += 1;
      continue;
    }
    claim(view, i, found.next);
    pieces.push(found.piece);
    i = found.next;
  }
  return pieces;
}

interface PieceMatch {
  piece: TimePiece;
  next: number;
}

interface MomentMatch {
  moment: Moment;
  next: number;
}

function expressionAt(view: TokenView, i: number, context: TemporalContext): PieceMatch | undefined {
  const word = freeWord(view, i);
  if (word === 'from' || word === 'between') return rangeAfterOpener(view, i, word, context);
  const mode = word === undefined ? undefined : OPEN_MODES[word];
  if (mode !== undefined) {
    const moment = momentAt(view, i + 1, context, true);
    if (!moment) return undefined;
    return {
      piece: { kind: 'open', mode, moment: moment.moment, text: textOf(view, i, moment.next) },
      next: moment.next,
    };
  }
  let first = momentAt(view, i, context, false);
  const bareRangeStart =
    !first && free(view, i)?.kind === 'number' && connectorAfter(view, i + 1, RANGE_CONNECTORS) !== undefined;
  if (bareRangeStart) first = momentAt(view, i, context, true); // "2-4pm", "9 to 11am"
  if (!first) return undefined;
  const afterConnector = connectorAfter(view, first.next, RANGE_CONNECTORS);
  const second = afterConnector === undefined ? undefined : momentAt(view, afterConnector, context, true);
  if (second) return range(view, i, first.moment, second);
  if (bareRangeStart) return undefined;
  return { piece: { kind: 'moment', moment: first.moment, text: textOf(view, i, first.next) }, next: first.next };
}

/** "from A to B", "from A" (open), "between A and B". */
function rangeAfterOpener(
  view: TokenView,
  i: number,
  opener: 'from' | 'between',
  context: TemporalContext,
): PieceMatch | undefined {
  const first = momentAt(view, i + 1, context, true);
  if (!first) return undefined; // "from TfL cameras": not a time
  const afterConnector = connectorAfter(view, first.next, opener === 'between' ? BETWEEN_CONNECTORS : RANGE_CONNECTORS);
  const second = afterConnector === undefined ? undefined : momentAt(view, afterConnector, context, true);
  if (second) return range(view, i, first.moment, second);
  if (opener === 'between') {
    problem(`"${textOf(view, i, first.next)}" needs an end: say e.g. "between 2pm and 4pm".`);
  }
  const text = textOf(view, i, first.next);
  // "from 9pm" runs to the end of that day; "footage from yesterday" is simply yesterday.
  if (!first.moment.time) return { piece: { kind: 'moment', moment: first.moment, text }, next: first.next };
  return { piece: { kind: 'open', mode: 'after', moment: first.moment, text }, next: first.next };
}

function range(view: TokenView, i: number, from: Moment, to: MomentMatch): PieceMatch {
  if (from.rolling || to.moment.rolling)
    problem(`"${textOf(view, i, to.next)}" mixes a range with "last ...": use one or the other.`);
  let start = from;
  let end = to.moment;
  if (start.time && end.time) {
    const [a, b] = shareMeridiem(start.time, end.time);
    start = { ...start, time: a };
    end = { ...end, time: b };
  }
  return { piece: { kind: 'range', from: start, to: end, text: textOf(view, i, to.next) }, next: to.next };
}

function connectorAfter(view: TokenView, i: number, connectors: string[]): number | undefined {
  const token = free(view, i);
  return token && connectors.includes(token.lower) ? i + 1 : undefined;
}

/** One or more adjacent atoms, joined by glue words, merged into one moment. */
function momentAt(
  view: TokenView,
  i: number,
  context: TemporalContext,
  allowBareHour: boolean,
): MomentMatch | undefined {
  const atoms: Atom[] = [];
  let next = i;
  for (;;) {
    let k = next;
    while (GLUE.has(free(view, k)?.lower ?? '')) k += 1;
    const options: AtomOptions = { allowBareHour: allowBareHour && atoms.length === 0 };
    const found = firstAtom(view, k, context, options);
    if (!found) break;
    atoms.push(...found.atoms);
    next = found.next;
  }
  if (atoms.length === 0) return undefined;
  const text = textOf(view, i, next);
  const moment = atoms.reduce<Moment>((merged, atom) => mergeMoments(merged, atomMoment(atom, text)), { text });
  const resolved = resolveWeekday(moment, atoms, context);
  const lastKind = atoms[atoms.length - 1].kind;
  if (atoms.length > 1 && (lastKind === 'span' || lastKind === 'weekday')) resolved.dateLast = true;
  return { moment: resolved, next };
}

function firstAtom(view: TokenView, i: number, context: TemporalContext, options: AtomOptions) {
  for (const parse of ATOM_PARSERS) {
    const found = parse(view, i, context, options);
    if (found) return found;
  }
  return undefined;
}

function atomMoment(atom: Atom, text: string): Moment {
  switch (atom.kind) {
    case 'span':
      return { span: atom.span, text };
    case 'part':
      return { part: atom.part, text };
    case 'time':
      return { time: atom.time, text };
    case 'now':
      return { now: true, text };
    case 'rolling':
      return { rolling: { minutes: atom.minutes, text: atom.text }, text };
    case 'weekday':
      return { text }; // resolved against the moment's date in resolveWeekday
  }
}

/** A weekday names the moment's date, or checks it ("Tue 3 Mar 2026"; "Wed 3 Mar 2026" is refused). */
function resolveWeekday(moment: Moment, atoms: Atom[], context: TemporalContext): Moment {
  const weekdays = atoms.flatMap((atom) => (atom.kind === 'weekday' ? [atom] : []));
  if (weekdays.length === 0) return moment;
  if (new Set(weekdays.map((w) => w.weekday)).size > 1) {
    problem(`"${moment.text}" names two different days of the week.`);
  }
  const wanted = weekdays[0].weekday;
  if (!moment.span) {
    const date = mostRecentWeekday(context.today, wanted, false);
    return { ...moment, span: { first: date, last: date, text: weekdays[0].text } };
  }
  const actual = weekdayOf(moment.span.first);
  if (!sameLocalDate(moment.span.first, moment.span.last) || actual !== wanted) {
    problem(
      `${formatLocalDate(moment.span.first)} is a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[wanted]}: which did you mean?`,
    );
  }
  return moment;
}

/**
 * Two descriptions of the same moment combined ("yesterday" + "afternoon"); two different values
 * for the same field are a contradiction the officer has to settle.
 */
export function mergeMoments(a: Moment, b: Moment): Moment {
  if (a.span && b.span && !(sameLocalDate(a.span.first, b.span.first) && sameLocalDate(a.span.last, b.span.last))) {
    problem(`I found two different days, "${a.span.text}" and "${b.span.text}". For a range, say "from ... to ...".`);
  }
  if (a.part && b.part && a.part !== b.part) problem(`"${a.text}" and "${b.text}" name different parts of the day.`);
  if (a.time && b.time && (a.time.hour !== b.time.hour || a.time.minute !== b.time.minute)) {
    problem(
      `I found two times, "${a.time.text}" and "${b.time.text}". For a range, say e.g. "between ${a.time.text} and ${b.time.text}".`,
    );
  }
  const merged: Moment = {
    span: a.span ?? b.span,
    part: a.part ?? b.part,
    time: a.time ?? b.time,
    now: a.now || b.now || undefined,
    rolling: a.rolling ?? b.rolling,
    text: a.text === b.text ? a.text : `${a.text} ${b.text}`,
  };
  const others = merged.span || merged.part || merged.time || merged.now;
  if (merged.rolling && others) {
    problem(`"${merged.rolling.text}" already says when; it cannot be combined with "${merged.text}".`);
  }
  return stripUndefined(merged);
}

function stripUndefined(moment: Moment): Moment {
  const result: Moment = { text: moment.text };
  if (moment.span) result.span = moment.span;
  if (moment.part) result.part = moment.part;
  if (moment.time) result.time = moment.time;
  if (moment.now) result.now = true;
  if (moment.rolling) result.rolling = moment.rolling;
  return result;
}
