/**
 * Understandings are remembered for the minute they were read in, so a repeated search is not read
 * again; one that depends on the exact time (an open window, "last 2 hours") must never be.
 */
import { understandQuery, type Understanding } from '../../../src/footage/query';
import { demoGazetteer } from '../demo-data';

const gazetteer = demoGazetteer();

function read(text: string, iso: string, chosenPlace?: string): Understanding {
  return understandQuery(text, { now: new Date(iso), gazetteer, chosenPlace });
}

function windowOf(understanding: Understanding): [string, string] {
  if (understanding.kind !== 'query' || !understanding.query.window)
    throw new Error(`no window: ${understanding.kind}`);
  return [understanding.query.window.start.toISOString(), understanding.query.window.end.toISOString()];
}

describe('remembered understandings', () => {
  it('answers a repeat within the minute with the same (frozen) understanding', () => {
    const first = read('camera LAM-0106 on 03/03/2026', '2026-03-20T10:00:05Z');
    const again = read('camera LAM-0106 on 03/03/2026', '2026-03-20T10:00:55Z');
    expect(again).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(windowOf(first)).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-04T00:00:00.000Z']);
  });

  it('reads the text again in the next minute', () => {
    const first = read('Oxford Circus 3 March 2026 2pm to 4pm', '2026-03-20T10:01:05Z');
    const next = read('Oxford Circus 3 March 2026 2pm to 4pm', '2026-03-20T10:02:05Z');
    expect(next).not.toBe(first);
    expect(next).toEqual(first);
  });

  it('never remembers a window that ends at the exact time it was asked', () => {
    const early = read('footage in Croydon in the last 2 hours', '2026-03-20T10:03:10Z');
    const late = read('footage in Croydon in the last 2 hours', '2026-03-20T10:03:40Z');
    expect(windowOf(early)).toEqual(['2026-03-20T08:03:10.000Z', '2026-03-20T10:03:10.000Z']);
    expect(windowOf(late)).toEqual(['2026-03-20T08:03:40.000Z', '2026-03-20T10:03:40.000Z']);
  });

  it('keeps the chosen place apart', () => {
    const plain = read('footage near the station yesterday', '2026-03-20T10:04:00Z');
    const chosen = read('footage near the station yesterday', '2026-03-20T10:04:01Z', 'Oxford Circus');
    expect(chosen).not.toBe(plain);
  });

  it('tells the future apart within the minute as before', () => {
    // 10:06 asked at 10:05:30 has not begun; 10:05 has, for every second of that minute.
    expect(read('Croydon today 10:06 to 11:00', '2026-03-20T10:05:30Z')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/in the future/) as unknown,
    });
    expect(read('Croydon today 10:05 to 11:00', '2026-03-20T10:05:00Z').kind).toBe('query');
    expect(read('Croydon today 10:05 to 11:00', '2026-03-20T10:05:59Z').kind).toBe('query');
  });
});
