/**
 * Sharing recordings with colleagues: one request naming several people, decided person by person.
 * Each person gets an ordinary access request of their own (so the grant job, the share-link card,
 * expiry and revocation are the access flow's own), grouped under one share that the approval card
 * shows. Nobody is given more than the sharer holds: not longer, not stronger, and not at all once
 * the sharer's own access has ended. A supervisor or admin sharing decides it themselves, audited.
 */
import { randomUUID } from 'node:crypto';
import { decidesFor, whoCanDecide, type ApprovalScope } from '../access/authorise';
import { recordDecision } from '../access/decision';
import { checkRequestForm, MAX_REASON_CHARS, type DurationPolicy } from '../access/form';
import { canDecide, type Person } from '../people';
import type { AccessLevel, AccessRequest, Store } from '../ports/store';
import type { Recording } from '../recording';
import { decidableBy, ownAccess, sharesOnOwnAuthority, wholeDaysLeft } from './entitlement';
import type { ShareGroup, SharingStoreExtension } from './ports';
import { resolveRecipients } from './recipients';
import { auditRefusal, refusal, type SharingRefusal } from './refusal';
import { SHARE_ROUTE_JOB, shareTarget, type ShareRouting, type ShareRoutingNotifier } from './share-routing';

export interface ColleagueShareInput {
  /** The form or command instance: the same one twice makes one share. */
  formToken: string;
  recordings: Recording[];
  /** Names, emails or Entra object ids, as typed or picked. */
  recipients: string[];
  reason: string | null;
  caseReference: string | null;
  access: AccessLevel | null;
  durationDays: number | null;
}

export type ShareOutcome =
  | { kind: 'refused'; refusal: SharingRefusal }
  | { kind: 'shared'; group: ShareGroup; created: boolean; approverReached: boolean };

export interface ShareDecisionInput {
  groupId: string;
  /** Entra object ids of the members approved; every other pending member is rejected. */
  approve: string[];
  comment: string;
  durationDays: number | null;
}

export type ShareDecisionOutcome =
  { kind: 'refused'; refusal: SharingRefusal } | { kind: 'decided'; group: ShareGroup; requests: AccessRequest[] };

export type ShareNotifier = ShareRoutingNotifier;

export interface ColleagueSharingDeps {
  store: Store & SharingStoreExtension;
  policy: DurationPolicy;
  notifier: ShareNotifier;
  routing: ShareRouting;
  /** Who may decide whose shares, as for access requests. */
  scope: ApprovalScope;
  /** When the routing job becomes due: once the first attempt, made as the share is created, must be over. */
  routingGraceMs: number;
  now: () => Date;
  jobEnqueued?: () => void;
}

/** The sharer's ceiling on every recording: the shortest and weakest of what they hold. */
interface Ceiling {
  days: number;
  access: AccessLevel;
}

export class ColleagueSharing {
  constructor(private readonly deps: ColleagueSharingDeps) {}

  async share(sharer: Person, input: ColleagueShareInput): Promise<ShareOutcome> {
    const { store } = this.deps;
    const target = `files:${input.recordings.map((r) => r.fileId).join(',')}`;
    const refused = async (r: { kind: 'refused'; refusal: SharingRefusal }): Promise<ShareOutcome> => {
      await auditRefusal(store.audit, sharer, target, 'share', r.refusal);
      return r;
    };
    const ceiling = await this.ceiling(sharer, input.recordings);
    if ('kind' in ceiling) return refused(ceiling);
    const resolved = resolveRecipients(input.recipients, await store.people.list());
    if (!resolved.ok) return refused(refusal('not_on_roster', resolved.problems.join(' ')));
    if (resolved.people.length === 0) return refused(refusal('invalid', 'Name at least one colleague to share with.'));
    if (resolved.people.some((p) => p.aadObjectId === sharer.aadObjectId))
      return refused(refusal('yourself', 'You cannot share with yourself: you already have this access.'));
    const days = input.durationDays ?? Math.min(this.deps.policy.defaultDurationDays, ceiling.days);
    if (days > ceiling.days) {
      return refused(
        refusal(
          'too_long',
          `You can share for at most ${ceiling.days} ${ceiling.days === 1 ? 'day' : 'days'}: ${sharesOnOwnAuthority(sharer) ? 'the longest access policy allows' : 'no longer than your own access lasts'}.`,
        ),
      );
    }
    const access = input.access ?? 'view';
    if (access === 'download' && ceiling.access !== 'download')
      return refused(refusal('too_strong', 'Your own access is view only, so you can share view-only access only.'));
    const caseReference = input.caseReference ?? (await this.caseReferenceOf(sharer, input.recordings));
    if (!caseReference)
      return refused(
        refusal(
          'invalid',
          'This recording is not linked to a case yet: say which, e.g. "share <file> with <names> for case 5212345/26", or fill in the case on the form.',
        ),
      );
    const reason = (input.reason ?? '').trim() || `Shared by ${sharer.name} with the investigation team.`;
    const check = checkRequestForm(
      {
        caseReference: caseReference ?? '',
        reason,
        access,
        justification: access === 'download' ? `Shared by ${sharer.name}, who may download.` : '',
        durationDays: days,
      },
      this.deps.policy,
    );
    if (!check.ok) return refused(refusal('invalid', check.problem));
    const direct = sharesOnOwnAuthority(sharer);
    const groupId = randomUUID();
    const { created, group } = await store.sharingTransaction(async (tx) => {
      const existing = await tx.shareGroups.create({
        id: groupId,
        idempotencyKey: `${sharer.aadObjectId}:${input.formToken}`,
        sharerAadObjectId: sharer.aadObjectId,
        recordings: input.recordings.map((r) => ({ boxFileId: r.fileId, fileName: r.fileName })),
        caseReference: check.form.caseReference,
        reason: check.form.reason,
        access,
        durationDays: days,
        direct,
      });
      if (!existing.created) return existing;
      for (const person of resolved.people) {
        const made = await tx.requests.create({
          idempotencyKey: `share:${groupId}:${person.aadObjectId}`,
          requesterAadObjectId: person.aadObjectId,
          recordings: input.recordings.map((r) => ({ boxFileId: r.fileId, fileName: r.fileName })),
          caseReference: check.form.caseReference,
          reason: truncate(`Shared by ${sharer.name}: ${check.form.reason}`, MAX_REASON_CHARS),
          access,
          downloadJustification: check.form.downloadJustification,
          durationDays: days,
        });
        await tx.shareGroups.addMember(groupId, person.aadObjectId, made.request.id);
      }
      const group = (await tx.shareGroups.get(groupId))!;
      await tx.audit.append({
        actor: sharer.aadObjectId,
        action: direct ? 'shared_directly' : 'share_requested',
        target: shareTarget(groupId),
        details: {
          recordings: input.recordings.map((r) => r.fileId),
          with: resolved.people.map((p) => p.aadObjectId),
          requests: group.members.map((m) => m.requestId),
          caseReference: check.form.caseReference,
          access,
          durationDays: days,
        },
      });
      if (!direct) {
        await tx.jobs.enqueue({
          kind: SHARE_ROUTE_JOB.kind,
          uniqueKey: SHARE_ROUTE_JOB.uniqueKey(groupId),
          payload: SHARE_ROUTE_JOB.payload(groupId),
          runAt: new Date(this.deps.now().getTime() + this.deps.routingGraceMs),
        });
      }
      if (direct) {
        for (const member of group.members) {
          await recordDecision(tx, sharer, {
            requestId: member.requestId,
            decision: 'approved',
            comment: 'Shared directly by a supervisor or administrator.',
            approvedDurationDays: null,
            details: { shareGroup: groupId, direct: true },
          });
        }
      }
      return { created: true, group };
    });
    if (!created) {
      const approverReached = group.direct || (await this.deps.routing.wasRouted(shareTarget(group.id)));
      return { kind: 'shared', group, created, approverReached };
    }
    this.deps.jobEnqueued?.();
    if (direct) return { kind: 'shared', group, created, approverReached: true };
    const approverReached = await this.deps.routing.routeGroup(group, sharer);
    return { kind: 'shared', group, created, approverReached };
  }

  /** A supervisor approves some members and not others, all at once, each within the sharer's ceiling. */
  async decide(decider: Person, input: ShareDecisionInput): Promise<ShareDecisionOutcome> {
    const { store } = this.deps;
    const group = await store.sharing.shareGroups.get(input.groupId);
    const refused = async (r: { kind: 'refused'; refusal: SharingRefusal }): Promise<ShareDecisionOutcome> => {
      await auditRefusal(store.audit, decider, shareTarget(input.groupId), 'decideShare', r.refusal);
      return r;
    };
    if (!group) return refused(refusal('not_found', 'That share does not exist (any more).'));
    if (!canDecide(decider))
      return refused(refusal('not_an_approver', 'Only a supervisor or an administrator can decide a share.'));
    if (group.sharerAadObjectId === decider.aadObjectId)
      return refused(refusal('own_share', 'You cannot decide your own share: another supervisor has to.'));
    const requests = await this.requestsOf(group);
    if (!requests.some((r) => r.status === 'pending'))
      return refused(refusal('not_pending', 'This share has already been decided.'));
    const sharer = await store.people.findByAadObjectId(group.sharerAadObjectId);
    const scope = { scope: this.deps.scope, requester: sharer };
    if (!decidesFor(decider, scope))
      return refused(refusal('not_an_approver', `Only ${whoCanDecide(scope)} can decide this share.`));
    let days = Math.min(input.durationDays ?? group.durationDays, group.durationDays, this.deps.policy.maxDurationDays);
    let comment = input.comment.trim() || null;
    let approve = new Set(input.approve);
    if (sharer && !sharesOnOwnAuthority(sharer)) {
      const ceiling = await this.ceiling(
        sharer,
        group.recordings.map((r) => ({ fileId: r.boxFileId, fileName: r.fileName }) as Recording),
      );
      if ('kind' in ceiling) {
        // The sharer's own access ended while the share waited: nobody may get it from them now.
        approve = new Set();
        comment = ceiling.refusal.message;
      } else {
        days = Math.min(days, ceiling.days);
      }
    }
    if (days < 1) return refused(refusal('invalid', 'Choose a duration of at least 1 day.'));
    await store.transaction(async (tx) => {
      for (const request of requests) {
        if (request.status !== 'pending' || request.requesterAadObjectId === decider.aadObjectId) continue;
        const approved = approve.has(request.requesterAadObjectId);
        await recordDecision(tx, decider, {
          requestId: request.id,
          decision: approved ? 'approved' : 'rejected',
          comment: comment ?? (approved ? null : 'Not approved in the share decision.'),
          approvedDurationDays: approved ? Math.min(days, request.durationDays) : null,
          details: { shareGroup: group.id },
        });
      }
    });
    this.deps.jobEnqueued?.();
    // The other deciders' copies lose their buttons, so nobody decides it again.
    await this.deps.notifier.shareChanged(group.id);
    return { kind: 'decided', group, requests: await this.requestsOf(group) };
  }

  /** Shares waiting for a decision that this person may take (not their own, within APPROVAL_SCOPE). */
  async pendingFor(person: Person): Promise<ShareGroup[]> {
    if (!canDecide(person)) return [];
    const { store, scope } = this.deps;
    return decidableBy(store.people, scope, person, await store.sharing.shareGroups.listPending(50));
  }

  async get(groupId: string): Promise<{ group: ShareGroup; requests: AccessRequest[] } | undefined> {
    const group = await this.deps.store.sharing.shareGroups.get(groupId);
    return group ? { group, requests: await this.requestsOf(group) } : undefined;
  }

  private async requestsOf(group: ShareGroup): Promise<AccessRequest[]> {
    const requests = await Promise.all(group.members.map((m) => this.deps.store.requests.get(m.requestId)));
    return requests.filter((r): r is AccessRequest => r !== undefined);
  }

  private async ceiling(
    sharer: Person,
    recordings: Array<Pick<Recording, 'fileId' | 'fileName'>>,
  ): Promise<Ceiling | { kind: 'refused'; refusal: SharingRefusal }> {
    if (recordings.length === 0) return refusal('not_found', 'Name a recording you have access to.');
    if (sharesOnOwnAuthority(sharer)) return { days: this.deps.policy.maxDurationDays, access: 'download' };
    const now = this.deps.now();
    let ceiling: Ceiling = { days: this.deps.policy.maxDurationDays, access: 'download' };
    for (const recording of recordings) {
      const own = await ownAccess(this.deps.store.requests, sharer, recording.fileId, now);
      if (own.kind === 'none')
        return refusal(
          'no_access',
          `You have no access to ${recording.fileName}, so you cannot share it. Request access first.`,
        );
      if (own.kind === 'ended')
        return refusal(
          'own_access_expired',
          `Your own access to ${recording.fileName} has ended, so you cannot share it any more.`,
        );
      const days = wholeDaysLeft(own.expiresAt, now);
      if (days < 1)
        return refusal(
          'own_access_expired',
          `Your own access to ${recording.fileName} ends in less than a day, so it cannot be shared.`,
        );
      ceiling = { days: Math.min(ceiling.days, days), access: own.access === 'view' ? 'view' : ceiling.access };
    }
    return ceiling;
  }

  /** The case the sharer's own access was granted for, or the recording's case in Box. */
  private async caseReferenceOf(sharer: Person, recordings: Recording[]): Promise<string | null> {
    const fileIds = new Set(recordings.map((r) => r.fileId));
    const own = (await this.deps.store.requests.listByRequester(sharer.aadObjectId, { limit: 200 })).find((r) =>
      r.recordings.some((g) => fileIds.has(g.boxFileId)),
    );
    return own?.caseReference ?? recordings.find((r) => r.caseReference)?.caseReference ?? null;
  }
}

function truncate(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/**
 * For the access flow: a request that came from a share is decided on the share card, which checks
 * the sharer's own access again at the moment of the decision.
 */
export function decidedOnShareCard(
  store: SharingStoreExtension,
): (request: AccessRequest) => Promise<string | undefined> {
  return async (request) => {
    const group = await store.sharing.shareGroups.findByRequest(request.id);
    return group
      ? `This access comes from a share with colleagues: decide it on the share card (type **shares** to see it; share id ${group.id}).`
      : undefined;
  };
}
