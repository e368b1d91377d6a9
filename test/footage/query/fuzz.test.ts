import fc from 'fast-check';
import { MONTH_NAMES } from '../../../src/footage/london-time';
import { mentionsFootage, understandQuery, type Understanding } from '../../../src/footage/query';
import { demoGazetteer } from '../demo-data';
import { answerProblems } from './sound-answer';

/**
 * Property-based tests of query understanding: 10,000 generated requests (random text, and random
 * sentences built from the grammar's own pieces: places, boroughs, camera ids in every accepted
 * form, dates, times, periods, counts from 0 to absurd, filters and noise), each read against a
 * random "now" between 2001 and 2030. Whatever comes in, understandQuery answers, and the answer
 * is sound (see sound-answer.ts): a searchable query or a sentence for the card; and
 * mentionsFootage answers for the same text without throwing.
 *
 * The seed is fixed so a run is repeatable; FUZZ_SEED=<n> explores another part of the space, and a
 * failure prints the seed and the shrunk input to replay it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260320);
const gazetteer = demoGazetteer();

const places = gazetteer.places.map((place) => place.name);
const cameraIds = gazetteer.cameras.map((camera) => camera.cameraId);

/** Every form an officer may type a camera id in, for known ids and for made-up ones. */
const cameraId = fc
  .tuple(
    fc.oneof(fc.constantFrom(...cameraIds), fc.stringMatching(/^[A-Z]{3}-\d{4}$/)),
    fc.constantFrom('as is', 'lower', 'no hyphen', 'short'),
  )
  .map(([id, form]) => {
    const [prefix, digits] = id.split('-');
    switch (form) {
      case 'lower':
        return id.toLowerCase();
      case 'no hyphen':
        return `${prefix}${digits}`;
      case 'short':
        return `${prefix.toLowerCase()}-${Number(digits)}`;
      default:
        return id;
    }
  });

/** Dates in every written form, including impossible days, months and years. */
const date = fc
  .tuple(
    fc.integer({ min: 0, max: 35 }),
    fc.integer({ min: 0, max: 14 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 6 }),
  )
  .map(([day, month, year, form]) => {
    const monthName = MONTH_NAMES[(month + 11) % 12];
    const yy = String(year % 100).padStart(2, '0');
    switch (form) {
      case 0:
        return `${day}/${month}/${year}`;
      case 1:
        return `${day}/${month}/${yy}`;
      case 2:
        return `${year}-${month}-${day}`;
      case 3:
        return `${day} ${monthName.slice(0, 3).toLowerCase()} ${yy}`;
      case 4:
        return `${day}-${monthName.slice(0, 3)}-${yy}`;
      case 5:
        return `${day}${['st', 'nd', 'rd', 'th'][day % 4]} of ${monthName} ${year}`;
      default:
        return `${day}/${month}`;
    }
  });

const time = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 0, max: 13 }), fc.constantFrom('am', 'pm', ' p.m.')).map(([h, suffix]) => `${h}${suffix}`),
  fc.integer({ min: 0, max: 2500 }).map((n) => `${String(n).padStart(4, '0')}hrs`),
  fc.constantFrom('noon', 'midnight', 'midday'),
);

/** Counts from nothing to absurd: the parser must bound them, not compute with them. */
const count = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map(String),
  fc.constantFrom('99999', '100000000000000000000', '1e400', '0.5', 'two', 'twenty-four', '-3'),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
);

const period = fc.oneof(
  fc.constantFrom(
    'today',
    'yesterday',
    'tonight',
    'last night',
    'this morning',
    'this afternoon',
    'this evening',
    'now',
    'the day before yesterday',
    'this week',
    'last week',
    'previous week',
    'past week',
    'this weekend',
    'last weekend',
    'over the weekend',
    'at the weekend',
    'weekend',
    'last Friday',
    'on Monday',
    'sat',
    'in March',
    'March 2026',
    'mar2026',
    '2025',
  ),
  fc
    .tuple(
      fc.constantFrom('last', 'past', 'previous', 'in the last', 'over the past'),
      count,
      fc.constantFrom('minutes', 'hours', 'hrs', 'days', 'weeks', 'fortnight', 'months', 'years'),
    )
    .map(([word, n, unit]) => `${word} ${n} ${unit}`),
  fc.tuple(count, fc.constantFrom('days', 'weeks', 'day')).map(([n, unit]) => `${n} ${unit} ago`),
);

const filter = fc.oneof(
  fc.constantFrom(
    'TfL',
    'council',
    'shops',
    'evidential',
    'not relevant',
    'unreviewed',
    'within 300m of',
    '1.5 km from',
    'within 50km of',
    'half a mile from',
  ),
  fc.integer({ min: 0, max: 9_999_999 }).map((n) => `case ${String(n).padStart(7, '0')}/26`),
  fc.integer({ min: 0, max: 99_999 }).map((n) => `within ${n}m of`),
);

const glue = fc.constantFrom(
  'near',
  'in',
  'at',
  'on',
  'from',
  'to',
  'between',
  'and',
  'since',
  'before',
  'after',
  '-',
  'find footage',
  'cctv',
  'camera',
  'the',
  'of',
);

const noise = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '%',
    ':param',
    ';',
    '"',
    '\u202e',
    '🙂',
    '🚓',
    'ß',
    '<at>CCTV Footage</at>',
    '\u0000',
    '_',
    '\t',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 8, unit: 'grapheme' }),
);

/** Short forms, shared short forms (ambiguous) and typing slips. */
const looseName = fc.constantFrom(
  'Brixton',
  'circus',
  'Croydon Station',
  'kings cross',
  'brixton statoin',
  'oxfrod circus',
  'lambth',
  'Narnia',
  'Camden Lock',
);

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...places, ...gazetteer.boroughs) },
  { weight: 1, arbitrary: looseName },
  { weight: 2, arbitrary: cameraId },
  { weight: 2, arbitrary: date },
  { weight: 2, arbitrary: time },
  { weight: 3, arbitrary: period },
  { weight: 1, arbitrary: filter },
  { weight: 3, arbitrary: glue },
  { weight: 1, arbitrary: noise },
);

/** Sentences of 1-8 pieces, joined as people type: spaces mostly, sometimes nothing or commas. */
const grammarSentence = fc
  .tuple(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom(' ', ' ', ' ', '', ', '))
  .map(([pieces, separator]) => pieces.join(separator));

const randomText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

/** London's clock changes, month ends and new years all fall inside this range. */
const now = fc.date({
  min: new Date('2001-01-01T00:00:00Z'),
  max: new Date('2030-12-31T23:59:59Z'),
  noInvalidDate: true,
});

function read(text: string, at: Date): Understanding {
  return understandQuery(text, { now: at, gazetteer });
}

/** Which kinds of answer the generated inputs reached: a property never exercised proves nothing. */
const kindsSeen = new Set<Understanding['kind']>();

/** A property that reports which rules an answer broke, so the shrunk counterexample explains itself. */
function sound(text: string, at: Date): void {
  const understanding = read(text, at);
  kindsSeen.add(understanding.kind);
  const problems = answerProblems(understanding, at, gazetteer);
  // The chat front end's "is this a search?" question must answer for the same input too.
  if (typeof mentionsFootage(text) !== 'boolean') problems.push('mentionsFootage gave no answer');
  if (problems.length > 0) throw new Error(`${JSON.stringify(text)} at ${at.toISOString()}: ${problems.join('; ')}`);
}

describe('fuzz: query understanding answers every input soundly', () => {
  it('5,000 random texts', () => {
    fc.assert(fc.property(randomText, now, sound), { numRuns: 5_000, seed: SEED });
  });

  it("5,000 random sentences of the grammar's own pieces, reaching every kind of answer", () => {
    kindsSeen.clear();
    fc.assert(fc.property(grammarSentence, now, sound), { numRuns: 5_000, seed: SEED });
    expect([...kindsSeen].sort()).toEqual(['ambiguous_place', 'invalid', 'query', 'unknown_place']);
  });
});
