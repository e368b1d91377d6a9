/**
 * Plain-English footage requests: understand them, echo them, and turn them into Box searches.
 */
export { understandQuery } from './understand';
export { describeQuery, describeWindow } from './describe';
export { toRecordingSearch } from './to-search';
export { recordingMatchesQuery, distanceFromPlace, overlapsWindow } from './matches';
export { encodeQuery, decodeQuery, type EncodedFootageQuery } from './codec';
export {
  Gazetteer,
  loadGazetteer,
  phraseKey,
  type GazetteerCamera,
  type GazetteerPlace,
} from './gazetteer';
export {
  DEFAULT_RADIUS_METRES,
  EARLIEST_YEAR,
  EXAMPLES,
  MAX_QUERY_CHARS,
  MAX_RADIUS_METRES,
  MAX_WINDOW_DAYS,
} from './limits';
export type { FootageQuery, PlaceQuery, Understanding, UnderstandingContext } from './types';
