/**
 * Sharing a recording with someone at a partner organisation (e.g. a CPS lawyer). The outside
 * person gets a `previewer` collaboration by email (watch in Box, no download) until the approved
 * expiry, and the file carries Box's watermark while any partner can see it. A supervisor always
 * approves; download needs a justification and a second approval by an administrator. Every step
 * is a compare-and-set in the store, audited, and anything in Box is left to a durable job.
 */
import { decidesFor, whoCanDecide, type ApprovalScope } from '../access/authorise';
import { CASE_REFERENCE_PATTERN, MAX_JUSTIFICATION_CHARS, MAX_REASON_CHARS, type DurationPolicy } from '../access/form';
import { canDecide, type Person } from '../people';
import type { Store } from '../ports/store';
import type { Recording } from '../recording';
import { decidableBy, ownAccess, sharesOnOwnAuthority, wholeDaysLeft } from './entitlement';
import { PARTNER_JOB_KINDS, partnerJobKey } from './partner-jobs';
import { emailAllowed, isEmail, type Partner } from './partners';
import type { PartnerShare, SharingStoreExtension } from './ports';
import { auditRefusal, refusal, type SharingRefusal } from './refusal';
import { PARTNER_ROUTE_JOB, partnerTarget, type PartnerRoutingNotifier, type ShareRouting } from './share-routing';

export interface PartnerShareInput {
  formToken: string;
  recording: Recording;
  partner: Partner;
  email: string;
  reason: string;
  caseReference: string | null;
  durationDays: number | null;
}

export interface PartnerNotifier extends PartnerRoutingNotifier {
  /** Admins are asked to allow a partner's download. */
  askDownloadApprover(share: PartnerShare, admin: Person): Promise<boolean>;
  /** The sharer hears how their share went (granted, rejected, failed, ended); every copy is redrawn. */
  partnerShareChanged(share: PartnerShare): Promise<void>;
}

export interface PartnerSharingDeps {
  store: Store & SharingStoreExtension;
  partners: readonly Partner[];
  policy: DurationPolicy;
  notifier: PartnerNotifier;
  routing: ShareRouting;
  /** Who may decide whose shares, as for access requests. */
  scope: ApprovalScope;
  /** When the routing job becomes due: once the first attempt, made as the share is created, must be over. */
  routingGraceMs: number;
  now: () => Date;
  jobEnqueued?: () => void;
}

export type PartnerOutcome =
  | { kind: 'refused'; refusal: SharingRefusal }
  | { kind: 'done'; share: PartnerShare; created?: boolean; approverReached?: boolean };

export class PartnerSharing {
  constructor(private readonly deps: PartnerSharingDeps) {}

  get partners(): readonly Partner[] {
    return this.deps.partners;
  }

  async request(sharer: Person, input: PartnerShareInput): Promise<PartnerOutcome> {
    const { store, now } = this.deps;
    const refused = async (r: { kind: 'refused'; refusal: SharingRefusal }): Promise<PartnerOutcome> => {
      await auditRefusal(store.audit, sharer, `file:${input.recording.fileId}`, 'shareWithPartner', r.refusal);
      return r;
    };
    const email = input.email.trim().toLowerCase();
    if (!isEmail(email)) return refused(refusal('invalid', `Give the ${input.partner.name} person's email address.`));
    if (!emailAllowed(input.partner, email)) {
      return refused(
        refusal(
          'outside_partner_domains',
          `${email} is not an address of ${input.partner.name} (${input.partner.domains.map((d) => `@${d}`).join(', ')}).`,
        ),
      );
    }
    if (email === sharer.email.toLowerCase()) return refused(refusal('yourself', 'You cannot share with yourself.'));
    let maxDays = this.deps.policy.maxDurationDays;
    if (!sharesOnOwnAuthority(sharer)) {
      const own = await ownAccess(store.requests, sharer, input.recording.fileId, now());
      if (own.kind === 'none')
        return refused(
          refusal('no_access', `You have no access to ${input.recording.fileName}, so you cannot share it.`),
        );
      if (own.kind === 'ended')
        return refused(
          refusal(
            'own_access_expired',
            `Your own access to ${input.recording.fileName} has ended, so you cannot share it any more.`,
          ),
        );
      maxDays = Math.min(maxDays, wholeDaysLeft(own.expiresAt, now()));
      if (maxDays < 1)
        return refused(
          refusal(
            'own_access_expired',
            `Your own access to ${input.recording.fileName} ends in less than a day, so it cannot be shared.`,
          ),
        );
    }
    const days = input.durationDays ?? Math.min(this.deps.policy.defaultDurationDays, maxDays);
    if (!Number.isInteger(days) || days < 1) return refused(refusal('invalid', 'Choose a duration of at least 1 day.'));
    if (days > maxDays)
      return refused(refusal('too_long', `You can share for at most ${maxDays} ${maxDays === 1 ? 'day' : 'days'}.`));
    const reason = input.reason.trim();
    if (!reason) return refused(refusal('invalid', `Give the reason ${input.partner.name} needs the footage.`));
    if (reason.length > MAX_REASON_CHARS)
      return refused(refusal('invalid', `Shorten the reason to at most ${MAX_REASON_CHARS} characters.`));
    const caseReference = (input.caseReference ?? input.recording.caseReference ?? '').trim();
    if (!CASE_REFERENCE_PATTERN.test(caseReference))
      return refused(
        refusal('invalid', 'Give the case reference as seven digits, a slash and two digits, e.g. 5212345/26.'),
      );
    const { created, share } = await store.sharingTransaction(async (tx) => {
      const made = await tx.partnerShares.create({
        idempotencyKey: `${sharer.aadObjectId}:${input.formToken}`,
        sharerAadObjectId: sharer.aadObjectId,
        partnerId: input.partner.id,
        email,
        boxFileId: input.recording.fileId,
        fileName: input.recording.fileName,
        caseReference,
        reason,
        durationDays: days,
      });
      if (made.created) {
        await tx.audit.append({
          actor: sharer.aadObjectId,
          action: 'partner_share_requested',
          target: partnerTarget(made.share.id),
          details: {
            boxFileId: input.recording.fileId,
            partner: input.partner.id,
            email,
            caseReference,
            durationDays: days,
          },
        });
        await tx.jobs.enqueue({
          kind: PARTNER_ROUTE_JOB.kind,
          uniqueKey: PARTNER_ROUTE_JOB.uniqueKey(made.share.id),
          payload: PARTNER_ROUTE_JOB.payload(made.share.id),
          runAt: new Date(now().getTime() + this.deps.routingGraceMs),
        });
      }
      return made;
    });
    if (!created)
      return {
        kind: 'done',
        share,
        created,
        approverReached: await this.deps.routing.wasRouted(partnerTarget(share.id)),
      };
    this.deps.jobEnqueued?.();
    const approverReached = await this.deps.routing.routePartnerShare(share, sharer);
    return { kind: 'done', share, created, approverReached };
  }

  async decide(
    decider: Person,
    shareId: string,
    input: { approve: boolean; comment: string; durationDays: number | null },
  ): Promise<PartnerOutcome> {
    const { store } = this.deps;
    const share = await store.sharing.partnerShares.get(shareId);
    const sharer = share ? await store.people.findByAadObjectId(share.sharerAadObjectId) : undefined;
    const check = this.checkDecider(decider, share, sharer);
    if (check) return this.refused(decider, shareId, 'decidePartnerShare', check);
    const current = share!;
    const comment = input.comment.trim() || null;
    if (!input.approve && !comment)
      return this.refused(
        decider,
        shareId,
        'decidePartnerShare',
        refusal('invalid', 'Give a reason to reject: the officer will see it.'),
      );
    const days = input.durationDays ?? current.durationDays;
    if (!Number.isInteger(days) || days < 1 || days > current.durationDays) {
      return this.refused(
        decider,
        shareId,
        'decidePartnerShare',
        refusal('too_long', `Access can be shortened but not lengthened: at most ${current.durationDays} days.`),
      );
    }
    const moved = await store.sharingTransaction(async (tx) => {
      const result = await tx.partnerShares.decide(shareId, {
        decidedBy: decider.aadObjectId,
        approved: input.approve,
        comment,
        approvedDurationDays: days,
      });
      if (result.outcome !== 'moved') return result;
      await tx.audit.append({
        actor: decider.aadObjectId,
        action: input.approve ? 'partner_share_approved' : 'partner_share_rejected',
        target: partnerTarget(shareId),
        details: {
          comment,
          approvedDurationDays: input.approve ? days : null,
          expiresAt: result.share.expiresAt?.toISOString() ?? null,
        },
      });
      if (input.approve)
        await tx.jobs.enqueue({
          kind: PARTNER_JOB_KINDS.grant,
          uniqueKey: partnerJobKey('grant', shareId),
          payload: { shareId },
        });
      return result;
    });
    if (moved.outcome !== 'moved')
      return this.refused(
        decider,
        shareId,
        'decidePartnerShare',
        refusal('not_pending', 'This share has already been decided.'),
      );
    this.deps.jobEnqueued?.();
    await this.deps.notifier.partnerShareChanged(moved.share);
    return { kind: 'done', share: moved.share };
  }

  async revoke(revoker: Person, shareId: string): Promise<PartnerOutcome> {
    const { store } = this.deps;
    const share = await store.sharing.partnerShares.get(shareId);
    if (!share)
      return this.refused(
        revoker,
        shareId,
        'revokePartnerShare',
        refusal('not_found', 'That partner share does not exist.'),
      );
    if (!canDecide(revoker))
      return this.refused(
        revoker,
        shareId,
        'revokePartnerShare',
        refusal('not_an_approver', 'Only a supervisor or an administrator can revoke a partner share.'),
      );
    const moved = await store.sharingTransaction(async (tx) => {
      const result = await tx.partnerShares.transition(shareId, ['approved', 'granting', 'granted'], 'revoked', {
        revokedBy: revoker.aadObjectId,
      });
      if (result.outcome !== 'moved') return result;
      await tx.audit.append({
        actor: revoker.aadObjectId,
        action: 'partner_share_revoked',
        target: partnerTarget(shareId),
        details: { previousStatus: share.status },
      });
      await tx.jobs.enqueue({
        kind: PARTNER_JOB_KINDS.end,
        uniqueKey: partnerJobKey('end', shareId),
        payload: { shareId },
      });
      return result;
    });
    if (moved.outcome !== 'moved')
      return this.refused(
        revoker,
        shareId,
        'revokePartnerShare',
        refusal('not_pending', `There is no access to revoke: the share is ${share.status}.`),
      );
    this.deps.jobEnqueued?.();
    return { kind: 'done', share: moved.share };
  }

  /** The sharer or a supervisor asks for the partner to be allowed to download; an admin decides. */
  async requestDownload(person: Person, shareId: string, justification: string): Promise<PartnerOutcome> {
    const { store } = this.deps;
    const share = await store.sharing.partnerShares.get(shareId);
    if (!share)
      return this.refused(
        person,
        shareId,
        'requestPartnerDownload',
        refusal('not_found', 'That partner share does not exist.'),
      );
    if (person.aadObjectId !== share.sharerAadObjectId && !canDecide(person)) {
      return this.refused(
        person,
        shareId,
        'requestPartnerDownload',
        refusal('not_an_approver', 'Only the officer who shared it or a supervisor can ask for a partner download.'),
      );
    }
    if (share.status !== 'granted')
      return this.refused(
        person,
        shareId,
        'requestPartnerDownload',
        refusal('not_pending', `The partner has no live access (the share is ${share.status}).`),
      );
    const text = justification.trim();
    if (!text)
      return this.refused(
        person,
        shareId,
        'requestPartnerDownload',
        refusal('invalid', 'Say why the partner must download the footage rather than watch it in Box.'),
      );
    if (text.length > MAX_JUSTIFICATION_CHARS)
      return this.refused(
        person,
        shareId,
        'requestPartnerDownload',
        refusal('invalid', `Shorten the justification to at most ${MAX_JUSTIFICATION_CHARS} characters.`),
      );
    const moved = await store.sharingTransaction(async (tx) => {
      const result = await tx.partnerShares.moveDownload(shareId, ['none', 'rejected'], 'requested', {
        by: person.aadObjectId,
        justification: text,
      });
      if (result.outcome === 'moved')
        await tx.audit.append({
          actor: person.aadObjectId,
          action: 'partner_download_requested',
          target: partnerTarget(shareId),
          details: { justification: text },
        });
      return result;
    });
    if (moved.outcome !== 'moved')
      return this.refused(
        person,
        shareId,
        'requestPartnerDownload',
        refusal('not_pending', 'Download has already been asked for on this share.'),
      );
    for (const admin of await store.people.listByRole('admin')) {
      if (admin.aadObjectId !== person.aadObjectId) await this.deps.notifier.askDownloadApprover(moved.share, admin);
    }
    return { kind: 'done', share: moved.share };
  }

  async decideDownload(admin: Person, shareId: string, approve: boolean): Promise<PartnerOutcome> {
    const { store } = this.deps;
    const share = await store.sharing.partnerShares.get(shareId);
    if (!share)
      return this.refused(
        admin,
        shareId,
        'decidePartnerDownload',
        refusal('not_found', 'That partner share does not exist.'),
      );
    if (admin.role !== 'admin')
      return this.refused(
        admin,
        shareId,
        'decidePartnerDownload',
        refusal('not_an_approver', 'Only an administrator can allow a partner to download.'),
      );
    if (share.downloadRequestedBy === admin.aadObjectId || share.sharerAadObjectId === admin.aadObjectId) {
      return this.refused(
        admin,
        shareId,
        'decidePartnerDownload',
        refusal('own_share', 'A second person must approve a download you asked for.'),
      );
    }
    if (approve && share.status !== 'granted')
      return this.refused(
        admin,
        shareId,
        'decidePartnerDownload',
        refusal('not_pending', `The partner has no live access (the share is ${share.status}).`),
      );
    const moved = await store.sharingTransaction(async (tx) => {
      const result = await tx.partnerShares.moveDownload(shareId, ['requested'], approve ? 'approved' : 'rejected', {
        by: admin.aadObjectId,
      });
      if (result.outcome !== 'moved') return result;
      await tx.audit.append({
        actor: admin.aadObjectId,
        action: approve ? 'partner_download_approved' : 'partner_download_rejected',
        target: partnerTarget(shareId),
        details: {},
      });
      if (approve)
        await tx.jobs.enqueue({
          kind: PARTNER_JOB_KINDS.grant,
          uniqueKey: partnerJobKey('download', shareId),
          payload: { shareId },
        });
      return result;
    });
    if (moved.outcome !== 'moved')
      return this.refused(
        admin,
        shareId,
        'decidePartnerDownload',
        refusal('not_pending', 'No download is waiting for a decision on this share.'),
      );
    if (approve) this.deps.jobEnqueued?.();
    await this.deps.notifier.partnerShareChanged(moved.share);
    return { kind: 'done', share: moved.share };
  }

  /** Partner shares waiting for a decision that this person may take (not their own, within APPROVAL_SCOPE). */
  async pendingFor(person: Person): Promise<PartnerShare[]> {
    const { store, scope } = this.deps;
    if (!canDecide(person)) return [];
    return decidableBy(
      store.people,
      scope,
      person,
      await store.sharing.partnerShares.listByStatus(['pending'], { limit: 50 }),
    );
  }

  get(shareId: string): Promise<PartnerShare | undefined> {
    return this.deps.store.sharing.partnerShares.get(shareId);
  }

  private checkDecider(
    decider: Person,
    share: PartnerShare | undefined,
    sharer: Person | undefined,
  ): { kind: 'refused'; refusal: SharingRefusal } | undefined {
    if (!share) return refusal('not_found', 'That partner share does not exist.');
    if (!canDecide(decider))
      return refusal('not_an_approver', 'Only a supervisor or an administrator can decide a partner share.');
    if (share.sharerAadObjectId === decider.aadObjectId)
      return refusal('own_share', 'You cannot approve your own partner share: another supervisor has to.');
    if (share.status !== 'pending')
      return refusal('not_pending', `This share has already been decided (it is ${share.status}).`);
    const scope = { scope: this.deps.scope, requester: sharer };
    if (!decidesFor(decider, scope))
      return refusal('not_an_approver', `Only ${whoCanDecide(scope)} can decide this partner share.`);
    return undefined;
  }

  private async refused(
    actor: Person,
    shareId: string,
    action: string,
    r: { kind: 'refused'; refusal: SharingRefusal },
  ): Promise<PartnerOutcome> {
    await auditRefusal(this.deps.store.audit, actor, partnerTarget(shareId), action, r.refusal);
    return r;
  }
}
