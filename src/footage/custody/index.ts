/** A recording's chain of custody: history, continuity record export, content and audit checks. */
export { continuityCsv } from './continuity-record';
export { BoxEventIngest, CUSTODY_JOB_KINDS, STREAM_POSITION_KEY } from './event-ingest';
export { Custody } from './service';
export { buildTimeline } from './timeline';
