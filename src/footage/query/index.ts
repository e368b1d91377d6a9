/**
 * Plain-English footage requests: understand them, echo them, and turn them into Box searches.
 */
export { understandQuery } from './understand';
export { mentionsFootage } from './mentions';
export { describeQuery, describeWindow } from './describe';
export { toRecordingSearch } from './to-search';
export { recordingMatchesQuery, distanceFromPlace, overlapsWindow } from './matches';
export { encodeQuery, decodeQuery } from './codec';
export {
  Gazetteer,
  loadGazetteer,
  phraseKey,
  type GazetteerCamera,
  type GazetteerPlace,
} from './gazetteer';
export {
  EARLIEST_YEAR,
  MAX_QUERY_CHARS,
  MAX_RADIUS_METRES,
  MAX_WINDOW_DAYS,
} from './limits';
export type { FootageQuery, Understanding } from './types';
