/**
 * No-match hints within their budget (at most two extra Box calls, concurrent, within a time limit,
 * the rest offered as buttons) and the sealed tokens the "Next page" and wider-search buttons carry.
 */
import { FindFootage } from '../../../src/footage/find';
import { PageTokens, sharedPageTokens } from '../../../src/footage/page-token';
import type { JsonValue, SettingsRepository } from '../../../src/footage/ports/store';
import type { FootageQuery } from '../../../src/footage/query/types';
import { FootageSearch } from '../../../src/footage/search-service';
import { demoGazetteer } from '../demo-data';
import { BoxDouble, recordingsAlongALine } from './box-double';

// Recordings an hour apart from 1 March 2026 00:00Z, all within a few hundred metres east of this point.
const recordings = recordingsAlongALine(100, { metresApart: 1 });
const place = { name: 'Somewhere', borough: 'Lambeth', latitude: 51.5, longitude: -0.1, radiusMetres: 200 };
/** Place and a two-hour window between recordings' times: nothing matches. */
const nothing: FootageQuery = {
  place,
  window: { start: new Date('2026-03-02T00:31:00Z'), end: new Date('2026-03-02T00:59:00Z') },
};

function finder(box: BoxDouble, options: ConstructorParameters<typeof FindFootage>[2] = {}): FindFootage {
  return new FindFootage(new FootageSearch(box, { pageSize: 10, boxPageSize: 100 }), demoGazetteer(), options);
}

describe('no-match hints', () => {
  test('count at most two widenings, concurrently, and offer the rest as a button that runs the wider search', async () => {
    const box = new BoxDouble(recordings);
    box.latencyMs = 100;
    const find = finder(box);
    const started = Date.now();
    const answer = await find.page(nothing);
    const elapsed = Date.now() - started;
    if (answer.kind !== 'no_match') throw new Error(`expected no match, got ${answer.kind}`);
    expect(box.calls).toBe(3); // the page itself, then two widenings
    expect(box.maxInFlight).toBe(2);
    expect(elapsed).toBeLessThan(100 + 2 * 100); // the two hints overlapped
    expect(answer.hints).toEqual(['Searching 12 hours either side of the times you gave finds 24 recordings.']);
    // The 1 km radius found nothing more in that window; "at any time" is offered, not counted.
    expect(answer.wider.map((w) => w.label)).toEqual(['Search at any time']);
    box.calls = 0;
    const wider = await find.resume(answer.wider[0].token);
    expect(wider?.kind).toBe('results');
    if (wider?.kind !== 'results') return;
    expect(wider.query.window).toBeUndefined();
    expect(wider.page.items.map((item) => item.recording.footageId).slice(0, 2)).toEqual(['F000099', 'F000098']);
    expect(box.calls).toBe(1);
  });

  test('hints that cannot be counted within the time budget become buttons instead', async () => {
    const box = new BoxDouble(recordings);
    const find = finder(box, { hintBudgetMs: 50 });
    box.latencyMs = 0;
    const page = await find.page(nothing, undefined);
    expect(page.kind).toBe('no_match');
    box.latencyMs = 400;
    const started = Date.now();
    const slow = await find.page(nothing);
    // Counting hints would have added at least another 400 ms.
    expect(Date.now() - started).toBeLessThan(400 + 350);
    if (slow.kind !== 'no_match') throw new Error(`expected no match, got ${slow.kind}`);
    expect(slow.hints).toEqual([]);
    expect(slow.wider.map((w) => w.label)).toEqual([
      'Search within 1 km of Somewhere',
      'Search 12 hours either side of the times you gave',
      'Search at any time',
    ]);
  });
});

describe('sealed page tokens', () => {
  const tokens = new PageTokens('a secret shared by every instance');
  const position = {
    query: { boroughs: ['Lambeth'] } as FootageQuery,
    cursor: { marker: 'bWFya2Vy', skip: 7, pageStart: 20 },
  };

  test('open what they sealed', () => {
    expect(tokens.open(tokens.seal(position))).toEqual(position);
    expect(new PageTokens('a secret shared by every instance').open(tokens.seal(position))).toEqual(position);
  });

  test('refuse a token that was altered, made with another key, or is not a token at all', () => {
    const token = tokens.seal(position);
    const [payload, tag] = token.split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    altered.s = 0;
    expect(tokens.open(`${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${tag}`)).toBeUndefined();
    expect(new PageTokens('another secret').open(token)).toBeUndefined();
    expect(tokens.open('not a token')).toBeUndefined();
    expect(tokens.open(`${payload}.`)).toBeUndefined();
    expect(tokens.open('x'.repeat(10_000))).toBeUndefined();
  });

  test('a refused token never reaches Box', async () => {
    const box = new BoxDouble(recordings);
    const find = finder(box, { tokens });
    expect(await find.resume(new PageTokens('another secret').seal(position))).toBeUndefined();
    expect(box.calls).toBe(0);
  });

  test('the shared key is made once and kept in the store, so a restarted or second instance opens the same tokens', async () => {
    const kept = new Map<string, JsonValue>();
    const settings: SettingsRepository = {
      get: async (key) => kept.get(key),
      set: async (key, value) => void kept.set(key, value),
      delete: async (key) => kept.delete(key),
    };
    const first = await sharedPageTokens(settings);
    const second = await sharedPageTokens(settings);
    expect(second.open(first.seal(position))).toEqual(position);
    expect(kept.size).toBe(1);
    expect(new PageTokens().open(first.seal(position))).toBeUndefined();
  });
});
