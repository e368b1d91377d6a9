import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareByOrder, compileMetadataQuery, type FieldType } from '../../../src/emulator/metadata-query';

/** The cctvFootage template's fields (ARCHITECTURE.md), typed as the emulator is expected to declare them. */
const CCTV_FIELDS: Record<string, FieldType> = {
  cameraId: 'string',
  cameraName: 'string',
  borough: 'string',
  latitude: 'float',
  longitude: 'float',
  owner: 'string',
  ownerType: 'enum',
  recordedFrom: 'date',
  recordedTo: 'date',
  caseReference: 'string',
  exhibitReference: 'string',
  status: 'enum',
  sha256: 'string',
};

interface FootageRecord {
  footageId: string;
  cameraId: string;
  borough: string;
  latitude: number;
  longitude: number;
  owner: string;
  ownerType: string;
  recordedFrom: string;
  recordedTo: string;
  caseReference: string | null;
  status: string;
  [other: string]: unknown;
}

const RECORDS: FootageRecord[] = JSON.parse(readFileSync(join(__dirname, '../../../demo/footage.json'), 'utf8'));

/** A record as a metadata instance: the template's fields only, nulls left out as Box leaves them unset. */
function toInstance(record: FootageRecord): Record<string, unknown> {
  const entries = Object.keys(CCTV_FIELDS)
    .filter((key) => record[key] !== null && record[key] !== undefined)
    .map((key) => [key, record[key]]);
  return Object.fromEntries([...entries, ['footageId', record.footageId]]);
}

const INSTANCES = RECORDS.map(toInstance);

function queried(query: string, params: Record<string, unknown>): string[] {
  const matches = compileMetadataQuery(query, params, CCTV_FIELDS);
  return INSTANCES.filter(matches).map((instance) => instance.footageId as string);
}

function expected(predicate: (record: FootageRecord) => boolean): string[] {
  const ids = RECORDS.filter(predicate).map((record) => record.footageId);
  // A check that selects nothing, or everything, would prove little.
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBeLessThan(RECORDS.length);
  return ids;
}

describe('queries over the demo footage agree with an independent filter', () => {
  test('the demo data loads', () => {
    expect(RECORDS).toHaveLength(1319);
  });

  test('time overlap across the clock change: 00:00 GMT to 06:00 BST on 29 March 2026', () => {
    const start = '2026-03-29T00:00:00Z';
    const end = '2026-03-29T06:00:00+01:00';
    const startMs = Date.parse('2026-03-29T00:00:00Z');
    const endMs = Date.parse('2026-03-29T05:00:00Z');
    const want = expected((r) => Date.parse(r.recordedFrom) < endMs && Date.parse(r.recordedTo) > startMs);
    expect(queried('recordedFrom < :end AND recordedTo > :start', { start, end })).toEqual(want);
  });

  test('a bounding box around Brixton, in Lambeth, received or reviewed', () => {
    const box = { s: 51.455, n: 51.466, w: -0.125, e: -0.105 };
    const want = expected(
      (r) =>
        r.latitude >= box.s &&
        r.latitude <= box.n &&
        r.longitude >= box.w &&
        r.longitude <= box.e &&
        r.borough === 'Lambeth' &&
        (r.status === 'received' || r.status === 'reviewed'),
    );
    const query =
      'latitude >= :s AND latitude <= :n AND longitude >= :w AND longitude <= :e AND borough = :b AND status IN (:st1, :st2)';
    expect(queried(query, { ...box, b: 'Lambeth', st1: 'received', st2: 'reviewed' })).toEqual(want);
  });

  test('council-owned footage already attached to a case', () => {
    const want = expected((r) => r.owner.toLowerCase().includes('council') && r.caseReference !== null);
    expect(queried('owner ILIKE :o AND caseReference IS NOT NULL', { o: '%council%' })).toEqual(want);
  });

  test('NOT, OR and IN together', () => {
    const want = expected((r) => r.ownerType !== 'transport' || r.borough === 'Camden' || r.borough === 'Croydon');
    expect(
      queried('NOT ownerType = :t OR borough IN (:b1, :b2)', { t: 'transport', b1: 'Camden', b2: 'Croydon' }),
    ).toEqual(want);
  });

  test('camera id prefix with LIKE, the hyphen being plain data', () => {
    const want = expected((r) => r.cameraId.startsWith('LAM-01'));
    expect(queried('cameraId LIKE :p', { p: 'LAM-01%' })).toEqual(want);
  });

  test('a case reference compared exactly', () => {
    const reference = RECORDS.find((r) => r.caseReference !== null)?.caseReference as string;
    const want = expected((r) => r.caseReference === reference);
    expect(queried('caseReference = :c', { c: reference })).toEqual(want);
  });

  test('newest first, then camera id descending, as the bot pages', () => {
    const matches = compileMetadataQuery('borough = :b', { b: 'Southwark' }, CCTV_FIELDS);
    const compare = compareByOrder(
      [
        { field_key: 'recordedFrom', direction: 'DESC' },
        { field_key: 'cameraId', direction: 'DESC' },
      ],
      CCTV_FIELDS,
    );
    const actual = INSTANCES.filter(matches)
      .sort(compare)
      .map((i) => `${i.recordedFrom as string} ${i.cameraId as string}`);
    const want = RECORDS.filter((r) => r.borough === 'Southwark')
      .sort(
        (a, b) =>
          Date.parse(b.recordedFrom) - Date.parse(a.recordedFrom) ||
          (a.cameraId < b.cameraId ? 1 : a.cameraId > b.cameraId ? -1 : 0),
      )
      .map((r) => `${r.recordedFrom} ${r.cameraId}`);
    expect(want).toHaveLength(175);
    expect(actual).toEqual(want);
  });
});
