/**
 * Plain-English footage requests: understand them, echo them, and turn them into Box searches.
 */
export { decodeQuery, encodeQuery } from './codec';
export { describeQuery, describeWindow } from './describe';
export { Gazetteer, loadGazetteer, phraseKey, type GazetteerCamera, type GazetteerPlace } from './gazetteer';
export { EARLIEST_YEAR, MAX_QUERY_CHARS, MAX_RADIUS_METRES, MAX_WINDOW_DAYS } from './limits';
export { distanceFromPlace, overlapsWindow, recordingMatchesQuery } from './matches';
export { mentionsFootage } from './mentions';
export { toRecordingSearch } from './to-search';
export type { FootageQuery, Understanding } from './types';
export { understandQuery } from './understand';
