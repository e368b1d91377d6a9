import footage from '../../demo/footage.json';
import { assertValidCard, readableCardText as visible } from '../support/card-validation';
import { demoUser, startHarness, type Harness } from '../support/harness';

/**
 * The phrasings officers use and odd input, end to end: typed through /api/messages to the bot on
 * the Box emulator with the demo data, where relative phrases are read against the demo clock
 * (Fri 20 Mar 2026 10:00 London, advancing). Expected recordings are computed here from
 * demo/footage.json, independently of the bot.
 */
type Footage = (typeof footage)[number];

let h: Harness;
const alice = demoUser('alice');

beforeAll(async () => {
  h = await startHarness();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function firstCard(text: string): Promise<Record<string, unknown>> {
  h.connector.clear();
  const response = await h.teams.say(alice, text);
  expect(response.status).toBe(200);
  await h.connector.waitFor(() => h.connector.cards().length >= 1);
  const [card] = h.connector.cards();
  assertValidCard(card, { limitBytes: 80 * 1024 });
  return card;
}

function cameraIdsOn(card: Record<string, unknown>): string[] {
  return [...new Set(visible(card).match(/[A-Z]{3}-\d{4}(?=_\d{8}T\d{4}Z_)/g) ?? [])];
}

function overlapping(filter: (r: Footage) => boolean, start: string, end: string): Footage[] {
  return footage.filter(
    (r) => filter(r) && Date.parse(r.recordedFrom) < Date.parse(end) && Date.parse(r.recordedTo) > Date.parse(start),
  );
}

test('"footage in hackney last weekend" finds Hackney recordings of Sat 14 and Sun 15 March 2026', async () => {
  const expected = overlapping((r) => r.borough === 'Hackney', '2026-03-14T00:00:00Z', '2026-03-16T00:00:00Z');
  expect(expected.length).toBeGreaterThan(0);
  const card = await firstCard('footage in hackney last weekend');
  const text = visible(card);
  expect(text).toMatch(/In Hackney/);
  expect(text).toMatch(/Sat 14 Mar 2026 to Sun 15 Mar 2026/);
  const cameras = cameraIdsOn(card);
  expect(cameras.length).toBeGreaterThan(0);
  expect(cameras.every((id) => expected.some((r) => r.cameraId === id))).toBe(true);
});

test('"camera LAM0105 last tuesday" reads the camera without its hyphen and the Tuesday before the demo Friday', async () => {
  expect(overlapping((r) => r.cameraId === 'LAM-0105', '2026-03-17T00:00:00Z', '2026-03-18T00:00:00Z')).toHaveLength(1);
  const card = await firstCard('camera LAM0105 last tuesday');
  const text = visible(card);
  expect(text).toMatch(/Camera LAM-0105/);
  expect(text).toMatch(/Tue 17 Mar 2026/);
  expect(cameraIdsOn(card)).toEqual(['LAM-0105']);
});

test.each([
  [
    'a count too large for any number',
    'find last 100000000000000000000 hours',
    /longer than one search can cover \(at most 31 days\)/,
  ],
  [
    'a count of days reaching back centuries',
    'find last 99999 days',
    /longer than one search can cover \(at most 31 days\)/,
  ],
  [
    'an export name whose date is no date',
    'request LAM-0105_99999999T9999Z_60min.mp4',
    /couldn't find a recording called \W*LAM-0105_99999999T9999Z_60min\.mp4/,
  ],
])('%s gets a clear answer', async (_label, text, answer) => {
  const card = await firstCard(text);
  expect(visible(card)).toMatch(answer);
  expect(visible(card)).not.toMatch(/went wrong|TypeError|UTC[+-]|undefined|NaN/);
});
