import { MAX_QUERY_CHARS, understandQuery, type Understanding } from '../../../src/footage/query';
import { demoGazetteer } from '../demo-data';
import { answerProblems } from './sound-answer';

/**
 * Whatever is typed, the answer is an Understanding (never an exception), and every query it
 * returns is searchable: a sane window, a sane radius, a sentence for every refusal.
 */
const NOW = new Date('2026-03-20T10:00:00Z');

const PIECES = [
  'near',
  'within',
  '300m',
  '1.5 km',
  'of',
  'Brixton',
  'Station',
  'statoin',
  'oxford',
  'circus',
  'in',
  'Lambeth',
  'camera',
  'LAM-0105',
  'LAM-0999',
  'case',
  '5212345/26',
  '5212345',
  'TfL',
  'council',
  'shops',
  'evidential',
  'not',
  'relevant',
  'yesterday',
  'today',
  'tonight',
  'last',
  'night',
  'this',
  'morning',
  'afternoon',
  'Friday',
  'on',
  'at',
  'from',
  'to',
  'between',
  'and',
  'since',
  'before',
  'after',
  '2pm',
  '4',
  '-',
  '22:00',
  '01:30',
  '29/03/2026',
  '31/02/2026',
  '04/03/2026',
  '03/14/2026',
  '1900',
  '2026',
  'March',
  '4th',
  'noon',
  'midnight',
  '24',
  'hours',
  'weeks',
  "'",
  'OR',
  '1=1',
  '%',
  ':param',
  ';',
  '--',
  '"',
  '\u202e',
  '🙂',
  'ß',
  '',
];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answer(text: string): Understanding | string {
  try {
    return understandQuery(text, { now: NOW, gazetteer: demoGazetteer() });
  } catch (error) {
    return `threw ${String(error)}`;
  }
}

function failuresFor(texts: string[]): Array<{ text: string; problems: string[] }> {
  return texts
    .map((text) => {
      const understanding = answer(text);
      return {
        text: text.slice(0, 80),
        problems:
          typeof understanding === 'string' ? [understanding] : answerProblems(understanding, NOW, demoGazetteer()),
      };
    })
    .filter((result) => result.problems.length > 0);
}

describe('understandQuery never throws and never returns an unsearchable query', () => {
  it('holds for 600 random combinations of meaningful and hostile pieces', () => {
    const next = random(20260320);
    const texts = Array.from({ length: 600 }, () => {
      const count = 1 + Math.floor(next() * 8);
      return Array.from({ length: count }, () => PIECES[Math.floor(next() * PIECES.length)]).join(
        next() < 0.8 ? ' ' : '',
      );
    });
    expect(failuresFor(texts)).toEqual([]);
  });

  it('answers long and strange input without choking', () => {
    const texts = [
      'a'.repeat(5000),
      'near Brixton '.repeat(500),
      '1'.repeat(MAX_QUERY_CHARS),
      '4 '.repeat(MAX_QUERY_CHARS / 2),
      'brixton statoin '.repeat(Math.floor(MAX_QUERY_CHARS / 16)),
      '\u0000\u0001\u0002',
      '\n\n\n',
      '<at>CCTV Footage</at> near Brixton',
      'x'.repeat(10_000_000),
    ];
    expect(failuresFor(texts)).toEqual([]);
    expect(answer('x'.repeat(10_000_000))).toMatchObject({ kind: 'invalid' });
    expect(answer('near Brixton '.repeat(500))).toMatchObject({ kind: 'invalid' });
  });
});
