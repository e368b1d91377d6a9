/**
 * The durable jobs of the access flow. They live in the store's queue, so a job enqueued in the
 * same transaction as a decision survives a crash, and the queue's leases make each run on exactly
 * one bot instance at a time.
 */
import type { JobOutcome } from '../../workers/job-handler';
import type { Job, JsonValue } from '../ports/store';

export const ACCESS_JOB_KINDS = {
  grant: 'access.grant',
  route: 'access.route',
  revoke: 'access.revoke',
  expirySweep: 'access.expirySweep',
} as const;

export function grantJobKey(requestId: string): string {
  return `grant:${requestId}`;
}

export function revokeJobKey(requestId: string): string {
  return `revoke:${requestId}`;
}

export function requestJobPayload(requestId: string): JsonValue {
  return { requestId };
}

/** Runs `work` on the job's request id; a job without one (malformed payload) fails for good. */
export function forRequest(job: Job, work: (requestId: string) => Promise<JobOutcome>): Promise<JobOutcome> {
  const requestId = requestIdOf(job);
  return requestId
    ? work(requestId)
    : Promise.resolve({ kind: 'failed', error: `${job.kind} job without a request id` });
}

/** The request id a grant or revoke job is about; undefined for a malformed payload. */
export function requestIdOf(job: Job): string | undefined {
  const payload = job.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const id = payload.requestId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const MAX_RETRY_DELAY_MS = 15 * 60_000;

/** Wait before retry `attempt` (1-based): doubles each time, at most 15 minutes. */
export function backoffMs(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), MAX_RETRY_DELAY_MS);
}
