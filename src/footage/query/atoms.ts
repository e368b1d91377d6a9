import type { LocalDate, LondonWallClock } from '../london-time';
import type { Token } from './tokenizer';
import type { PartOfDay } from './vocabulary';

/**
 * The pieces time expressions are built from, and the shared view of the token stream that every
 * grammar pass reads. Passes run in turn over one stream; a token claimed by one pass (`used`) is
 * invisible to the next, which is how "LAM-0105" never becomes a place and "2pm" never a number.
 */
export interface TokenView {
  readonly tokens: readonly Token[];
  readonly used: boolean[];
}

/** The token at i when it exists and no pass has claimed it yet. */
export function free(view: TokenView, i: number): Token | undefined {
  return view.used[i] ? undefined : view.tokens[i];
}

/** The lower-case word at i, when it is an unclaimed word. */
export function freeWord(view: TokenView, i: number): string | undefined {
  const token = free(view, i);
  return token?.kind === 'word' ? token.lower : undefined;
}

export function claim(view: TokenView, from: number, to: number): void {
  for (let i = from; i < to; i += 1) view.used[i] = true;
}

/** The original text covered by tokens [from, to). */
export function textOf(view: TokenView, from: number, to: number): string {
  return view.tokens
    .slice(from, to)
    .map((token) => token.text)
    .join(' ');
}

export interface TemporalContext {
  now: Date;
  /**
   * `now` cut to its minute (epoch milliseconds). London's offsets are whole minutes, so the wall
   * clock's minute, `clock` up to its minutes, and `today` hold for the whole of it.
   */
  minuteStart: number;
  /** London wall clock at `now`; `today` is its date. */
  clock: LondonWallClock;
  today: LocalDate;
}

const MINUTE_MS = 60_000;

export function minuteOf(instant: Date): number {
  return Math.floor(instant.getTime() / MINUTE_MS) * MINUTE_MS;
}

/**
 * Whether `instant` lies after now. Typed times fall on whole minutes, and for those the answer is
 * the same for the whole current minute, so it is read without the exact `now`: an understanding
 * that never read `now` itself holds for the whole minute (see understandQuery).
 */
export function isAfterNow(context: TemporalContext, instant: Date): boolean {
  const at = instant.getTime();
  if (at % MINUTE_MS === 0) return at > context.minuteStart;
  return at > context.now.getTime();
}

/** One or more whole London days ("3 March", "yesterday", "March 2026"), inclusive. */
export interface DaySpan {
  first: LocalDate;
  last: LocalDate;
  text: string;
}

/** A time of day as typed, before am/pm and the day it falls on are settled. */
export interface TimeRef {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
  /** clock: 14:00 (24-hour); meridiem: 2pm; bare: "2" (needs context); noon/midnight: the words. */
  form: 'clock' | 'meridiem' | 'bare' | 'noon' | 'midnight';
  text: string;
}

export type Atom =
  | { kind: 'span'; span: DaySpan }
  | { kind: 'weekday'; weekday: number; text: string }
  | { kind: 'part'; part: PartOfDay; text: string }
  | { kind: 'time'; time: TimeRef }
  | { kind: 'now'; text: string }
  | { kind: 'rolling'; minutes: number; text: string };

export interface AtomMatch {
  atoms: Atom[];
  /** Index just after the last token read. */
  next: number;
}

export interface AtomOptions {
  /** A bare number may be an hour ("between 2 and 4pm", "at 9"). */
  allowBareHour: boolean;
}

export type AtomParser = (
  view: TokenView,
  i: number,
  context: TemporalContext,
  options: AtomOptions,
) => AtomMatch | undefined;
