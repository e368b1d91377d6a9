import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import type { Person } from '../people';
import type { AccessRequest, Job, Store } from '../ports/store';
import { approvalsChannel } from './approval-routing';
import { audit, describeError, requestTarget, SYSTEM_ACTOR } from './audit';
import type { ApprovalScope } from './authorise';
import { ACCESS_JOB_KINDS, backoffMs, forRequest } from './jobs';
import type { AccessNotifier } from './notifier';
import { planRouting } from './routing';

/**
 * Sending a request's approval cards, durably. The first attempt runs as the request is submitted
 * (the officer's answer says whether anyone was reached); a job enqueued in the same transaction as
 * the request is the safety net: due once the first attempt must be over, it sends whatever is
 * still unsent (a card already recorded is never sent twice), retries while nobody could be
 * reached, and in the end marks the request unroutable and tells the officer. So a bot that dies
 * between storing a request and sending its cards still gets them sent, by itself or another
 * instance.
 */
export interface RouterDeps {
  store: Store;
  notifier: AccessNotifier;
  scope: ApprovalScope;
}

export type RoutingResult = { reached: number; pending: boolean };

export class Router {
  constructor(private readonly deps: RouterDeps) {}

  /** Sends the cards not sent yet; `reached` counts cards sent now or before. */
  async route(request: AccessRequest, requester: Person): Promise<RoutingResult> {
    const { store, notifier } = this.deps;
    const current = await store.requests.get(request.id);
    if (!current || current.status !== 'pending') return { reached: 0, pending: false };
    const cards = (await store.requests.listCards(request.id)).filter((card) => card.kind === 'approval');
    const sentTo = new Set(cards.map((card) => card.recipientAadObjectId));
    const deciders = [...(await store.people.listByRole('supervisor')), ...(await store.people.listByRole('admin'))];
    const plan = planRouting(requester, deciders, this.deps.scope);
    const target = requestTarget(request.id);
    let reached = 0;
    const ask = async (approvers: Person[]): Promise<void> => {
      for (const approver of approvers) {
        if (sentTo.has(approver.aadObjectId)) {
          reached += 1;
          continue;
        }
        if (!(await notifier.askApprover(current, approver))) continue;
        reached += 1;
        await audit(store.audit, SYSTEM_ACTOR, 'routed', target, { to: approver.aadObjectId, via: 'personal' });
      }
    };
    await ask(plan.borough);
    if (reached === 0) await ask(plan.fallback);
    const channel = await approvalsChannel(store);
    if (channel) {
      if (sentTo.has(null)) reached += 1;
      else if (await notifier.askChannel(current, channel)) {
        reached += 1;
        await audit(store.audit, SYSTEM_ACTOR, 'routed', target, { to: channel.conversationId, via: 'channel' });
      }
    }
    return { reached, pending: true };
  }
}

export function routeJobKey(requestId: string): string {
  return `route:${requestId}`;
}

export interface RouteJobDeps extends RouterDeps {
  maxAttempts: number;
  retryBaseMs: number;
}

export class RouteJob implements JobHandler {
  readonly kind = ACCESS_JOB_KINDS.route;
  private readonly router: Router;

  constructor(private readonly deps: RouteJobDeps) {
    this.router = new Router(deps);
  }

  handle(job: Job): Promise<JobOutcome> {
    return forRequest(job, async (requestId) => {
      const { store, notifier } = this.deps;
      const request = await store.requests.get(requestId);
      if (!request || request.status !== 'pending') return { kind: 'done' };
      const requester = await store.people.findByAadObjectId(request.requesterAadObjectId);
      if (!requester) return this.unroutable(request, 'the requester is no longer on the roster');
      let result: RoutingResult;
      try {
        result = await this.router.route(request, requester);
      } catch (error) {
        if (job.attempts < this.deps.maxAttempts)
          return {
            kind: 'retry',
            error: describeError(error),
            delayMs: backoffMs(this.deps.retryBaseMs, job.attempts),
          };
        return this.unroutable(request, describeError(error));
      }
      if (!result.pending || result.reached > 0) {
        if (result.reached > 0) await notifier.requestChanged(requestId);
        return { kind: 'done' };
      }
      if (job.attempts < this.deps.maxAttempts) {
        return {
          kind: 'retry',
          error: 'no one who may decide could be reached',
          delayMs: backoffMs(this.deps.retryBaseMs, job.attempts),
        };
      }
      return this.unroutable(request, 'no one who may decide could be reached');
    });
  }

  /** Given up: audited, and the officer is told the request waits for someone to open `approvals`. */
  private async unroutable(request: AccessRequest, reason: string): Promise<JobOutcome> {
    await audit(this.deps.store.audit, SYSTEM_ACTOR, 'unroutable', requestTarget(request.id), { reason, final: true });
    await this.deps.notifier.requestUnroutable(request);
    return { kind: 'done' };
  }
}
