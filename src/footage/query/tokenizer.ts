/**
 * Splits a typed request into tokens. Shapes that must not be split (case references, camera ids,
 * dates, clock times, distances) are recognised here, longest and most specific first, so that the
 * grammar never has to glue "5212345", "/" and "26" back together or mistake 14.00 for a decimal.
 * Values are captured raw; the grammar validates them, because only it knows how to explain them.
 */

import { MONTHS } from './vocabulary';

interface TokenBase {
  /** The text as typed (after normalisation), for echoing back. */
  text: string;
  /** Lower-case text with straight apostrophes, for matching. */
  lower: string;
  /** Offsets in the normalised text. */
  start: number;
  end: number;
}

export type Token = TokenBase &
  (
    | { kind: 'word' }
    | { kind: 'number'; value: number; digits: string }
    | { kind: 'ordinal'; value: number }
    /** Day-first numeric date: first/second are day/month unless `iso` (then year-month-day). */
    | { kind: 'date'; day: number; month: number; year?: number; yearDigits: number }
    | { kind: 'time'; hour: number; minute: number; meridiem?: 'am' | 'pm'; clock: boolean }
    | { kind: 'distance'; metres: number }
    | { kind: 'caseRef'; reference: string }
    /** `padded`: typed with fewer than four digits ("lam-105"), so only a known camera makes it one. */
    | { kind: 'camera'; cameraId: string; padded: boolean }
    | { kind: 'symbol' }
  );

const UNIT_METRES: Record<string, number> = {
  m: 1,
  metre: 1,
  metres: 1,
  meter: 1,
  meters: 1,
  mtr: 1,
  mtrs: 1,
  km: 1000,
  kms: 1000,
  kilometre: 1000,
  kilometres: 1000,
  kilometer: 1000,
  kilometers: 1000,
  mi: 1609.344,
  mile: 1609.344,
  miles: 1609.344,
  yd: 0.9144,
  yds: 0.9144,
  yard: 0.9144,
  yards: 0.9144,
};

export type TokenKind = Token['kind'];

type Rule = { pattern: RegExp; build: (m: RegExpExecArray) => DistributiveOmit<Token, keyof TokenBase> };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const NOT_LETTER_OR_DIGIT = '(?![\\p{L}\\d])';
const MONTH_WORDS = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');
const MONTH_PREFIX = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[-\\d]';

// Sticky (y) patterns are tried in order at each position; the first that matches wins.
const RULES: Rule[] = [
  {
    pattern: new RegExp(`(\\d{7})/(\\d{2})${NOT_LETTER_OR_DIGIT}(?!/)`, 'uy'),
    build: (m) => ({ kind: 'caseRef', reference: `${m[1]}/${m[2]}` }),
  },
  {
    // LAM-0105, lam0105, LAM105, lam-105 (zeros dropped): always read as LAM-0105. A month
    // abbreviation is never a camera prefix, so "mar-26" and "mar2026" stay dates.
    pattern: new RegExp(`(?!${MONTH_PREFIX})([a-z]{3})(?:-(\\d{1,4})|(\\d{3,4}))${NOT_LETTER_OR_DIGIT}`, 'iuy'),
    build: (m) => {
      const digits = m[2] ?? m[3];
      return {
        kind: 'camera',
        cameraId: `${m[1].toUpperCase()}-${digits.padStart(4, '0')}`,
        padded: digits.length < 4,
      };
    },
  },
  {
    // ISO 2026-03-04 (year first, unambiguous).
    pattern: new RegExp(`(\\d{4})-(\\d{1,2})-(\\d{1,2})${NOT_LETTER_OR_DIGIT}`, 'uy'),
    build: (m) => ({ kind: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), yearDigits: 4 }),
  },
  {
    // Day first: 04/03/2026, 4/3/26, 4-3-2026, 4.3.2026 (one separator throughout).
    pattern: new RegExp(`(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{1,4})${NOT_LETTER_OR_DIGIT}`, 'uy'),
    build: (m) => ({
      kind: 'date',
      day: Number(m[1]),
      month: Number(m[3]),
      year: Number(m[4]),
      yearDigits: m[4].length,
    }),
  },
  {
    // 13-Mar-26, 13/March/2026, 13.mar.2026 (the form exported reports use).
    pattern: new RegExp(`(\\d{1,2})([/.-])(${MONTH_WORDS})\\2(\\d{2}|\\d{4})${NOT_LETTER_OR_DIGIT}`, 'iuy'),
    build: (m) => ({
      kind: 'date',
      day: Number(m[1]),
      month: MONTHS.get(m[3].toLowerCase()) ?? 0,
      year: Number(m[4]),
      yearDigits: m[4].length,
    }),
  },
  {
    // 4/3 (no year; only with a slash, so 2-4pm stays a range).
    pattern: new RegExp(`(\\d{1,2})/(\\d{1,2})${NOT_LETTER_OR_DIGIT}(?!/)`, 'uy'),
    build: (m) => ({ kind: 'date', day: Number(m[1]), month: Number(m[2]), yearDigits: 0 }),
  },
  {
    pattern: new RegExp(
      `(\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s*(km|kms|kilomet(?:re|er)s?|metres?|meters?|mtrs?|m|miles?|mi|yards?|yds?|yd)${NOT_LETTER_OR_DIGIT}`,
      'iuy',
    ),
    build: (m) => ({ kind: 'distance', metres: Number(m[1].replace(/,/g, '')) * UNIT_METRES[m[2].toLowerCase()] }),
  },
  {
    // 2pm, 2 pm, 2:30pm, 2.30 p.m.
    pattern: new RegExp(`(\\d{1,2})(?:[:.](\\d{2}))?\\s*([ap])\\.?m\\.?(?![\\p{L}\\d])`, 'iuy'),
    build: (m) => ({
      kind: 'time',
      hour: Number(m[1]),
      minute: Number(m[2] ?? 0),
      meridiem: m[3].toLowerCase() === 'a' ? 'am' : 'pm',
      clock: false,
    }),
  },
  {
    // 14:00, 14.00, 14h00, optionally followed by hrs.
    pattern: new RegExp(`(\\d{1,2})[:.h](\\d{2})(?:\\s*(?:hrs|h))?${NOT_LETTER_OR_DIGIT}`, 'iuy'),
    build: (m) => ({ kind: 'time', hour: Number(m[1]), minute: Number(m[2]), clock: true }),
  },
  {
    // 1400hrs, 1400h (the 4 digits alone would read as a year).
    pattern: new RegExp(`(\\d{2})(\\d{2})\\s*(?:hrs|h)${NOT_LETTER_OR_DIGIT}`, 'iuy'),
    build: (m) => ({ kind: 'time', hour: Number(m[1]), minute: Number(m[2]), clock: true }),
  },
  {
    pattern: new RegExp(`(\\d{1,2})(?:st|nd|rd|th)${NOT_LETTER_OR_DIGIT}`, 'iuy'),
    build: (m) => ({ kind: 'ordinal', value: Number(m[1]) }),
  },
  {
    pattern: /\d+(?:\.\d+)?/uy,
    build: (m) => ({ kind: 'number', value: Number(m[0]), digits: m[0] }),
  },
  {
    pattern: /\p{L}[\p{L}\p{M}]*(?:['-]\p{L}[\p{L}\p{M}]*)*/uy,
    build: () => ({ kind: 'word' }),
  },
  {
    pattern: /[^\s]/uy,
    build: () => ({ kind: 'symbol' }),
  },
];

/**
 * Canonical form of typed text: Teams mention tags dropped, compatibility characters folded
 * (full-width digits, ligatures), dashes and quotes made ASCII, invisible characters and
 * underscores removed, whitespace collapsed.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ') // a Teams @mention of the bot, if the adapter left it in
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/_/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Each search turn tokenizes its text twice (telling a search from a command, then reading it),
// and people repeat searches: tokens depend on the text alone, so they are remembered. Bounded,
// then started afresh; frozen, as every caller shares them.
const REMEMBERED_LIMIT = 1000;
const remembered = new Map<string, readonly Token[]>();

/** Tokens of already-normalised text (see normaliseText). Linear in the text's length. */
export function tokenize(text: string): Token[] {
  let tokens = remembered.get(text);
  if (!tokens) {
    tokens = Object.freeze(readTokens(text).map((token) => Object.freeze(token)));
    if (remembered.size >= REMEMBERED_LIMIT) remembered.clear();
    remembered.set(text, tokens);
  }
  return [...tokens];
}

function readTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < text.length) {
    if (text[position] === ' ') {
      position += 1;
      continue;
    }
    for (const rule of RULES) {
      rule.pattern.lastIndex = position;
      const match = rule.pattern.exec(text);
      if (!match) continue;
      const end = position + match[0].length;
      const base: TokenBase = { text: match[0], lower: match[0].toLowerCase(), start: position, end };
      tokens.push({ ...base, ...rule.build(match) } as Token);
      position = end;
      break;
    }
  }
  return tokens;
}
