import { boundingBox } from '../geo';
import type { RecordingSearch } from '../search';
import type { FootageQuery } from './types';

/**
 * The Box-facing search for one page of an understood query. A place becomes the bounding box of
 * its radius (the metadata query cannot compute distances); the caller keeps only recordings
 * within the exact great-circle radius (see recordingMatchesQuery / distanceFromPlace).
 */
export function toRecordingSearch(query: FootageQuery, page: { limit: number; marker?: string }): RecordingSearch {
  if (!Number.isInteger(page.limit) || page.limit < 1 || page.limit > 100) {
    throw new RangeError(`limit must be an integer from 1 to 100 (Box's maximum), not ${page.limit}`);
  }
  const search: RecordingSearch = { limit: page.limit };
  if (page.marker !== undefined) search.marker = page.marker;
  if (query.window) search.window = { start: new Date(query.window.start), end: new Date(query.window.end) };
  if (query.place) search.bbox = boundingBox(query.place, query.place.radiusMetres);
  if (query.cameraIds?.length) search.cameraIds = [...query.cameraIds];
  if (query.boroughs?.length) search.boroughs = [...query.boroughs];
  if (query.ownerTypes?.length) search.ownerTypes = [...query.ownerTypes];
  if (query.caseReference) search.caseReference = query.caseReference;
  if (query.statuses?.length) search.statuses = [...query.statuses];
  return search;
}
