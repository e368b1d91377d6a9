/** Background work of a bot instance: the durable job queue's runner. */

export type { JobHandler, JobOutcome, RecurringJob } from './job-handler';
export { JobRunner } from './runner';
