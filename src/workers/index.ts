/** Background work of a bot instance: the durable job queue's runner. */

export { JobRunner } from './runner';
export type { JobHandler, JobOutcome, RecurringJob } from './job-handler';
