/** Background work of a bot instance: the durable job queue's runner. */
export { JobRunner } from './runner';
