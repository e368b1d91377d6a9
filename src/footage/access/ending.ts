/**
 * Access ends in two ways, both carried out by the bot itself (Box removes expired collaborations
 * only when an enterprise setting is on): a supervisor revokes it (the request is marked revoked at
 * once, and this job removes it from Box), or it expires (the periodic sweep removes it, then marks
 * the request expired). Either way the officer is told and every card about the request is redrawn.
 */
import { logger } from '../../log';
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import type { BoxPort } from '../ports/box';
import type { AccessRequest, Job, Store } from '../ports/store';
import { audit, requestTarget, SYSTEM_ACTOR } from './audit';
import { ACCESS_JOB_KINDS, backoffMs, forRequest } from './jobs';
import type { AccessNotifier } from './notifier';
import { removeBoxAccess, type RemovalResult } from './removal';

export interface EndingDeps {
  store: Store;
  box: Pick<BoxPort, 'removeCollaboration' | 'removeSharedLink' | 'grantAccess'>;
  notifier: AccessNotifier;
  now: () => Date;
  /** Attempts of a revocation before what is left is reported as not removed. */
  maxAttempts: number;
  retryBaseMs: number;
}

async function removeFor(deps: EndingDeps, request: AccessRequest): Promise<RemovalResult> {
  const requester = await deps.store.people.findByAadObjectId(request.requesterAadObjectId);
  return removeBoxAccess(deps, request, requester?.email ?? null);
}

export class RevokeJob implements JobHandler {
  readonly kind = ACCESS_JOB_KINDS.revoke;

  constructor(private readonly deps: EndingDeps) {}

  handle(job: Job): Promise<JobOutcome> {
    return forRequest(job, (requestId) => this.revoke(requestId, job.attempts));
  }

  private async revoke(requestId: string, attempts: number): Promise<JobOutcome> {
    const request = await this.deps.store.requests.get(requestId);
    if (!request || request.status !== 'revoked') return { kind: 'done' };
    const removal = await removeFor(this.deps, request);
    if (removal.failed.length > 0 && attempts < this.deps.maxAttempts) {
      const delayMs = backoffMs(this.deps.retryBaseMs, attempts);
      return { kind: 'retry', error: `${removal.failed.length} recording(s) still to remove`, delayMs };
    }
    const ended = (await this.deps.store.requests.get(requestId)) ?? request;
    await this.deps.notifier.accessEnded(ended, 'revoked');
    await this.deps.notifier.requestChanged(requestId);
    return { kind: 'done' };
  }
}

/** Statuses whose access is live in Box and ends at expiresAt. */
const EXPIRABLE = ['granted', 'partially_failed'] as const;

export class ExpirySweep implements JobHandler {
  readonly kind = ACCESS_JOB_KINDS.expirySweep;

  constructor(private readonly deps: EndingDeps) {}

  async handle(): Promise<JobOutcome> {
    const { store, notifier, now } = this.deps;
    const due = await store.requests.listByStatus(EXPIRABLE, { expiresBefore: now(), limit: 200 });
    for (const request of due) {
      const removal = await removeFor(this.deps, request);
      // Marked expired only once Box no longer grants anything: until then the next sweep tries again.
      if (removal.failed.length > 0) {
        logger.warn(
          { requestId: request.id, failed: removal.failed.length },
          'expired access could not be fully removed; the next sweep retries',
        );
        continue;
      }
      // The state and its audit entry land together.
      const moved = await store.transaction(async (tx) => {
        const result = await tx.requests.transition(request.id, { from: [request.status], to: 'expired' });
        if (result.outcome === 'transitioned')
          await audit(tx.audit, SYSTEM_ACTOR, 'expired', requestTarget(request.id), {
            expiresAt: request.expiresAt?.toISOString() ?? null,
            recordings: request.recordings.map((r) => r.boxFileId),
          });
        return result;
      });
      if (moved.outcome !== 'transitioned') continue;
      await notifier.accessEnded(moved.request, 'expired');
      await notifier.requestChanged(request.id);
    }
    await this.finishRevocations();
    return { kind: 'done' };
  }

  /**
   * A revocation whose retries ran out while Box was failing left access in Box: each sweep tries
   * again until it is gone, so nothing a supervisor took away stays granted.
   */
  private async finishRevocations(): Promise<void> {
    const { store, notifier } = this.deps;
    for (const request of await store.requests.listRevokedNotRemoved({ limit: 200 })) {
      const removal = await removeFor(this.deps, request);
      if (removal.failed.length > 0) continue;
      await audit(store.audit, SYSTEM_ACTOR, 'revoke_completed', requestTarget(request.id), {
        recordings: request.recordings.filter((r) => r.state === 'revoke_failed').map((r) => r.boxFileId),
      });
      await notifier.requestChanged(request.id);
    }
  }
}
