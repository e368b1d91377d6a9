/**
 * Sending approval cards, durably: for access requests, colleague shares and partner shares alike
 * (each says through a `RoutingSubjects` what it is and how its cards are sent; the rules are these).
 * The first attempt runs as the request or share is made (the person's answer says whether anyone
 * was reached); a job enqueued in the same transaction is the safety net: due once the first
 * attempt must be over, it sends whatever is still unsent (a card already recorded is never sent
 * twice), retries while nobody could be reached, and in the end marks the subject unroutable and
 * tells the person who asked. So a bot that dies between storing a request and sending its cards
 * still gets them sent, by itself or another instance.
 */
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import type { Person } from '../people';
import type { AccessRequest, ConversationAddress, Job, JsonValue, Store } from '../ports/store';
import { approvalsChannel } from './approval-routing';
import { audit, describeError, requestTarget, SYSTEM_ACTOR } from './audit';
import type { ApprovalScope } from './authorise';
import { ACCESS_JOB_KINDS, backoffMs, requestIdOf, requestJobPayload } from './jobs';
import type { AccessNotifier } from './notifier';
import { planRouting } from './routing';

/** Something that waits for a supervisor's decision, as routing sees it. */
export interface RoutedSubject {
  id: string;
  /** Its audit target (`request:…`, `share:…`, `partner-share:…`). */
  target: string;
  /** Who asked: routing follows their borough, and they hear if nobody could be reached. */
  requesterAadObjectId: string;
}

/** One kind of subject: how to read it, whom it has reached already, and how to send its cards. */
export interface RoutingSubjects<S extends RoutedSubject> {
  /** The subject while it still waits for a decision; undefined once decided or gone. */
  pending(id: string): Promise<S | undefined>;
  /** Who already has an approval card: Entra object ids, null for the approvals channel. */
  sentTo(subject: S): Promise<ReadonlySet<string | null>>;
  /** Sends (and records) the card; false when the person could not be reached. */
  askApprover(subject: S, approver: Person): Promise<boolean>;
  askChannel(subject: S, channel: ConversationAddress): Promise<boolean>;
  /**
   * After the job reached someone: redraw the cards already out (the requester's among them);
   * `late` when nobody had been reached before, so the requester was told it waits.
   */
  routed(subject: S, late: boolean): Promise<void>;
  /** Given up: tell the requester it waits for someone to open the queue. */
  unroutable(subject: S): Promise<void>;
}

export interface RouterDeps {
  store: Pick<Store, 'people' | 'settings' | 'audit'>;
  scope: ApprovalScope;
}

/** `late`: someone was reached now though nobody had been before. */
export type RoutingResult = { reached: number; pending: boolean; late: boolean };

export class Router<S extends RoutedSubject> {
  constructor(
    private readonly deps: RouterDeps,
    private readonly subjects: RoutingSubjects<S>,
  ) {}

  /** Sends the cards not sent yet; `reached` counts cards sent now or before. */
  async route(subject: S, requester: Person): Promise<RoutingResult> {
    const { store } = this.deps;
    const current = await this.subjects.pending(subject.id);
    if (!current) return { reached: 0, pending: false, late: false };
    const sentTo = await this.subjects.sentTo(current);
    const deciders = [...(await store.people.listByRole('supervisor')), ...(await store.people.listByRole('admin'))];
    const plan = planRouting(requester, deciders, this.deps.scope);
    let reached = 0;
    const ask = async (approvers: Person[]): Promise<void> => {
      for (const approver of approvers) {
        if (sentTo.has(approver.aadObjectId)) {
          reached += 1;
          continue;
        }
        if (!(await this.subjects.askApprover(current, approver))) continue;
        reached += 1;
        await audit(store.audit, SYSTEM_ACTOR, 'routed', current.target, { to: approver.aadObjectId, via: 'personal' });
      }
    };
    await ask(plan.borough);
    if (reached === 0) await ask(plan.fallback);
    const channel = await approvalsChannel(store);
    if (channel) {
      if (sentTo.has(null)) reached += 1;
      else if (await this.subjects.askChannel(current, channel)) {
        reached += 1;
        await audit(store.audit, SYSTEM_ACTOR, 'routed', current.target, {
          to: channel.conversationId,
          via: 'channel',
        });
      }
    }
    return { reached, pending: true, late: sentTo.size === 0 && reached > 0 };
  }

  /**
   * The first attempt, as the subject is made: true when someone was reached. When nobody was, it
   * is audited as retrying and the routing job carries on.
   */
  async firstAttempt(subject: S, requester: Person): Promise<boolean> {
    const { reached } = await this.route(subject, requester);
    if (reached === 0) {
      await audit(this.deps.store.audit, SYSTEM_ACTOR, 'unroutable', subject.target, {
        reason: 'no supervisor could be reached',
        retrying: true,
      });
    }
    return reached > 0;
  }
}

export function routeJobKey(requestId: string): string {
  return `route:${requestId}`;
}

export interface RouteJobDeps extends RouterDeps {
  maxAttempts: number;
  retryBaseMs: number;
}

/** How one kind of routing job is queued: its kind, and its subject's id in the payload. */
export interface RouteJobShape {
  kind: string;
  uniqueKey(id: string): string;
  payload(id: string): JsonValue;
  idOf(job: Job): string | undefined;
}

export class RouteJob<S extends RoutedSubject> implements JobHandler {
  readonly kind: string;
  private readonly router: Router<S>;

  constructor(
    private readonly deps: RouteJobDeps,
    private readonly shape: RouteJobShape,
    private readonly subjects: RoutingSubjects<S>,
  ) {
    this.kind = shape.kind;
    this.router = new Router(deps, subjects);
  }

  async handle(job: Job): Promise<JobOutcome> {
    const id = this.shape.idOf(job);
    if (!id) return { kind: 'failed', error: `${job.kind} job without a subject id` };
    const subject = await this.subjects.pending(id);
    if (!subject) return { kind: 'done' };
    const requester = await this.deps.store.people.findByAadObjectId(subject.requesterAadObjectId);
    if (!requester) return this.unroutable(subject, 'the requester is no longer on the roster');
    let result: RoutingResult;
    try {
      result = await this.router.route(subject, requester);
    } catch (error) {
      if (job.attempts < this.deps.maxAttempts)
        return { kind: 'retry', error: describeError(error), delayMs: backoffMs(this.deps.retryBaseMs, job.attempts) };
      return this.unroutable(subject, describeError(error));
    }
    if (!result.pending || result.reached > 0) {
      if (result.reached > 0) await this.subjects.routed(subject, result.late);
      return { kind: 'done' };
    }
    if (job.attempts < this.deps.maxAttempts) {
      return {
        kind: 'retry',
        error: 'no one who may decide could be reached',
        delayMs: backoffMs(this.deps.retryBaseMs, job.attempts),
      };
    }
    return this.unroutable(subject, 'no one who may decide could be reached');
  }

  /** Given up: audited, and the requester is told it waits for someone to open the queue. */
  private async unroutable(subject: S, reason: string): Promise<JobOutcome> {
    await audit(this.deps.store.audit, SYSTEM_ACTOR, 'unroutable', subject.target, { reason, final: true });
    await this.subjects.unroutable(subject);
    return { kind: 'done' };
  }
}

// ---------------------------------------------------------------------------------------------
// Access requests as routing subjects

export type RoutedRequest = RoutedSubject & { request: AccessRequest };

export const ACCESS_ROUTE_JOB: RouteJobShape = {
  kind: ACCESS_JOB_KINDS.route,
  uniqueKey: routeJobKey,
  payload: requestJobPayload,
  idOf: requestIdOf,
};

export function routedRequest(request: AccessRequest): RoutedRequest {
  return {
    id: request.id,
    target: requestTarget(request.id),
    requesterAadObjectId: request.requesterAadObjectId,
    request,
  };
}

/** The access flow's routing job. */
export function accessRouteJob(
  deps: RouteJobDeps & { store: Pick<Store, 'requests'>; notifier: AccessNotifier },
): RouteJob<RoutedRequest> {
  return new RouteJob(deps, ACCESS_ROUTE_JOB, accessRequestSubjects(deps.store, deps.notifier));
}

export function accessRequestSubjects(
  store: Pick<Store, 'requests'>,
  notifier: AccessNotifier,
): RoutingSubjects<RoutedRequest> {
  return {
    pending: async (id) => {
      const request = await store.requests.get(id);
      return request?.status === 'pending' ? routedRequest(request) : undefined;
    },
    sentTo: async ({ id }) =>
      new Set(
        (await store.requests.listCards(id))
          .filter((card) => card.kind === 'approval')
          .map((card) => card.recipientAadObjectId),
      ),
    askApprover: ({ request }, approver) => notifier.askApprover(request, approver),
    askChannel: ({ request }, channel) => notifier.askChannel(request, channel),
    routed: ({ id }) => notifier.requestChanged(id),
    unroutable: ({ request }) => notifier.requestUnroutable(request),
  };
}
