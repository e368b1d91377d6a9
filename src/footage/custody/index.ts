/** A recording's chain of custody: history, continuity record export, content and audit checks. */
export { continuityCsv, continuityPdf, type RecordHeader } from './continuity-record';
export { BoxEventIngest, CUSTODY_JOB_KINDS, STREAM_POSITION_KEY, type EventIngestDeps } from './event-ingest';
export { caseFolderName, Custody, type AuditCheckOutcome, type CustodyDeps, type ExportOutcome, type HistoryOutcome, type VerifyOutcome } from './service';
export { buildTimeline, type TimelineEntry } from './timeline';
