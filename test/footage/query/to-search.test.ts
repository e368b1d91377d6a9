import { destinationPoint, haversineMetres, inBoundingBox } from '../../../src/footage/geo';
import {
  distanceFromPlace,
  overlapsWindow,
  recordingMatchesQuery,
  toRecordingSearch,
  understandQuery,
  type FootageQuery,
} from '../../../src/footage/query';
import type { RecordingMetadata } from '../../../src/footage/recording';
import { demoGazetteer, demoJson } from '../demo-data';

const NOW = new Date('2026-03-20T10:00:00Z');

function understood(text: string): FootageQuery {
  const understanding = understandQuery(text, { now: NOW, gazetteer: demoGazetteer() });
  if (understanding.kind !== 'query') throw new Error(`not understood: ${JSON.stringify(understanding)}`);
  return understanding.query;
}

type DemoRecording = RecordingMetadata & { fileName: string };
const footage = demoJson<Array<Omit<DemoRecording, 'sha256'>>>('footage.json').map((r) => ({ ...r, sha256: null }));

describe('toRecordingSearch', () => {
  it('turns a place and radius into a bounding box that holds the whole circle', () => {
    const query = understood('within 300m of Oxford Circus 14/03/2026 22:00-23:30');
    const search = toRecordingSearch(query, { limit: 10 });
    expect(search.window).toEqual({ start: new Date('2026-03-14T22:00:00Z'), end: new Date('2026-03-14T23:30:00Z') });
    expect(search.limit).toBe(10);
    expect(search.marker).toBeUndefined();
    const bbox = search.bbox!;
    for (let bearing = 0; bearing < 360; bearing += 10) {
      expect(inBoundingBox(destinationPoint(query.place!, bearing, 300), bbox)).toBe(true);
    }
    // About 2 x 300 m tall: not a lazy oversized box.
    const height = haversineMetres(
      { latitude: bbox.minLatitude, longitude: query.place!.longitude },
      { latitude: bbox.maxLatitude, longitude: query.place!.longitude },
    );
    expect(height).toBeGreaterThan(599.9);
    expect(height).toBeLessThan(600.1);
  });

  it('passes every filter through, with the paging marker', () => {
    const query = understood('evidential council footage in Lambeth camera LAM-0106 for case 5212345/26 yesterday');
    expect(toRecordingSearch(query, { limit: 100, marker: 'abc' })).toEqual({
      limit: 100,
      marker: 'abc',
      window: { start: new Date('2026-03-19T00:00:00Z'), end: new Date('2026-03-20T00:00:00Z') },
      cameraIds: ['LAM-0106'],
      boroughs: ['Lambeth'],
      ownerTypes: ['local_authority'],
      caseReference: '5212345/26',
      statuses: ['evidential'],
    });
  });

  it('leaves out what the query does not constrain', () => {
    expect(toRecordingSearch({}, { limit: 1 })).toEqual({ limit: 1 });
  });

  it.each([0, 101, 1.5, Number.NaN])('refuses limit %p (Box allows 1-100)', (limit) => {
    expect(() => toRecordingSearch({}, { limit })).toThrow(RangeError);
  });
});

describe('recordingMatchesQuery', () => {
  it('finds exactly the demo recordings near Brixton Station: in the box first, then within the radius', () => {
    const query = understood('near Brixton Station');
    const bbox = toRecordingSearch(query, { limit: 100 }).bbox!;
    const inBox = footage.filter((r) => inBoundingBox(r, bbox));
    const matched = inBox.filter((r) => recordingMatchesQuery(query, r));
    const cameras = [...new Set(matched.map((r) => r.cameraId))].sort();
    // LAM-0105 is 237 m and LAM-0106 294 m away; LAM-0108 (1,027 m) is not near.
    expect(cameras).toEqual(['LAM-0105', 'LAM-0106']);
    expect(matched).toEqual(footage.filter((r) => haversineMetres(query.place!, r) <= 500));
  });

  it('uses overlap for windows: touching the window edge is not overlapping', () => {
    const window = { start: new Date('2026-03-03T14:00:00Z'), end: new Date('2026-03-03T16:00:00Z') };
    const at = (from: string, to: string) => ({ recordedFrom: from, recordedTo: to });
    expect(overlapsWindow(at('2026-03-03T13:00:00Z', '2026-03-03T14:00:00Z'), window)).toBe(false);
    expect(overlapsWindow(at('2026-03-03T16:00:00Z', '2026-03-03T17:00:00Z'), window)).toBe(false);
    expect(overlapsWindow(at('2026-03-03T13:00:00Z', '2026-03-03T14:00:01Z'), window)).toBe(true);
    expect(overlapsWindow(at('2026-03-03T12:00:00Z', '2026-03-03T18:00:00Z'), window)).toBe(true);
    expect(overlapsWindow(at('2026-03-03T15:59:59Z', '2026-03-03T18:00:00Z'), window)).toBe(true);
  });

  it('applies every filter', () => {
    const recording = footage.find((r) => r.caseReference !== null)!;
    const base: FootageQuery = { caseReference: recording.caseReference! };
    expect(recordingMatchesQuery(base, recording)).toBe(true);
    expect(recordingMatchesQuery({ ...base, cameraIds: [recording.cameraId] }, recording)).toBe(true);
    expect(recordingMatchesQuery({ ...base, cameraIds: ['XXX-0000'] }, recording)).toBe(false);
    expect(recordingMatchesQuery({ ...base, boroughs: ['Nowhere'] }, recording)).toBe(false);
    expect(recordingMatchesQuery({ ...base, statuses: [recording.status] }, recording)).toBe(true);
    const otherOwner = recording.ownerType === 'business' ? 'transport' : 'business';
    expect(recordingMatchesQuery({ ...base, ownerTypes: [otherOwner] }, recording)).toBe(false);
    expect(recordingMatchesQuery({ caseReference: '0000000/00' }, recording)).toBe(false);
  });

  it('measures distance from the place searched around', () => {
    const place = understood('near Victoria Station').place!;
    expect(distanceFromPlace(place, place)).toBe(0);
    expect(distanceFromPlace(place, destinationPoint(place, 90, 250))).toBeCloseTo(250, 6);
  });
});
