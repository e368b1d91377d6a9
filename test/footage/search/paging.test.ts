/**
 * The results pages' Box budget and paging rules, against a Box double with Box's ordering and
 * markers: every page costs at most two metadata queries, the pages together hold exactly the
 * matches in Box's order with none repeated or skipped, the count is exact only when everything was
 * fetched, the radius is applied here, and deadlines cut the Box work short with a partial answer.
 */
import { destinationPoint, haversineMetres } from '../../../src/footage/geo';
import type { FootageQuery, PlaceQuery } from '../../../src/footage/query/types';
import type { Recording } from '../../../src/footage/recording';
import {
  FIRST_PAGE,
  FootageSearch,
  type FoundRecording,
  type PageCursor,
  type SearchPage,
} from '../../../src/footage/search-service';
import { BoxDouble, boxOrder, recordingsAlongALine } from './box-double';

const CENTRE = { latitude: 51.5, longitude: -0.1 };

/** Follows every page's cursor to the end, checking each page's Box budget. */
async function allPages(search: FootageSearch, box: BoxDouble, query: FootageQuery): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  let cursor: PageCursor | undefined = FIRST_PAGE;
  while (cursor) {
    const before = box.calls;
    const page = await search.page(query, cursor);
    expect(page.boxCalls).toBe(box.calls - before);
    expect(page.boxCalls).toBeLessThanOrEqual(2);
    expect(page.pageStart).toBe(cursor.pageStart);
    pages.push(page);
    cursor = page.next;
    if (pages.length > 500) throw new Error('paging did not end');
  }
  return pages;
}

const ids = (items: FoundRecording[]): string[] => items.map((item) => item.recording.footageId);

describe('a broad search', () => {
  const recordings = recordingsAlongALine(230);
  const box = new BoxDouble(recordings);
  const search = new FootageSearch(box, { pageSize: 10, boxPageSize: 25 });
  const query: FootageQuery = { boroughs: ['Lambeth'] };

  test('pages through every match in Box order (newest first), none repeated or skipped, each page at most two Box calls', async () => {
    const pages = await allPages(search, box, query);
    const seen = pages.flatMap((page) => ids(page.items));
    expect(seen).toEqual([...recordings].sort(boxOrder).map((r) => r.footageId));
    expect(pages).toHaveLength(23);
    for (const page of pages) expect(page.items.length).toBe(10);
  });

  test('says "more than" what it fetched, never a cap as the count, until the last Box page is reached', async () => {
    const first = await search.page(query);
    expect(first).toMatchObject({ total: null, known: 25, moreCertain: true, boxCalls: 1 });
    const last = await search.page(query, {
      marker: Buffer.from('200').toString('base64url'),
      skip: 20,
      pageStart: 220,
    });
    expect(last).toMatchObject({ total: 230, known: 230, moreCertain: false });
    expect(last.next).toBeUndefined();
  });

  test('the count is exact when every match fits in what was fetched', async () => {
    const small = new FootageSearch(new BoxDouble(recordingsAlongALine(23)), { pageSize: 10, boxPageSize: 25 });
    const first = await small.page(query);
    expect(first).toMatchObject({ total: 23, known: 23, boxCalls: 1 });
    expect(first.next).toEqual({ skip: 10, pageStart: 10 });
  });
});

const place: PlaceQuery = { name: 'Somewhere', borough: 'Lambeth', ...CENTRE, radiusMetres: 300 };

/** Every `inside`-th recording within the radius; the rest in the bounding box's corners, outside it. */
function scattered(count: number, inside: number): Recording[] {
  return recordingsAlongALine(count).map((r, i) => {
    const point =
      i % inside === 0
        ? destinationPoint(CENTRE, (i * 37) % 360, 250)
        : destinationPoint(CENTRE, 45 + 90 * (i % 4), 400);
    return { ...r, latitude: point.latitude, longitude: point.longitude };
  });
}

describe('a place search (the exact radius applied in the domain)', () => {
  test('a page that loses matches to the radius fills up from the next Box page, within two Box calls', async () => {
    const recordings = scattered(200, 2);
    const box = new BoxDouble(recordings);
    const search = new FootageSearch(box, { pageSize: 10, boxPageSize: 10 });
    const pages = await allPages(search, box, { place });
    const want = [...recordings].sort(boxOrder).filter((r) => haversineMetres(place, r) <= place.radiusMetres);
    expect(want).toHaveLength(100);
    expect(pages.flatMap((page) => ids(page.items))).toEqual(want.map((r) => r.footageId));
    expect(pages[0]).toMatchObject({ boxCalls: 2, total: null, moreCertain: false });
    expect(pages[0].items).toHaveLength(10);
    for (const item of pages[0].items) expect(item.distanceMetres).toBeLessThanOrEqual(300);
  });

  test('when two Box pages hold too few matches, the page says more may follow, and the next page carries on exactly', async () => {
    const recordings = scattered(300, 30);
    const box = new BoxDouble(recordings);
    const search = new FootageSearch(box, { pageSize: 10, boxPageSize: 10 });
    const first = await search.page({ place });
    expect(first).toMatchObject({ boxCalls: 2, total: null, moreCertain: false, partial: false });
    // The newest match is the 30th recording in Box's order: not on Box's first two pages of ten.
    expect(first.items).toHaveLength(0);
    expect(first.next).toEqual({ marker: expect.any(String), skip: 0, pageStart: 0 });
    const pages = await allPages(search, box, { place });
    const want = [...recordings].sort(boxOrder).filter((r) => haversineMetres(place, r) <= place.radiusMetres);
    expect(pages.flatMap((page) => ids(page.items))).toEqual(want.map((r) => r.footageId));
  });
});

describe('deadlines', () => {
  test('a second Box call that would miss the deadline is not made: the page is partial and resumes where it stopped', async () => {
    const box = new BoxDouble(scattered(300, 2));
    box.latencyMs = 150;
    const search = new FootageSearch(box, { pageSize: 10, boxPageSize: 10 });
    const started = Date.now();
    const page = await search.page({ place }, FIRST_PAGE, { deadline: started + 250 });
    // A second call would have taken it to 300 ms or more; the margin is for a loaded machine's timers.
    expect(Date.now() - started).toBeLessThan(300);
    expect(page).toMatchObject({ partial: true, boxCalls: 1, total: null });
    expect(page.items).toHaveLength(5);
    expect(page.next).toEqual({ marker: expect.any(String), skip: 0, pageStart: 5 });
  });

  test('when Box has not answered by the deadline, the answer comes on time, empty and marked partial', async () => {
    const box = new BoxDouble(recordingsAlongALine(30));
    box.latencyMs = 1000;
    const search = new FootageSearch(box);
    const started = Date.now();
    const page = await search.page({ boroughs: ['Lambeth'] }, FIRST_PAGE, { deadline: started + 200 });
    expect(Date.now() - started).toBeLessThan(800);
    expect(page).toMatchObject({ partial: true, items: [], total: null, next: FIRST_PAGE });
  });
});
