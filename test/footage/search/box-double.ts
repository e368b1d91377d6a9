/**
 * A stand-in for Box's metadata query that keeps Box's rules for what paging depends on: filters on
 * the window, bounding box and boroughs, order recordedFrom DESC then footageId DESC, at most `limit`
 * entries, and an opaque marker naming where the next page starts. It counts calls and how many were
 * in flight at once, and can answer slowly, so the domain's call budget and deadlines can be checked
 * without a network. (The end-to-end suites check the same against the real emulator.)
 */
import { inBoundingBox } from '../../../src/footage/geo';
import type { BoxPort } from '../../../src/footage/ports/box';
import type { Recording } from '../../../src/footage/recording';
import type { RecordingPage, RecordingSearch } from '../../../src/footage/search';

export class BoxDouble implements Pick<BoxPort, 'searchRecordings'> {
  calls = 0;
  inFlight = 0;
  maxInFlight = 0;
  latencyMs = 0;

  constructor(private readonly recordings: Recording[]) {}

  async searchRecordings(search: RecordingSearch): Promise<RecordingPage> {
    this.calls += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      const matching = this.recordings.filter((r) => matches(r, search)).sort(boxOrder);
      const start = search.marker === undefined ? 0 : Number(Buffer.from(search.marker, 'base64url').toString('utf8'));
      if (!Number.isInteger(start)) throw new Error(`bad marker ${search.marker}`);
      const recordings = matching.slice(start, start + search.limit);
      const next = start + search.limit;
      return next < matching.length
        ? { recordings, nextMarker: Buffer.from(String(next)).toString('base64url') }
        : { recordings };
    } finally {
      this.inFlight -= 1;
    }
  }
}

function matches(r: Recording, search: RecordingSearch): boolean {
  if (
    search.window &&
    !(
      Date.parse(r.recordedFrom) < search.window.end.getTime() &&
      Date.parse(r.recordedTo) > search.window.start.getTime()
    )
  )
    return false;
  if (search.bbox && !inBoundingBox(r, search.bbox)) return false;
  if (search.boroughs && !search.boroughs.includes(r.borough)) return false;
  if (search.cameraIds && !search.cameraIds.includes(r.cameraId)) return false;
  return true;
}

export function boxOrder(a: Recording, b: Recording): number {
  return (
    Date.parse(b.recordedFrom) - Date.parse(a.recordedFrom) ||
    (a.footageId < b.footageId ? 1 : a.footageId > b.footageId ? -1 : 0)
  );
}

/** `count` recordings an hour apart (newest first by index), on a line running east from a point. */
export function recordingsAlongALine(
  count: number,
  options: { borough?: string; metresApart?: number; start?: string } = {},
): Recording[] {
  const start = Date.parse(options.start ?? '2026-03-01T00:00:00Z');
  const metresPerDegree = 111_320 * Math.cos((51.5 * Math.PI) / 180);
  return Array.from({ length: count }, (_, i) => ({
    fileId: String(30_000_000_000 + i),
    fileName: `REC-${i}.mp4`,
    footageId: `F${String(i).padStart(6, '0')}`,
    cameraId: `LAM-${String(1000 + (i % 50)).padStart(4, '0')}`,
    cameraName: `Camera ${i % 50}`,
    borough: options.borough ?? 'Lambeth',
    latitude: 51.5,
    longitude: -0.1 + (i * (options.metresApart ?? 10)) / metresPerDegree,
    owner: 'Council',
    ownerType: 'local_authority',
    recordedFrom: new Date(start + i * 3_600_000).toISOString(),
    recordedTo: new Date(start + i * 3_600_000 + 1_800_000).toISOString(),
    caseReference: null,
    exhibitReference: null,
    status: 'received',
    sha256: null,
  }));
}
