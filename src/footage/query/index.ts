/**
 * Plain-English footage requests: understand them, echo them, and turn them into Box searches.
 */
export { understandQuery } from './understand';
export { describeQuery, describeWindow } from './describe';
export { toRecordingSearch } from './to-search';
export { recordingMatchesQuery, distanceFromPlace, overlapsWindow } from './matches';
export { encodeQuery, decodeQuery } from './codec';
export {
  Gazetteer,
  loadGazetteer,
  phraseKey,
  type GazetteerPlace,
} from './gazetteer';
export {
  MAX_QUERY_CHARS,
  MAX_WINDOW_DAYS,
} from './limits';
export type { FootageQuery, Understanding } from './types';
