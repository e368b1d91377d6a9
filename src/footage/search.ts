import type { OwnerType, Recording, RecordingStatus } from './recording';

/**
 * What the domain asks Box for: one page of recordings matching structured filters. Built from an
 * understood query (see src/footage/query); the gateway turns it into one Box metadata query with
 * bound parameters. Radius searches arrive here as a bounding box; the exact great-circle distance
 * is filtered in the domain afterwards.
 */
export interface RecordingSearch {
  /** Recordings that overlap [start, end): recordedFrom < end AND recordedTo > start. */
  window?: { start: Date; end: Date };
  bbox?: { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number };
  cameraIds?: string[];
  boroughs?: string[];
  ownerTypes?: OwnerType[];
  caseReference?: string;
  statuses?: RecordingStatus[];
  /** Box allows at most 100. */
  limit: number;
  /** Opaque marker from a previous page's `nextMarker`. */
  marker?: string;
}

export interface RecordingPage {
  recordings: Recording[];
  /** Present while more pages remain. */
  nextMarker?: string;
}
