import { ActivityTypes, type Activity } from 'botbuilder';
import fc from 'fast-check';
import { ALL_CARD_VERBS, CARD_SIZE_LIMITS, INPUT_IDS } from '../../src/cards';
import { assertValidCard, readableCardText } from '../support/card-validation';
import { clickActivity, people, useInProcessBot } from './in-process';

/**
 * Property-based test of every card action's data: 10,000 generated invokes, each a verb (every
 * Universal Action verb, and some the bot does not know) with random data (any JSON value; objects
 * with each verb's own fields missing, wrongly typed, oversized or well formed; extra fields; huge
 * strings), clicked by a random person of the roster, pushed through the one card-action place
 * (onCardAction and parse-action) into the real handlers, store and Box emulator. A turn runs
 * through `app.run` without the last-resort error card, so an exception that escapes fails the test.
 * Every answer is one 200 invoke response holding a valid Adaptive Card (schema, Teams' size limit)
 * or a message.
 *
 * The seed is fixed so a run is repeatable; FUZZ_SEED=<n> explores another part of the space.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20260329);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

const suite = useInProcessBot(__filename, { inMemoryDisk: true });

/** Strings of every kind an attacker or an old client might send, huge ones included. */
const anyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '0',
      '-1',
      '7',
      '99999999999999999999',
      'NaN',
      'view',
      'download',
      '../../etc',
      '🚓'.repeat(300),
      '__proto__',
      'constructor',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(anyString, { maxLength: 60 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** The fields any verb's data may carry: ids, tokens and every input of the cards. */
const FIELDS = ['requestId', 'queryToken', 'placeId', 'fileIds', 'formToken', ...Object.values(INPUT_IDS)];

const data: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withNullPrototype: true }) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.subarray(FIELDS), fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 4 }))
      .chain(([fields, extra]) =>
        fc
          .tuple(...fields.map((field) => anyValue.map((value) => [field, value] as const)))
          .map((pairs) => ({ ...extra, ...Object.fromEntries(pairs) })),
      ),
  },
);

const verb = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...ALL_CARD_VERBS) },
  { weight: 1, arbitrary: fc.oneof(anyString, anyValue) },
);

const person = fc.constantFrom(...people);

/** The one answer an Action.Execute must get: 200 with a valid card, or a message. */
function checkAnswer(sent: Partial<Activity>[]): void {
  const responses = sent.filter((a) => a.type === ActivityTypes.InvokeResponse);
  expect(responses).toHaveLength(1);
  const { status, body } = responses[0].value as {
    status: number;
    body: { statusCode?: number; type?: string; value?: unknown };
  };
  expect(status).toBe(200);
  expect(body.statusCode).toBe(200);
  if (body.type === 'application/vnd.microsoft.activity.message') {
    expect(typeof body.value).toBe('string');
    expect((body.value as string).length).toBeGreaterThan(0);
    return;
  }
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  validOnce(body.value);
  expect(readableCardText(body.value)).not.toMatch(/Something went wrong/);
  // Anything else the turn sent (a new card message) is valid too.
  for (const message of sent.filter((a) => a.type === ActivityTypes.Message)) {
    for (const attachment of message.attachments ?? []) validOnce(attachment.content);
  }
}

/** Most answers are the same few cards: each distinct one is validated once (the validator is slow). */
const validated = new Set<string>();
function validOnce(card: unknown): void {
  const json = JSON.stringify(card);
  if (validated.has(json)) return;
  assertValidCard(card, { limitBytes: CARD_SIZE_LIMITS.message });
  validated.add(json);
}

/** The card's first line of text: which kind of answer it is. */
function headingOf(card: unknown): string {
  const first = JSON.stringify(card).match(/"text":"([^"]{0,60})/);
  return first?.[1] ?? String(card);
}

test(`${RUNS} random card actions: nothing escapes, every answer is a valid card or a message`, async () => {
  const { turn } = suite.bot;
  const seen = new Set<string>();
  await fc.assert(
    fc.asyncProperty(person, verb, data, async (who, clicked, payload) => {
      const sent = await turn(clickActivity(who, clicked, payload));
      checkAnswer(sent);
      const response = sent.find((a) => a.type === ActivityTypes.InvokeResponse)!.value as {
        body: { value?: unknown };
      };
      seen.add(headingOf(response.body.value));
    }),
    { seed: SEED, numRuns: RUNS },
  );
  // The inputs reached more than the refusal: several different answers came back.
  expect(seen.size).toBeGreaterThanOrEqual(3);
}, 120_000);
