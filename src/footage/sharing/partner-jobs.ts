/**
 * The durable jobs behind partner shares, run exactly once across instances by the job queue like
 * the access flow's grants: set up the collaboration and the watermark, widen it to download when
 * an admin allows it, and take it all back on revocation or expiry. The watermark stays while any
 * partner can still see the file and comes off with the last one.
 */
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import { audit, describeError, SYSTEM_ACTOR } from '../access/audit';
import { backoffMs } from '../access/jobs';
import { DomainError, UpstreamUnavailableError } from '../errors';
import type { BoxPort } from '../ports/box';
import type { Job, Store } from '../ports/store';
import type { PartnerNotifier } from './partner-shares';
import { PARTNER_LIVE_STATUSES, type BoxSharingPort, type PartnerShare, type SharingStoreExtension } from './ports';
import { partnerTarget } from './share-routing';

export const PARTNER_JOB_KINDS = {
  grant: 'partner.grant',
  end: 'partner.end',
  expirySweep: 'partner.expirySweep',
} as const;

export function partnerJobKey(what: 'grant' | 'download' | 'end', shareId: string): string {
  return `partner-${what}:${shareId}`;
}

export interface PartnerJobDeps {
  store: Store & SharingStoreExtension;
  box: Pick<BoxPort, 'removeCollaboration'> &
    Pick<BoxSharingPort, 'grantExternal' | 'applyWatermark' | 'removeWatermark' | 'isWatermarked'>;
  notifier: Pick<PartnerNotifier, 'partnerShareChanged'>;
  now: () => Date;
  maxAttempts: number;
  retryBaseMs: number;
}

/** Runs `work` on the job's share id; a job without one (malformed payload) fails for good. */
function forShare(job: Job, work: (shareId: string) => Promise<JobOutcome>): Promise<JobOutcome> {
  const payload = job.payload as { shareId?: unknown } | null;
  const shareId = payload && typeof payload.shareId === 'string' ? payload.shareId : undefined;
  return shareId ? work(shareId) : Promise.resolve({ kind: 'failed', error: `${job.kind} job without a share id` });
}

function fileTarget(fileId: string): string {
  return `file:${fileId}`;
}

function isTransient(error: unknown): boolean {
  return error instanceof UpstreamUnavailableError || !(error instanceof DomainError);
}

/** Removes the partner's collaboration and, with the last partner gone from the file, the watermark. */
async function endInBox(deps: PartnerJobDeps, share: PartnerShare): Promise<void> {
  if (share.collaborationId) {
    await deps.box.removeCollaboration(share.collaborationId);
    await deps.store.sharing.partnerShares.setCollaboration(share.id, null);
  }
  const others = (await deps.store.sharing.partnerShares.listByFile(share.boxFileId)).filter(
    (s) => s.id !== share.id && PARTNER_LIVE_STATUSES.includes(s.status),
  );
  if (others.length === 0 && (await deps.box.isWatermarked(share.boxFileId))) {
    await deps.box.removeWatermark(share.boxFileId);
    await audit(deps.store.audit, SYSTEM_ACTOR, 'watermark_removed', fileTarget(share.boxFileId), {
      lastPartnerShare: share.id,
    });
  }
}

export class PartnerGrantJob implements JobHandler {
  readonly kind = PARTNER_JOB_KINDS.grant;

  constructor(private readonly deps: PartnerJobDeps) {}

  handle(job: Job): Promise<JobOutcome> {
    return forShare(job, (shareId) => this.run(shareId, job.attempts));
  }

  private async run(shareId: string, attempts: number): Promise<JobOutcome> {
    const { store } = this.deps;
    let share = await store.sharing.partnerShares.get(shareId);
    if (share?.status === 'approved') {
      const moved = await store.sharing.partnerShares.transition(shareId, ['approved'], 'granting');
      share = moved.outcome === 'not_found' ? undefined : moved.share;
    }
    if (!share || (share.status !== 'granting' && share.status !== 'granted')) return { kind: 'done' };
    try {
      await this.grant(share);
      return { kind: 'done' };
    } catch (error) {
      if (isTransient(error) && attempts < this.deps.maxAttempts) {
        return { kind: 'retry', error: describeError(error), delayMs: backoffMs(this.deps.retryBaseMs, attempts) };
      }
      await this.fail(share, error);
      return { kind: 'done' };
    }
  }

  private async grant(share: PartnerShare): Promise<void> {
    const { store, box, now } = this.deps;
    if (!share.expiresAt || share.expiresAt.getTime() <= now().getTime())
      throw new DomainError('The approved period ended before access could be set up.');
    const role = share.downloadState === 'approved' ? 'viewer' : 'previewer';
    // The watermark goes on before the partner can see anything.
    if (!(await box.isWatermarked(share.boxFileId))) {
      await box.applyWatermark(share.boxFileId);
      await audit(store.audit, SYSTEM_ACTOR, 'watermark_applied', fileTarget(share.boxFileId), {
        partnerShare: share.id,
      });
    }
    const { collaborationId } = await box.grantExternal({
      fileId: share.boxFileId,
      login: share.email,
      role,
      expiresAt: share.expiresAt,
    });
    await store.sharing.partnerShares.setCollaboration(share.id, collaborationId);
    const current = await store.sharing.partnerShares.get(share.id);
    if (current?.status === 'revoked') {
      await endInBox(this.deps, { ...current, collaborationId });
      return;
    }
    // The state and its audit entry land together: nobody reading the share as granted can miss why.
    const expiresAt = share.expiresAt;
    const moved = await store.sharingTransaction(async (tx) => {
      const result =
        share.status === 'granting' ? await tx.partnerShares.transition(share.id, ['granting'], 'granted') : undefined;
      await audit(tx.audit, SYSTEM_ACTOR, 'partner_share_granted', partnerTarget(share.id), {
        boxFileId: share.boxFileId,
        email: share.email,
        collaborationId,
        role,
        expiresAt: expiresAt.toISOString(),
      });
      return result;
    });
    const latest = moved?.outcome === 'moved' ? moved.share : await store.sharing.partnerShares.get(share.id);
    if (latest) await this.deps.notifier.partnerShareChanged(latest);
  }

  private async fail(share: PartnerShare, error: unknown): Promise<void> {
    const { store } = this.deps;
    const message =
      error instanceof UpstreamUnavailableError ? 'Box did not answer after several attempts.' : describeError(error);
    const current = (await store.sharing.partnerShares.get(share.id)) ?? share;
    if (current.status !== 'granting') {
      // A failed widening to download leaves the view-only access as it was.
      await audit(store.audit, SYSTEM_ACTOR, 'partner_share_failed', partnerTarget(share.id), {
        error: message,
        step: 'download',
      });
      return;
    }
    const moved = await store.sharingTransaction(async (tx) => {
      const result = await tx.partnerShares.transition(share.id, ['granting'], 'failed', { error: message });
      await audit(tx.audit, SYSTEM_ACTOR, 'partner_share_failed', partnerTarget(share.id), { error: message });
      return result;
    });
    await endInBox(this.deps, current).catch(() => undefined);
    if (moved.outcome === 'moved') await this.deps.notifier.partnerShareChanged(moved.share);
  }
}

export class PartnerEndJob implements JobHandler {
  readonly kind = PARTNER_JOB_KINDS.end;

  constructor(private readonly deps: PartnerJobDeps) {}

  handle(job: Job): Promise<JobOutcome> {
    return forShare(job, (shareId) => this.run(shareId, job.attempts));
  }

  private async run(shareId: string, attempts: number): Promise<JobOutcome> {
    const share = await this.deps.store.sharing.partnerShares.get(shareId);
    if (!share || share.status !== 'revoked') return { kind: 'done' };
    try {
      await endInBox(this.deps, share);
    } catch (error) {
      if (attempts < this.deps.maxAttempts)
        return { kind: 'retry', error: describeError(error), delayMs: backoffMs(this.deps.retryBaseMs, attempts) };
      return { kind: 'failed', error: describeError(error) };
    }
    await this.deps.notifier.partnerShareChanged((await this.deps.store.sharing.partnerShares.get(shareId)) ?? share);
    return { kind: 'done' };
  }
}

export class PartnerExpirySweep implements JobHandler {
  readonly kind = PARTNER_JOB_KINDS.expirySweep;

  constructor(private readonly deps: PartnerJobDeps) {}

  async handle(): Promise<JobOutcome> {
    const { store, now } = this.deps;
    for (const share of await store.sharing.partnerShares.listByStatus(['granted'], {
      expiresBefore: now(),
      limit: 200,
    })) {
      // Marked expired first, so the watermark check below no longer counts this share as live.
      const moved = await store.sharingTransaction(async (tx) => {
        const result = await tx.partnerShares.transition(share.id, ['granted'], 'expired');
        if (result.outcome === 'moved')
          await audit(tx.audit, SYSTEM_ACTOR, 'partner_share_expired', partnerTarget(share.id), {
            expiresAt: share.expiresAt?.toISOString() ?? null,
          });
        return result;
      });
      if (moved.outcome !== 'moved') continue;
      try {
        await endInBox(this.deps, moved.share);
      } catch (error) {
        // Put back to be found again by the next sweep: Box still grants it.
        await store.sharing.partnerShares.transition(share.id, ['expired'], 'granted', { error: describeError(error) });
        continue;
      }
      await this.deps.notifier.partnerShareChanged(moved.share);
    }
    return { kind: 'done' };
  }
}
