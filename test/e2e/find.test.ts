import footage from '../../demo/footage.json';
import places from '../../demo/places.json';
import { assertValidCard, readableCardText as visible } from '../support/card-validation';
import { demoUser, startHarness, type Harness } from '../support/harness';

/**
 * Finding footage end to end: typed searches through /api/messages, every page followed with the card's own
 * "Next page" action, and the union of pages compared with an answer computed here, independently,
 * from demo/footage.json with the rules (overlap, great-circle radius).
 */
type Footage = (typeof footage)[number];

let h: Harness;
const alice = demoUser('alice');

beforeAll(async () => {
  // Dated searches reach the end of the demo month, past where the demo clock starts (20 March).
  h = await startHarness({ env: { CLOCK_NOW: '2026-04-01T12:00:00Z' } });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

beforeEach(() => h.connector.clear());

// ---------------------------------------------------------------------------------------------
// The independent answer

function metres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h2 =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h2));
}

function place(name: string): { latitude: number; longitude: number } {
  const found = places.find((p) => p.name === name);
  if (!found) throw new Error(`no place ${name}`);
  return found;
}

function overlaps(r: Footage, start: string, end: string): boolean {
  return Date.parse(r.recordedFrom) < Date.parse(end) && Date.parse(r.recordedTo) > Date.parse(start);
}

/** File names as stored in Box: a second recording with a taken name in its folder gets its id appended. */
const storedName = (() => {
  const seen = new Set<string>();
  const names = new Map<string, string>();
  for (const r of footage) {
    const key = `${r.cameraId}/${r.fileName.toLowerCase()}`;
    names.set(r.footageId, seen.has(key) ? r.fileName.replace(/\.mp4$/, `_${r.footageId}.mp4`) : r.fileName);
    seen.add(key);
  }
  return (r: Footage) => names.get(r.footageId)!;
})();

// ---------------------------------------------------------------------------------------------
// Reading the cards

function fileNamesOn(card: Record<string, unknown>): string[] {
  return [...new Set(visible(card).match(/[A-Z]{3}-\d{4}_\d{8}T\d{4}Z_\d+min(?:_F\d{5})?\.mp4/g) ?? [])];
}

function nextPageData(card: Record<string, unknown>): Record<string, unknown> | undefined {
  const actions = (card.actions ?? []) as Array<{ verb?: string; data?: Record<string, unknown> }>;
  return actions.find((a) => a.verb === 'footage.nextPage')?.data;
}

// ---------------------------------------------------------------------------------------------
// Counting Box calls from the emulator's request log

type LoggedRequest = { method: string; path: string; status: number };

async function emulatorRequests(method: 'GET' | 'DELETE'): Promise<LoggedRequest[]> {
  const response = await fetch(`${h.bot.emulator!.url}/_emulator/requests`, { method });
  return method === 'GET' ? ((await response.json()) as { entries: LoggedRequest[] }).entries : [];
}

/** Runs one turn and returns its result with the number of Box metadata queries it made (retries of a refused one not counted). */
async function countingMetadataQueries<T>(turn: () => Promise<T>): Promise<{ result: T; metadataQueries: number }> {
  await emulatorRequests('DELETE');
  const result = await turn();
  const entries = await emulatorRequests('GET');
  return {
    result,
    metadataQueries: entries.filter(
      (e) => e.method === 'POST' && e.path === '/2.0/metadata_queries/execute_read' && e.status < 400,
    ).length,
  };
}

/** Every results page, the first and each next one, costs at most this many Box metadata queries. */
const MAX_QUERIES_PER_PAGE = 2;

async function firstCard(text: string): Promise<Record<string, unknown>> {
  h.connector.clear();
  const { metadataQueries } = await countingMetadataQueries(async () => {
    const response = await h.teams.say(alice, text);
    expect(response.status).toBe(200);
    await h.connector.waitFor(() => h.connector.cards().length >= 1);
  });
  const [card] = h.connector.cards();
  assertValidCard(card, { limitBytes: 80 * 1024 });
  // A results page, or a no-match answer with its hints (at most two more).
  expect(metadataQueries).toBeLessThanOrEqual(
    nextPageData(card) || /\d+\. /.test(visible(card)) ? MAX_QUERIES_PER_PAGE : MAX_QUERIES_PER_PAGE + 2,
  );
  return card;
}

/** Follows "Next page" to the end; returns every page's card. */
async function allPages(text: string): Promise<Array<Record<string, unknown>>> {
  const cards = [await firstCard(text)];
  for (let data = nextPageData(cards[0]); data; data = nextPageData(cards[cards.length - 1])) {
    const { result: response, metadataQueries } = await countingMetadataQueries(() =>
      h.teams.execute(alice, 'footage.nextPage', data!),
    );
    expect(response.status).toBe(200);
    expect(metadataQueries).toBeLessThanOrEqual(MAX_QUERIES_PER_PAGE);
    const body = response.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    assertValidCard(body.value, { limitBytes: 80 * 1024 });
    cards.push(body.value);
    if (cards.length > 60) throw new Error('paging did not end');
  }
  return cards;
}

const cases: Array<{ text: string; expected: (r: Footage) => boolean; echo: RegExp[] }> = [
  {
    text: 'cctv within 300m of Oxford Circus 14/03/2026 22:00-23:30',
    expected: (r) =>
      metres(place('Oxford Circus'), r) <= 300 && overlaps(r, '2026-03-14T22:00:00Z', '2026-03-14T23:30:00Z'),
    echo: [/Oxford Circus/, /300 m/],
  },
  {
    // London day across the clock change: 00:00 GMT to 24:00 BST is 00:00Z to 23:00Z.
    text: 'footage in Lambeth on 29/03/2026',
    expected: (r) => r.borough === 'Lambeth' && overlaps(r, '2026-03-29T00:00:00Z', '2026-03-29T23:00:00Z'),
    echo: [/Lambeth/, /29 Mar 2026/],
  },
  {
    // 02:30 BST on the night the clocks go forward is 01:30Z.
    text: 'footage in Lambeth on 29/03/2026 from 02:30 to 03:00',
    expected: (r) => r.borough === 'Lambeth' && overlaps(r, '2026-03-29T01:30:00Z', '2026-03-29T02:00:00Z'),
    echo: [/Lambeth/, /02:30/],
  },
  {
    text: 'camera LAM-0106 on 03/03/2026 from 1pm to 3pm',
    expected: (r) => r.cameraId === 'LAM-0106' && overlaps(r, '2026-03-03T13:00:00Z', '2026-03-03T15:00:00Z'),
    echo: [/LAM-0106/, /13:00/],
  },
  { text: 'footage in Southwark', expected: (r) => r.borough === 'Southwark', echo: [/Southwark/] },
  { text: 'camera LAM-0105', expected: (r) => r.cameraId === 'LAM-0105', echo: [/LAM-0105/] },
  { text: 'footage for case 5274265/26', expected: (r) => r.caseReference === '5274265/26', echo: [/5274265\/26/] },
];

describe('the union of all pages is exactly the recordings the rules select', () => {
  test.each(cases)('$text', async ({ text, expected, echo }) => {
    const want = footage.filter(expected).map(storedName).sort();
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(footage.length);
    const cards = await allPages(text);
    const seen = cards.flatMap(fileNamesOn);
    // No page repeats a recording and none is skipped.
    expect(seen.length).toBe(new Set(seen).size);
    expect([...seen].sort()).toEqual(want);
    for (const card of cards) expect(fileNamesOn(card).length).toBeLessThanOrEqual(10);
    const first = visible(cards[0]);
    if (want.length <= 100) {
      // Every match fits in the first Box page, so the count is exact.
      expect(first).toContain(want.length === 1 ? '1 recording' : `${want.length.toLocaleString('en-GB')} recordings`);
    } else {
      // A lower bound, never a cap stated as the count.
      const stated = /More than ([\d,]+) recordings/.exec(first);
      expect(stated).not.toBeNull();
      expect(Number(stated![1].replace(/,/g, ''))).toBeLessThan(want.length);
    }
    for (const pattern of echo) expect(first).toMatch(pattern);
  });
});

describe('answers that are not a list', () => {
  test("the issue's own example finds nothing: LAM-0106's recording ends exactly at 14:00, and overlap is strict", async () => {
    expect(
      footage.filter(
        (r) =>
          metres(place('Brixton Station'), r) <= 500 && overlaps(r, '2026-03-03T14:00:00Z', '2026-03-03T16:00:00Z'),
      ),
    ).toHaveLength(0);
    const card = await firstCard('find footage near Brixton Station on 03/03/2026 between 2pm and 4pm');
    const text = visible(card);
    expect(text).toMatch(/no recordings/i);
    expect(text).toMatch(/Brixton Station/);
    expect(text).toMatch(/finds \d+ recordings?/);
    expect(fileNamesOn(card)).toHaveLength(0);
  });

  test('no match says so and says what would widen it', async () => {
    const card = await firstCard('footage near Brixton Station on 03/03/2026 between 3:00am and 3:05am');
    const text = visible(card);
    expect(text).toMatch(/no recordings|nothing/i);
    expect(text).toMatch(/finds \d+ recordings?/);
  });

  test('a "Next page" token that was altered is refused with a card, and Box is not asked', async () => {
    const card = await firstCard('footage in Southwark');
    const data = nextPageData(card) as { queryToken: string };
    const [payload, tag] = data.queryToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...claims, q: { boroughs: ['Lambeth'] } })).toString('base64url')}.${tag}`;
    const { result: response, metadataQueries } = await countingMetadataQueries(() =>
      h.teams.execute(alice, 'footage.nextPage', { queryToken: forged }),
    );
    expect(response.status).toBe(200);
    expect(visible((response.body as { value: Record<string, unknown> }).value)).toMatch(/out of date/);
    expect(metadataQueries).toBe(0);
  });

  test('an unknown place suggests the closest names', async () => {
    const card = await firstCard('footage near Brixtn Statoin yesterday');
    expect(visible(card)).toMatch(/Brixton/);
  });

  test.each([
    ['empty after the command word', 'find'],
    ['end before start across a whole year', 'footage from 04/03/2026 to 01/03/2025'],
    ['the year 1900', 'footage in Lambeth on 01/01/1900'],
    ['a ten-year window', 'footage in Lambeth from 01/01/2016 to 01/01/2026'],
    ['a time that does not exist in London', 'footage near Brixton Station on 29/03/2026 at 01:30'],
    ['injection-looking text', "footage near ' OR 1=1 --"],
    ['a bare percent sign', 'footage near %'],
    ['a parameter-looking word', 'footage in :param'],
  ])('%s gets a helpful card, not a crash', async (_label, text) => {
    const card = await firstCard(text);
    expect(visible(card).length).toBeGreaterThan(50);
    expect(visible(card)).not.toMatch(/stack|TypeError|undefined/);
  });
});

describe('the message extension', () => {
  test('findFootage returns footage preview cards within Teams limits', async () => {
    const response = await h.teams.query(alice, 'findFootage', { query: 'near Brixton Station on 03/03/2026' });
    expect(response.status).toBe(200);
    const result = (
      response.body as {
        composeExtension: { type: string; attachments: Array<{ content: Record<string, unknown>; preview: unknown }> };
      }
    ).composeExtension;
    expect(result.type).toBe('result');
    const want = footage.filter(
      (r) => metres(place('Brixton Station'), r) <= 500 && overlaps(r, '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z'),
    );
    expect(result.attachments.length).toBe(Math.min(25, want.length));
    for (const attachment of result.attachments) {
      assertValidCard(attachment.content, { limitBytes: 28 * 1024 });
      expect(attachment.preview).toBeDefined();
    }
  });

  test('a query the bot cannot read gets a message, not an error', async () => {
    const response = await h.teams.query(alice, 'findFootage', { query: 'footage in Lambeth on 01/01/1900' });
    expect(response.status).toBe(200);
    expect((response.body as { composeExtension: { type: string; text: string } }).composeExtension).toMatchObject({
      type: 'message',
    });
  });
});

describe('when Box does not answer', () => {
  test('a search says so in a card, and the next search works again', async () => {
    const emulator = h.bot.emulator!;
    const fault = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 503, count: 20, retryAfter: 0, match: 'POST /2.0/metadata_queries' }),
    });
    expect(fault.ok).toBe(true);
    try {
      const card = await firstCard('camera LAM-0105');
      expect(visible(card)).toMatch(/Box is not answering/);
    } finally {
      await fetch(`${emulator.url}/_emulator/faults`, { method: 'DELETE' });
    }
    expect(visible(await firstCard('camera LAM-0105'))).toMatch(/\d+ recordings/);
  });
});
