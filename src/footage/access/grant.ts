/**
 * The grant: for each recording of an approved request, a collaboration for the officer's Box user
 * and, where policy allows, a `collaborators` shared link, both ending when the approval does. It
 * runs as a durable job, so it resumes after a crash (recordings already granted are skipped, a
 * collaboration id is saved the moment Box returns it) and retries while Box is busy. It ends
 * either fully granted, or failed with whatever it had created removed again, and the people
 * concerned told; a recording whose removal failed is marked so, and the request says so too.
 */
import { logger } from '../../log';
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import { DomainError, UpstreamUnavailableError } from '../errors';
import type { BoxPort } from '../ports/box';
import type { AccessRequest, Job, RecordingGrant, Store } from '../ports/store';
import { audit, describeError, requestTarget, SYSTEM_ACTOR } from './audit';
import { ACCESS_JOB_KINDS, backoffMs, forRequest } from './jobs';
import { collaborationFor, liveGrantsExcept, roleFor, sharedLinkFor, type LiveGrant } from './live-grants';
import type { AccessNotifier } from './notifier';
import { removeBoxAccess } from './removal';

export interface GrantSettings {
  /** Whether approvals also create a shared link (always `collaborators` access, never `open`). */
  sharedLinks: boolean;
  /** Attempts of the job (claims) before Box's unavailability counts as a failure. */
  maxAttempts: number;
  /** First wait before a retry; doubles per attempt. */
  retryBaseMs: number;
}

export interface GrantDeps {
  store: Store;
  box: Pick<BoxPort, 'findUserByLogin' | 'grantAccess' | 'setSharedLink' | 'removeCollaboration' | 'removeSharedLink'>;
  notifier: AccessNotifier;
  settings: GrantSettings;
  now: () => Date;
}

class GrantFailure extends Error {
  constructor(
    message: string,
    readonly recording?: RecordingGrant,
  ) {
    super(message);
  }
}

export class GrantJob implements JobHandler {
  readonly kind = ACCESS_JOB_KINDS.grant;

  constructor(private readonly deps: GrantDeps) {}

  handle(job: Job): Promise<JobOutcome> {
    return forRequest(job, (requestId) => this.grant(requestId, job.attempts));
  }

  private async grant(requestId: string, attempt: number): Promise<JobOutcome> {
    const { store } = this.deps;
    let request = await store.requests.get(requestId);
    if (request?.status === 'approved') {
      const moved = await store.requests.transition(requestId, { from: ['approved'], to: 'granting' });
      request = moved.outcome === 'not_found' ? undefined : moved.request;
    }
    if (!request) return { kind: 'done' };
    switch (request.status) {
      case 'granting':
        break;
      case 'granted':
        // A run that stopped after the grant but before telling the officer finishes the telling.
        return this.announce(request);
      case 'revoked':
        await this.removeAll(request);
        return { kind: 'done' };
      default:
        return { kind: 'done' };
    }
    try {
      return await this.grantAll(request, attempt);
    } catch (error) {
      if (error instanceof GrantFailure) return this.fail(request, error.message, error.recording);
      if (isTransient(error) && attempt < this.deps.settings.maxAttempts) return this.retry(attempt, error);
      return this.fail(request, failureMessage(error));
    }
  }

  private async grantAll(request: AccessRequest, attempt: number): Promise<JobOutcome> {
    const { store, box, now } = this.deps;
    const requester = await store.people.findByAadObjectId(request.requesterAadObjectId);
    if (!requester) throw new GrantFailure('The officer is no longer on the roster, so nothing was granted.');
    const expiresAt = request.expiresAt;
    if (!expiresAt || expiresAt.getTime() <= now().getTime())
      throw new GrantFailure('The approved period ended before access could be set up.');
    const boxUser = await box.findUserByLogin(requester.email);
    if (!boxUser)
      throw new GrantFailure(
        `No Box user has the email ${requester.email}, so nothing was granted. Ask the Box administrator to create one, then request again.`,
      );
    const live = await liveGrantsExcept(store.requests, request.id, now());
    for (const recording of request.recordings) {
      if (recording.state === 'granted') continue;
      // A supervisor may revoke while the grant is under way: stop, and take back what was created.
      const current = await store.requests.get(request.id);
      if (current?.status !== 'granting') {
        if (current?.status === 'revoked') await this.removeAll(current);
        return { kind: 'done' };
      }
      try {
        await this.grantOne(
          request,
          recording,
          boxUser.id,
          expiresAt,
          live.filter((g) => g.boxFileId === recording.boxFileId),
        );
      } catch (error) {
        if (isTransient(error) && attempt < this.deps.settings.maxAttempts) {
          await store.requests.updateGrant(request.id, recording.boxFileId, {
            state: 'pending',
            error: describeError(error),
          });
          return this.retry(attempt, error);
        }
        throw new GrantFailure(failureMessage(error), recording);
      }
    }
    const moved = await store.requests.transition(request.id, { from: ['granting'], to: 'granted' });
    if (moved.outcome !== 'transitioned') {
      if (moved.outcome === 'wrong_state' && moved.request.status === 'revoked') await this.removeAll(moved.request);
      return { kind: 'done' };
    }
    return this.announce(moved.request);
  }

  private async grantOne(
    request: AccessRequest,
    recording: RecordingGrant,
    userId: string,
    expiresAt: Date,
    onFile: LiveGrant[],
  ): Promise<void> {
    const { store, box, settings } = this.deps;
    const own = { access: request.access, expiresAt };
    const collaboration = collaborationFor(
      own,
      onFile.filter((g) => g.requesterAadObjectId === request.requesterAadObjectId),
    );
    const grant = await box.grantAccess({
      userId,
      fileId: recording.boxFileId,
      role: collaboration.role,
      expiresAt: collaboration.expiresAt,
    });
    // Saved before anything else can fail, so the collaboration can always be found and removed.
    await store.requests.updateGrant(request.id, recording.boxFileId, {
      state: 'pending',
      collaborationId: grant.collaborationId,
    });
    let sharedLinkUrl: string | null = null;
    if (settings.sharedLinks) {
      const link = await box.setSharedLink(recording.boxFileId, {
        access: 'collaborators',
        ...sharedLinkFor(own, onFile),
      });
      sharedLinkUrl = link.url;
    }
    await store.requests.updateGrant(request.id, recording.boxFileId, { state: 'granted', sharedLinkUrl, error: null });
    await audit(store.audit, SYSTEM_ACTOR, 'granted', requestTarget(request.id), {
      boxFileId: recording.boxFileId,
      fileName: recording.fileName,
      boxUserId: userId,
      collaborationId: grant.collaborationId,
      role: collaboration.role,
      requestedRole: roleFor(request.access),
      expiresAt: collaboration.expiresAt.toISOString(),
      sharedLink: sharedLinkUrl ? 'collaborators' : 'none',
    });
  }

  /** The share-link card, unless a previous run already sent it. */
  private async announce(request: AccessRequest): Promise<JobOutcome> {
    const { store, notifier } = this.deps;
    const cards = await store.requests.listCards(request.id);
    if (!cards.some((card) => card.kind === 'share')) {
      const delivered = await notifier.accessGranted(request);
      if (!delivered) logger.warn({ requestId: request.id }, 'access granted but the officer could not be reached');
    }
    await notifier.requestChanged(request.id);
    return { kind: 'done' };
  }

  private async fail(started: AccessRequest, message: string, recording?: RecordingGrant): Promise<JobOutcome> {
    const { store, notifier } = this.deps;
    // The recordings' states as they are now, not as this run found them.
    const request = (await store.requests.get(started.id)) ?? started;
    for (const r of request.recordings) {
      const isCulprit = r.boxFileId === recording?.boxFileId;
      if (isCulprit || (r.state === 'pending' && !r.collaborationId)) {
        await store.requests.updateGrant(request.id, r.boxFileId, {
          state: 'failed',
          error: isCulprit ? message : `Not granted: ${message}`,
        });
      }
    }
    await audit(store.audit, SYSTEM_ACTOR, 'grant_failed', requestTarget(request.id), {
      ...(recording ? { boxFileId: recording.boxFileId } : {}),
      error: message,
    });
    const removal = await this.removeAll((await store.requests.get(request.id)) ?? request);
    const to = removal.failed.length > 0 ? 'partially_failed' : 'failed';
    const moved = await store.requests.transition(request.id, { from: ['granting', 'approved'], to });
    if (moved.outcome === 'transitioned') {
      await notifier.grantFailed(moved.request, message);
      await notifier.requestChanged(request.id);
    }
    return { kind: 'done' };
  }

  private async removeAll(request: AccessRequest) {
    const requester = await this.deps.store.people.findByAadObjectId(request.requesterAadObjectId);
    return removeBoxAccess(this.deps, request, requester?.email ?? null);
  }

  private retry(attempt: number, error: unknown): JobOutcome {
    const delayMs = backoffMs(this.deps.settings.retryBaseMs, attempt);
    logger.warn({ attempt, delayMs, err: describeError(error) }, 'Box unavailable during a grant; will retry');
    return { kind: 'retry', error: describeError(error), delayMs };
  }
}

/** Box busy or unreachable, or something unexpected: worth another attempt. A refusal is not. */
function isTransient(error: unknown): boolean {
  return error instanceof UpstreamUnavailableError || !(error instanceof DomainError);
}

function failureMessage(error: unknown): string {
  if (error instanceof UpstreamUnavailableError) return 'Box did not answer after several attempts.';
  return `Box refused the grant: ${describeError(error)}`;
}
