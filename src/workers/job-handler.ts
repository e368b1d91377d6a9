/**
 * What the job runner runs: a handler per job kind, the outcome it reports, and the jobs that recur.
 * Features (the access flow's grant, revoke and expiry jobs) implement these; the runner owns them.
 */
import type { Job } from '../footage/ports/store';

/** What a job handler reports back to the runner. */
export type JobOutcome =
  | { kind: 'done' }
  /** Try again after `delayMs` (Box busy, the process stopped halfway): progress so far is kept. */
  | { kind: 'retry'; error: string; delayMs: number }
  /** Nothing more can be done; the job ends failed. */
  | { kind: 'failed'; error: string };

export interface JobHandler {
  readonly kind: string;
  handle(job: Job): Promise<JobOutcome>;
}

/** A job that recurs: the runner enqueues one per period, keyed by the period, so instances share it. */
export interface RecurringJob {
  kind: string;
  everyMs: number;
}
