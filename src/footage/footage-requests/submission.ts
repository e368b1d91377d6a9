/**
 * One submission per link, as police evidence systems do it. The first file that arrives on a
 * camera's intake folder schedules that camera's link to close after a settle period (a durable,
 * delayed job keyed by request and camera), because an owner sending several files at once makes
 * Box deliver one FILE.UPLOADED per file: the rest of the same submission must still land. When every
 * camera of the request has had its link closed this way, the request is complete at once.
 *
 * Nothing reopens a link closed after a submission: extending an open request moves only the links
 * still open, and a complete request cannot be extended; more footage is a new request.
 */
import { SYSTEM_ACTOR } from '../../audit';
import type { BoxPort } from '../ports/box';
import type { IntakeBoxPort } from '../ports/intake-box';
import type { JsonValue, Store } from '../ports/store';
import { footageRequestTarget } from './audit';
import type { FootageRequestNotifier } from './notifier';
import { OPEN_STATUSES, type FootageRequest } from './types';

export const CLOSE_LINK_JOB_KIND = 'footageRequests.closeLink';
/** Tells the officer their request is complete: a job enqueued with the completion, so it is never lost. */
export const ANNOUNCE_COMPLETED_JOB_KIND = 'footageRequests.announceCompleted';

export interface LinkTarget {
  requestId: string;
  cameraId: string;
}

function closeLinkJobKey(target: LinkTarget): string {
  return `close-link:${target.requestId}:${target.cameraId}`;
}

/** Schedules the closing of a camera's link for `runAt`; a second call for the same camera changes nothing. */
export async function scheduleLinkClose(store: Pick<Store, 'jobs'>, target: LinkTarget, runAt: Date): Promise<boolean> {
  const payload: JsonValue = { requestId: target.requestId, cameraId: target.cameraId };
  const { created } = await store.jobs.enqueue({
    kind: CLOSE_LINK_JOB_KIND,
    uniqueKey: closeLinkJobKey(target),
    payload,
    runAt,
  });
  return created;
}

export function readLinkTarget(payload: JsonValue): LinkTarget | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const { requestId, cameraId } = payload;
  return typeof requestId === 'string' && typeof cameraId === 'string' ? { requestId, cameraId } : undefined;
}

export type LinkCloseOutcome =
  | { kind: 'unknown' }
  /** Cancelled or expired meanwhile: those close every link themselves. */
  | { kind: 'not_open' }
  | { kind: 'already_closed' }
  | { kind: 'closed'; completed: FootageRequest | undefined };

export interface SubmissionDeps {
  store: Store;
  intake: Pick<IntakeBoxPort, 'updateUploadLink'>;
  box: Pick<BoxPort, 'listFolder'>;
  notifier: Pick<FootageRequestNotifier, 'requestCompleted'>;
  /** Queues the arrival of a file found in the folder at closing (idempotent by file id). */
  enqueueArrival(target: LinkTarget & { boxFileId: string }): Promise<boolean>;
  jobEnqueued?: () => void;
}

export class SubmissionService {
  constructor(private readonly deps: SubmissionDeps) {}

  /**
   * Closes the camera's link in Box first (the page refuses the owner from then on), then queues
   * whatever is in the intake folder (a file that landed just before the close may not have been
   * noticed yet, and a complete request is no longer polled), then records the close and, when it
   * was the last open link, completes the request, in one transaction.
   */
  async closeLink(target: LinkTarget): Promise<LinkCloseOutcome> {
    const { store, intake, box } = this.deps;
    const request = await store.intake.footageRequests.get(target.requestId);
    const camera = request?.cameras.find((c) => c.cameraId === target.cameraId);
    if (!request || !camera?.fileRequestId) return { kind: 'unknown' };
    if (!OPEN_STATUSES.includes(request.status)) return { kind: 'not_open' };
    if (camera.linkClosedAt) return { kind: 'already_closed' };
    await intake.updateUploadLink(camera.fileRequestId, { active: false });
    if (camera.intakeFolderId) {
      let queued = false;
      for (const item of await box.listFolder(camera.intakeFolderId)) {
        if (item.type === 'file' && (await this.deps.enqueueArrival({ ...target, boxFileId: item.id }))) queued = true;
      }
      if (queued) this.deps.jobEnqueued?.();
    }
    const fileRequestId = camera.fileRequestId;
    const outcome = await store.transaction(async (tx): Promise<LinkCloseOutcome> => {
      const marked = await tx.intake.footageRequests.markCameraLinkClosed(target.requestId, target.cameraId);
      if (!marked) return { kind: 'unknown' };
      if (!marked.closed) return { kind: 'already_closed' };
      await tx.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'link_closed',
        target: footageRequestTarget(target.requestId),
        details: { cameraId: target.cameraId, fileRequestId, reason: 'submitted' },
      });
      const current = marked.request;
      if (!OPEN_STATUSES.includes(current.status) || current.cameras.some((c) => c.linkClosedAt === null))
        return { kind: 'closed', completed: undefined };
      const moved = await tx.intake.footageRequests.transition(current.id, {
        from: OPEN_STATUSES,
        to: 'complete',
        endedBy: SYSTEM_ACTOR,
      });
      if (moved.outcome !== 'transitioned') return { kind: 'closed', completed: undefined };
      await tx.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'completed',
        target: footageRequestTarget(current.id),
        details: {
          reason: 'submitted',
          filesReceived: moved.request.filesReceived,
          cameras: moved.request.cameras.map((c) => c.cameraId),
        },
      });
      // The officer's card goes out from a job committed with the completion: a crash after this
      // transaction cannot lose it.
      await tx.jobs.enqueue({
        kind: ANNOUNCE_COMPLETED_JOB_KIND,
        uniqueKey: `announce-completed:${current.id}`,
        payload: { requestId: current.id },
      });
      return { kind: 'closed', completed: moved.request };
    });
    if (outcome.kind === 'closed' && outcome.completed) this.deps.jobEnqueued?.();
    return outcome;
  }

  /** The completion card, for the job enqueued with the completion (see closeLink). */
  async announceCompleted(requestId: string): Promise<void> {
    const request = await this.deps.store.intake.footageRequests.get(requestId);
    if (request?.status !== 'complete') return;
    await this.deps.notifier.requestCompleted(request);
  }
}
