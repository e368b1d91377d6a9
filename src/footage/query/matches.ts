import { haversineMetres, type LatLon } from '../geo';
import type { RecordingMetadata } from '../recording';
import type { FootageQuery, PlaceQuery } from './types';

/**
 * The exact rules of a footage query, for the domain to apply after Box has answered the
 * bounding-box search, and for anyone who needs to know whether one recording matches.
 */

/** Great-circle metres from the place searched around to a camera. */
export function distanceFromPlace(place: PlaceQuery, point: LatLon): number {
  return haversineMetres(place, point);
}

/** Overlap: the recording started before the window ends and ended after it starts. */
export function overlapsWindow(
  recording: Pick<RecordingMetadata, 'recordedFrom' | 'recordedTo'>,
  window: { start: Date; end: Date },
): boolean {
  return (
    Date.parse(recording.recordedFrom) < window.end.getTime() &&
    Date.parse(recording.recordedTo) > window.start.getTime()
  );
}

export function recordingMatchesQuery(query: FootageQuery, recording: RecordingMetadata): boolean {
  if (query.window && !overlapsWindow(recording, query.window)) return false;
  if (query.place && distanceFromPlace(query.place, recording) > query.place.radiusMetres) return false;
  if (query.cameraIds?.length && !query.cameraIds.includes(recording.cameraId.toUpperCase())) return false;
  if (query.boroughs?.length && !query.boroughs.includes(recording.borough)) return false;
  if (query.ownerTypes?.length && !query.ownerTypes.includes(recording.ownerType)) return false;
  if (query.caseReference && recording.caseReference !== query.caseReference) return false;
  if (query.statuses?.length && !query.statuses.includes(recording.status)) return false;
  return true;
}
