/**
 * The durable jobs of the footage-request flow. A webhook delivery becomes one job; the job turns
 * it into one arrival job per file, keyed by the Box file id, and the poller enqueues the same
 * arrival jobs for what it finds. So a file is processed exactly once whichever way it was noticed,
 * however often Box retries a delivery, and across restarts and instances.
 */
import { logger } from '../../log';
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import { describeError } from '../access/audit';
import { backoffMs, forRequest } from '../access/jobs';
import { DomainError, UpstreamUnavailableError } from '../errors';
import type { BoxPort } from '../ports/box';
import type { Job, JsonValue, Store } from '../ports/store';
import type { ArrivalService, ArrivalTarget } from './arrival';
import type { FootageRequestService } from './service';
import { ANNOUNCE_COMPLETED_JOB_KIND, CLOSE_LINK_JOB_KIND, readLinkTarget, type SubmissionService } from './submission';
import { OPEN_STATUSES, type ArrivalSource } from './types';

export const FOOTAGE_JOB_KINDS = {
  delivery: 'intake.delivery',
  arrival: 'intake.arrival',
  poll: 'intake.poll',
  expirySweep: 'footageRequests.expirySweep',
  closeLink: CLOSE_LINK_JOB_KIND,
  announceCompleted: ANNOUNCE_COMPLETED_JOB_KIND,
} as const;

export function deliveryJobKey(deliveryId: string): string {
  return `box-delivery:${deliveryId}`;
}

export function arrivalJobKey(boxFileId: string): string {
  return `arrival:${boxFileId}`;
}

export interface ArrivalPayload extends ArrivalTarget {
  boxFileId: string;
}

export function arrivalPayload(payload: ArrivalPayload): JsonValue {
  return { ...payload };
}

function record(job: Job): Record<string, JsonValue> | undefined {
  const payload = job.payload;
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : undefined;
}

function readArrival(job: Job): ArrivalPayload | undefined {
  const p = record(job);
  const source = p?.source;
  if (typeof p?.boxFileId !== 'string' || typeof p.requestId !== 'string' || typeof p.cameraId !== 'string')
    return undefined;
  if (source !== 'file_request' && source !== 'chat_upload') return undefined;
  const uploadedBy = typeof p.uploadedBy === 'string' ? { uploadedBy: p.uploadedBy } : {};
  return {
    boxFileId: p.boxFileId,
    requestId: p.requestId,
    cameraId: p.cameraId,
    source: source as ArrivalSource,
    ...uploadedBy,
  };
}

/** Enqueues the arrival of one file (idempotent by file id); true when this call queued it. */
export async function enqueueArrival(store: Pick<Store, 'jobs'>, payload: ArrivalPayload): Promise<boolean> {
  const { created } = await store.jobs.enqueue({
    kind: FOOTAGE_JOB_KINDS.arrival,
    uniqueKey: arrivalJobKey(payload.boxFileId),
    payload: arrivalPayload(payload),
  });
  return created;
}

/** What a delivery's payload says, read defensively: Box's body is outside input, even when signed. */
export interface DeliveryFacts {
  trigger: string;
  sourceType: string | null;
  sourceId: string | null;
  parentFolderId: string | null;
}

export function readDeliveryBody(body: unknown): DeliveryFacts | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.trigger !== 'string') return undefined;
  const source = typeof b.source === 'object' && b.source !== null ? (b.source as Record<string, unknown>) : undefined;
  const parent =
    typeof source?.parent === 'object' && source.parent !== null
      ? (source.parent as Record<string, unknown>)
      : undefined;
  const id = (value: unknown): string | null => (typeof value === 'string' && /^\d{1,30}$/.test(value) ? value : null);
  return {
    trigger: b.trigger,
    sourceType: typeof source?.type === 'string' ? source.type : null,
    sourceId: id(source?.id),
    parentFolderId: id(parent?.id),
  };
}

export class DeliveryJob implements JobHandler {
  readonly kind = FOOTAGE_JOB_KINDS.delivery;

  constructor(private readonly deps: { store: Store; jobEnqueued?: () => void }) {}

  async handle(job: Job): Promise<JobOutcome> {
    const { store } = this.deps;
    const deliveryId = record(job)?.deliveryId;
    if (typeof deliveryId !== 'string') return { kind: 'failed', error: 'delivery job without a delivery id' };
    const delivery = await store.intake.webhookDeliveries.get(deliveryId);
    if (!delivery) return { kind: 'failed', error: `delivery ${deliveryId} is not stored` };
    if (
      delivery.trigger !== 'FILE.UPLOADED' ||
      delivery.sourceType !== 'file' ||
      !delivery.sourceId ||
      !delivery.parentFolderId
    ) {
      logger.info({ deliveryId, trigger: delivery.trigger }, 'webhook delivery is not a file upload; nothing to do');
      return { kind: 'done' };
    }
    const owner = await store.intake.footageRequests.findByIntakeFolder(delivery.parentFolderId);
    if (!owner) {
      logger.warn(
        { deliveryId, folderId: delivery.parentFolderId },
        'upload into a folder that is no footage request’s intake folder; ignored',
      );
      return { kind: 'done' };
    }
    const queued = await enqueueArrival(store, {
      boxFileId: delivery.sourceId,
      requestId: owner.request.id,
      cameraId: owner.camera.cameraId,
      source: 'file_request',
    });
    if (queued) this.deps.jobEnqueued?.();
    return { kind: 'done' };
  }
}

export interface ArrivalJobSettings {
  maxAttempts: number;
  retryBaseMs: number;
}

export class ArrivalJob implements JobHandler {
  readonly kind = FOOTAGE_JOB_KINDS.arrival;

  constructor(private readonly deps: { arrival: ArrivalService; settings: ArrivalJobSettings }) {}

  async handle(job: Job): Promise<JobOutcome> {
    const payload = readArrival(job);
    if (!payload) return { kind: 'failed', error: 'arrival job with a malformed payload' };
    const { boxFileId, ...target } = payload;
    try {
      const outcome = await this.deps.arrival.process(boxFileId, target);
      if (outcome.kind === 'unknown_request')
        logger.warn({ boxFileId, requestId: target.requestId }, 'arrival for an unknown footage request; ignored');
      return { kind: 'done' };
    } catch (error) {
      const transient = error instanceof UpstreamUnavailableError || !(error instanceof DomainError);
      if (transient && job.attempts < this.deps.settings.maxAttempts) {
        const delayMs = backoffMs(this.deps.settings.retryBaseMs, job.attempts);
        logger.warn(
          { boxFileId, attempt: job.attempts, delayMs, err: describeError(error) },
          'arrival could not be processed yet; will retry',
        );
        return { kind: 'retry', error: describeError(error), delayMs };
      }
      const reason =
        error instanceof UpstreamUnavailableError
          ? 'Box did not answer after several attempts; the file is still in the intake folder.'
          : `Box refused a step (${describeError(error)}); the file is still in the intake folder.`;
      await this.deps.arrival.giveUp(boxFileId, target, reason);
      return { kind: 'failed', error: describeError(error) };
    }
  }
}

/** Closes a camera's link once its owner's submission has settled (see submission.ts). */
export class CloseLinkJob implements JobHandler {
  readonly kind = FOOTAGE_JOB_KINDS.closeLink;

  constructor(private readonly deps: { submission: SubmissionService; settings: ArrivalJobSettings }) {}

  async handle(job: Job): Promise<JobOutcome> {
    const target = readLinkTarget(job.payload);
    if (!target) return { kind: 'failed', error: 'link close job with a malformed payload' };
    try {
      const outcome = await this.deps.submission.closeLink(target);
      if (outcome.kind === 'closed')
        logger.info(
          { ...target, completed: outcome.completed !== undefined },
          'upload link closed after the owner’s submission',
        );
      return { kind: 'done' };
    } catch (error) {
      const transient = error instanceof UpstreamUnavailableError || !(error instanceof DomainError);
      if (transient && job.attempts < this.deps.settings.maxAttempts) {
        return {
          kind: 'retry',
          error: describeError(error),
          delayMs: backoffMs(this.deps.settings.retryBaseMs, job.attempts),
        };
      }
      // The link stays open until its expiry, which closes it as before.
      logger.warn({ ...target, err: describeError(error) }, 'upload link could not be closed after a submission');
      return { kind: 'failed', error: describeError(error) };
    }
  }
}

/**
 * Sends the officer the completion card of a request completed by its last submission. A failure
 * to send is thrown, and the job runner retries it with backoff like any job.
 */
export class AnnounceCompletedJob implements JobHandler {
  readonly kind = FOOTAGE_JOB_KINDS.announceCompleted;

  constructor(private readonly deps: { submission: SubmissionService }) {}

  handle(job: Job): Promise<JobOutcome> {
    return forRequest(job, async (requestId) => {
      await this.deps.submission.announceCompleted(requestId);
      return { kind: 'done' };
    });
  }
}

/**
 * Where Box cannot reach the bot (no PUBLIC_URL), the open intake folders are listed instead; each
 * file found goes down the same arrival path as a webhook's.
 */
export class PollJob implements JobHandler {
  readonly kind = FOOTAGE_JOB_KINDS.poll;

  constructor(private readonly deps: { store: Store; box: Pick<BoxPort, 'listFolder'>; jobEnqueued?: () => void }) {}

  async handle(): Promise<JobOutcome> {
    const { store, box } = this.deps;
    let queued = 0;
    for (const request of await store.intake.footageRequests.listByStatus(OPEN_STATUSES, { limit: 500 })) {
      for (const camera of request.cameras) {
        if (!camera.intakeFolderId) continue;
        for (const item of await box.listFolder(camera.intakeFolderId)) {
          if (item.type !== 'file') continue;
          if (
            await enqueueArrival(store, {
              boxFileId: item.id,
              requestId: request.id,
              cameraId: camera.cameraId,
              source: 'file_request',
            })
          )
            queued += 1;
        }
      }
    }
    if (queued > 0) {
      logger.info({ queued }, 'polling found new uploads');
      this.deps.jobEnqueued?.();
    }
    return { kind: 'done' };
  }
}

export class FootageExpirySweep implements JobHandler {
  readonly kind = FOOTAGE_JOB_KINDS.expirySweep;

  constructor(private readonly service: Pick<FootageRequestService, 'expireDue'>) {}

  async handle(): Promise<JobOutcome> {
    const ended = await this.service.expireDue();
    if (ended.length > 0) logger.info({ ended: ended.length }, 'footage request links closed at expiry');
    return { kind: 'done' };
  }
}
