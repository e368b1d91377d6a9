/**
 * The access flow's decisions: submitting a request, routing it to approvers, deciding it and
 * revoking access. Every rule is checked here against the store (never against what a card says),
 * every step is audited, and anything that must happen in Box is left to a durable job enqueued in
 * the same transaction as the decision that calls for it.
 */
import { formatLondonDateTime } from '../london-time';
import { MESSAGES } from '../messages';
import { canDecide, type Person } from '../people';
import type { AccessRequest, ConversationAddress, Decision, Store } from '../ports/store';
import { SETTING_KEYS } from '../ports/store';
import type { Recording } from '../recording';
import { audit, requestTarget } from './audit';
import {
  checkDecision,
  checkRequesterListed,
  checkRevocation,
  decidesFor,
  REVOCABLE_STATUSES,
  viewerRoleOf,
  type ApprovalScope,
  type Refusal,
  type ViewerRole,
} from './authorise';
import type { BoxUserLookup } from './box-users';
import type { RecordingCatalog } from './catalog';
import { recordDecision } from './decision';
import { checkRequestForm, type DurationPolicy, type RequestFormInput } from './form';
import { ACCESS_JOB_KINDS, requestJobPayload, revokeJobKey } from './jobs';
import type { AccessNotifier } from './notifier';
import { ACCESS_ROUTE_JOB, accessRequestSubjects, routedRequest, Router } from './routing-job';

export interface AccessServiceDeps {
  store: Store;
  catalog: RecordingCatalog;
  boxUsers: BoxUserLookup;
  notifier: AccessNotifier;
  policy: DurationPolicy;
  /** Called after a job is enqueued, so a local worker can start on it without waiting to poll. */
  jobEnqueued?: () => void;
  /** Who may decide whose requests (default: supervisors their own borough's, admins any). */
  approvalScope?: ApprovalScope;
  /**
   * When the routing job becomes due: long enough for the first attempt, made as the request is
   * submitted, to be over (it is the safety net for a bot that stopped halfway). Default a minute.
   */
  routingGraceMs?: number;
  now?: () => Date;
  /**
   * Requests decided elsewhere (a colleague share, whose card re-checks the sharer's own access):
   * the reason to give instead of deciding them here, undefined for ordinary requests.
   */
  decidedElsewhere?: (request: AccessRequest) => Promise<string | undefined>;
}

export interface SubmitInput {
  /** The form instance: the same form submitted twice makes one request. */
  formToken: string;
  fileIds: readonly string[];
  form: RequestFormInput;
}

export type SubmitOutcome =
  | { kind: 'unknown_recordings'; missing: string[] }
  | { kind: 'invalid'; problem: string; recordings: Recording[] }
  | {
      kind: 'submitted';
      request: AccessRequest;
      created: boolean;
      requesterHasBoxUser: boolean;
      approverReached: boolean;
    };

export interface DecideInput {
  requestId: string;
  decision: Decision;
  comment: string;
  /** The approver's choice; null means "as asked". */
  durationDays: number | null;
}

export type DecideOutcome =
  | { kind: 'refused'; refusal: Refusal }
  /** The comment must be fixed first (missing for a rejection, or too long): say `problem` on the approver's card. */
  | { kind: 'fix_comment'; request: AccessRequest; problem: string }
  | { kind: 'decided'; request: AccessRequest };

export type RevokeOutcome = { kind: 'refused'; refusal: Refusal } | { kind: 'revoked'; request: AccessRequest };

/** Whether any approver or the approvals channel got the approval card. */
export async function wasRouted(store: Pick<Store, 'requests'>, requestId: string): Promise<boolean> {
  return (await store.requests.listCards(requestId)).some((card) => card.kind === 'approval');
}

/** As long as a request's reason: the comment is shown on every card about the decision. */
export const MAX_COMMENT_CHARS = 500;

/** Shortest request id prefix `revoke` accepts: long enough that two requests practically never share it. */
export const MIN_REQUEST_ID_PREFIX = 8;

export class AccessService {
  constructor(private readonly deps: AccessServiceDeps) {}

  get policy(): DurationPolicy {
    return this.deps.policy;
  }

  get scope(): ApprovalScope {
    return this.deps.approvalScope ?? 'borough';
  }

  async submit(requester: Person, input: SubmitInput): Promise<SubmitOutcome> {
    const { store, catalog, boxUsers } = this.deps;
    const { found, missing } = await catalog.getMany(input.fileIds);
    if (missing.length > 0 || found.length === 0) return { kind: 'unknown_recordings', missing };
    const check = checkRequestForm(input.form, this.deps.policy);
    if (!check.ok) return { kind: 'invalid', problem: check.problem, recordings: found };
    const requesterHasBoxUser = await boxUsers.exists(requester.email);
    const { created, request } = await store.transaction(async (tx) => {
      const result = await tx.requests.create({
        idempotencyKey: `${requester.aadObjectId}:${input.formToken}`,
        requesterAadObjectId: requester.aadObjectId,
        recordings: found.map((r) => ({ boxFileId: r.fileId, fileName: r.fileName })),
        ...check.form,
      });
      if (result.created) {
        const now = this.deps.now?.() ?? new Date();
        await tx.jobs.enqueue({
          kind: ACCESS_ROUTE_JOB.kind,
          uniqueKey: ACCESS_ROUTE_JOB.uniqueKey(result.request.id),
          payload: ACCESS_ROUTE_JOB.payload(result.request.id),
          runAt: new Date(now.getTime() + (this.deps.routingGraceMs ?? 60_000)),
        });
        await tx.audit.append({
          actor: requester.aadObjectId,
          action: 'requested',
          target: requestTarget(result.request.id),
          details: {
            recordings: found.map((r) => r.fileId),
            caseReference: check.form.caseReference,
            access: check.form.access,
            durationDays: check.form.durationDays,
            requesterHasBoxUser,
          },
        });
      }
      return result;
    });
    const approverReached = created ? await this.route(request, requester) : await this.wasRouted(request.id);
    return { kind: 'submitted', request, created, requesterHasBoxUser, approverReached };
  }

  wasRouted(requestId: string): Promise<boolean> {
    return wasRouted(this.deps.store, requestId);
  }

  async decide(decider: Person, input: DecideInput): Promise<DecideOutcome> {
    const { store } = this.deps;
    const verb = input.decision === 'approved' ? 'approve' : 'reject';
    const request = await store.requests.get(input.requestId);
    const requester = request ? await store.people.findByAadObjectId(request.requesterAadObjectId) : undefined;
    // A colleague share's members are decided on the share card, which re-checks the sharer's own
    // access; their requests name the colleague, so the scope check below would ask the wrong question.
    const elsewhere = request?.status === 'pending' ? await this.deps.decidedElsewhere?.(request) : undefined;
    if (elsewhere) return this.refused(decider, input.requestId, verb, { code: 'invalid_action', message: elsewhere });
    // Someone who left (or lost their role) cannot be approved by anyone: said before who could have.
    if (request?.status === 'pending' && canDecide(decider)) {
      const listed = checkRequesterListed(requester, input.decision);
      if (!listed.ok) return this.refused(decider, input.requestId, verb, listed.refusal);
    }
    const check = checkDecision(decider, request, input, this.deps.policy.maxDurationDays, {
      scope: this.scope,
      requester,
    });
    if (!check.ok) return this.refused(decider, input.requestId, verb, await this.explain(check.refusal, request));
    const comment = input.comment.trim() || null;
    if (input.decision === 'rejected' && !comment)
      return {
        kind: 'fix_comment',
        request: request as AccessRequest,
        problem: 'Give a reason to reject: the officer will see it.',
      };
    if (comment && comment.length > MAX_COMMENT_CHARS) {
      return {
        kind: 'fix_comment',
        request: request as AccessRequest,
        problem: `Shorten the comment to at most ${MAX_COMMENT_CHARS} characters.`,
      };
    }
    const result = await store.transaction((tx) =>
      recordDecision(tx, decider, {
        requestId: input.requestId,
        decision: input.decision,
        comment,
        approvedDurationDays: check.approvedDurationDays,
      }),
    );
    if (result.outcome === 'not_found')
      return this.refused(decider, input.requestId, verb, { code: 'not_found', message: MESSAGES.requestNotFound });
    if (result.outcome === 'not_pending') {
      // Another click got there first (on this instance or another): the first decision stands.
      return this.refused(
        decider,
        input.requestId,
        verb,
        await this.explain({ code: 'not_pending', message: '' }, result.request),
      );
    }
    if (input.decision === 'approved') this.deps.jobEnqueued?.();
    await this.deps.notifier.requestChanged(input.requestId);
    if (input.decision === 'rejected') await this.deps.notifier.requestRejected(result.request);
    return { kind: 'decided', request: result.request };
  }

  async revoke(revoker: Person, requestId: string): Promise<RevokeOutcome> {
    const { store } = this.deps;
    const request = await store.requests.get(requestId);
    const check = checkRevocation(revoker, request);
    if (!check.ok) return this.refused(revoker, requestId, 'revoke', check.refusal);
    const moved = await store.transaction(async (tx) => {
      const result = await tx.requests.transition(requestId, {
        from: REVOCABLE_STATUSES,
        to: 'revoked',
        revokedBy: revoker.aadObjectId,
      });
      if (result.outcome !== 'transitioned') return result;
      await tx.audit.append({
        actor: revoker.aadObjectId,
        action: 'revoked',
        target: requestTarget(requestId),
        details: { previousStatus: request?.status ?? null },
      });
      await tx.jobs.enqueue({
        kind: ACCESS_JOB_KINDS.revoke,
        uniqueKey: revokeJobKey(requestId),
        payload: requestJobPayload(requestId),
      });
      return result;
    });
    if (moved.outcome !== 'transitioned') {
      const refusal = checkRevocation(revoker, moved.outcome === 'not_found' ? undefined : moved.request);
      return this.refused(
        revoker,
        requestId,
        'revoke',
        refusal.ok
          ? { code: 'not_revocable', message: 'That request changed just now; look at it again.' }
          : refusal.refusal,
      );
    }
    this.deps.jobEnqueued?.();
    await this.deps.notifier.requestChanged(requestId);
    return { kind: 'revoked', request: moved.request };
  }

  /** Records a refused action (audit) and hands the refusal back for the answer. */
  async refuse(actor: Person, target: string, action: string, refusal: Refusal): Promise<Refusal> {
    await audit(this.deps.store.audit, actor.aadObjectId, 'refused', target, {
      action,
      code: refusal.code,
      reason: refusal.message,
    });
    return refusal;
  }

  /** The request with exactly this id (card data carries whole ids). */
  async getRequest(id: string): Promise<AccessRequest | undefined> {
    return this.deps.store.requests.get(id);
  }

  /** What `revoke <id>` names: the full id, or an unambiguous prefix of a request whose access is live. */

  async findRequest(idOrPrefix: string): Promise<AccessRequest | undefined> {
    const wanted = idOrPrefix.trim().toLowerCase().replace(/^#/, '');
    const exact = await this.deps.store.requests.get(wanted);
    if (exact || wanted.length < MIN_REQUEST_ID_PREFIX) return exact;
    const live = await this.deps.store.requests.listByStatus(REVOCABLE_STATUSES, { limit: 5000 });
    const matches = live.filter((r) => r.id.toLowerCase().startsWith(wanted));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Pending requests a person may decide: their borough's first, oldest first within it. Empty for officers. */
  async pendingFor(person: Person): Promise<AccessRequest[]> {
    if (!canDecide(person)) return [];
    const requesters = new Map((await this.deps.store.people.list()).map((p) => [p.aadObjectId, p]));
    const pending = (await this.deps.store.requests.listByStatus(['pending'], { limit: 200 })).filter(
      (r) =>
        r.requesterAadObjectId !== person.aadObjectId &&
        decidesFor(person, { scope: this.scope, requester: requesters.get(r.requesterAadObjectId) }),
    );
    if (!person.borough) return pending;
    const own = (r: AccessRequest): number =>
      requesters.get(r.requesterAadObjectId)?.borough === person.borough ? 0 : 1;
    return [...pending].sort((a, b) => own(a) - own(b));
  }

  async requestsOf(person: Person, limit = 10): Promise<AccessRequest[]> {
    return this.deps.store.requests.listByRequester(person.aadObjectId, { limit });
  }

  /**
   * Which view of a request a person gets: its details only for the requester, those who may decide
   * it (by the requester's borough under the approval scope) and admins.
   */
  async viewerRole(person: Person, request: AccessRequest): Promise<ViewerRole> {
    const requester = await this.deps.store.people.findByAadObjectId(request.requesterAadObjectId);
    return viewerRoleOf(person, request, { scope: this.scope, requester });
  }

  /** An admin, in a channel, chooses it for approval cards. */
  async setApprovalsChannel(
    person: Person,
    channel: ConversationAddress,
  ): Promise<{ ok: true } | { ok: false; refusal: Refusal }> {
    if (person.role !== 'admin') {
      const refusal = await this.refuse(person, `channel:${channel.conversationId}`, 'setApprovalsChannel', {
        code: 'not_an_approver',
        message: 'Only an administrator can choose the approvals channel.',
      });
      return { ok: false, refusal };
    }
    await this.deps.store.settings.set(SETTING_KEYS.approvalsChannel, {
      conversationId: channel.conversationId,
      data: channel.data,
    });
    await audit(
      this.deps.store.audit,
      person.aadObjectId,
      'approvals_channel_set',
      `channel:${channel.conversationId}`,
    );
    return { ok: true };
  }

  /** The first attempt; when no one could be reached the routing job keeps trying later. */
  private async route(request: AccessRequest, requester: Person): Promise<boolean> {
    const router = new Router(
      { store: this.deps.store, scope: this.scope },
      accessRequestSubjects(this.deps.store, this.deps.notifier),
    );
    return router.firstAttempt(routedRequest(request), requester);
  }

  private async refused(
    actor: Person,
    requestId: string,
    action: string,
    refusal: Refusal,
  ): Promise<{ kind: 'refused'; refusal: Refusal }> {
    return { kind: 'refused', refusal: await this.refuse(actor, requestTarget(requestId), action, refusal) };
  }

  /** "Already approved by Sgt Dana Whitfield on Tue 3 Mar 2026 14:05 GMT" beats "not pending". */
  private async explain(refusal: Refusal, request: AccessRequest | undefined): Promise<Refusal> {
    if (refusal.code !== 'not_pending' || !request?.decidedBy || !request.decidedAt)
      return refusal.message ? refusal : { ...refusal, message: 'This request is no longer waiting for a decision.' };
    const decider = await this.deps.store.people.findByAadObjectId(request.decidedBy);
    const how = request.status === 'rejected' ? 'rejected' : 'approved';
    return {
      code: 'not_pending',
      message: `This request was already ${how} by ${decider?.name ?? 'another supervisor'} on ${formatLondonDateTime(request.decidedAt, { zone: true })}.`,
    };
  }
}
