/**
 * Colleague shares and partner shares as subjects of the access flow's durable approval routing:
 * the same plan (the sharer's borough, then the fallback APPROVAL_SCOPE allows, and the approvals
 * channel), the same first attempt and the same retried job. Only what differs is here: how a
 * share is read, where its sent cards are recorded, and how the sharer is told.
 */
import type { JobHandler } from '../../workers/job-handler';
import type { ApprovalScope } from '../access/authorise';
import { RouteJob, Router, type RoutedSubject, type RouteJobShape, type RoutingSubjects } from '../access/routing-job';
import type { Person } from '../people';
import type { AccessRequest, ConversationAddress, Job, Store } from '../ports/store';
import type { PartnerShare, ShareGroup, SharingStoreExtension } from './ports';

export const SHARE_ROUTE_JOB_KINDS = {
  colleagues: 'share.route',
  partner: 'partner.route',
} as const;

export function shareTarget(groupId: string): string {
  return `share:${groupId}`;
}

export function partnerTarget(shareId: string): string {
  return `partner-share:${shareId}`;
}

function shareIdOf(job: Job): string | undefined {
  const payload = job.payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const id = payload.shareId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

export const SHARE_ROUTE_JOB: RouteJobShape = {
  kind: SHARE_ROUTE_JOB_KINDS.colleagues,
  uniqueKey: (groupId) => `route-share:${groupId}`,
  payload: (shareId) => ({ shareId }),
  idOf: shareIdOf,
};

export const PARTNER_ROUTE_JOB: RouteJobShape = {
  kind: SHARE_ROUTE_JOB_KINDS.partner,
  uniqueKey: (shareId) => `route-partner:${shareId}`,
  payload: (shareId) => ({ shareId }),
  idOf: shareIdOf,
};

/** What routing needs told about colleague shares (the Teams notifier does it). */
export interface ShareRoutingNotifier {
  askShareApprover(group: ShareGroup, approver: Person): Promise<boolean>;
  askShareChannel(group: ShareGroup, channel: ConversationAddress): Promise<boolean>;
  /** Redraws every approval card sent about the share, from its current state. */
  shareChanged(groupId: string): Promise<void>;
  /** Tells the sharer, who heard nobody could be reached, that the share has now been sent. */
  shareRouted(group: ShareGroup): Promise<void>;
  /** Tells the sharer that, after retrying, nobody who may decide could be sent the share. */
  shareUnroutable(group: ShareGroup): Promise<void>;
}

export interface PartnerRoutingNotifier {
  askPartnerApprover(share: PartnerShare, approver: Person): Promise<boolean>;
  askPartnerChannel(share: PartnerShare, channel: ConversationAddress): Promise<boolean>;
  partnerCardsChanged(shareId: string): Promise<void>;
  partnerShareRouted(share: PartnerShare): Promise<void>;
  partnerShareUnroutable(share: PartnerShare): Promise<void>;
}

type RoutedGroup = RoutedSubject & { group: ShareGroup };
type RoutedPartnerShare = RoutedSubject & { share: PartnerShare };

type SharingStore = Pick<Store, 'people' | 'settings' | 'audit' | 'requests'> & SharingStoreExtension;

async function sentTo(store: SharingStore, target: string): Promise<ReadonlySet<string | null>> {
  return new Set((await store.sharing.shareCards.list(target)).map((card) => card.recipientAadObjectId));
}

function groupSubjects(store: SharingStore, notifier: ShareRoutingNotifier): RoutingSubjects<RoutedGroup> {
  return {
    pending: async (id) => {
      const group = await store.sharing.shareGroups.get(id);
      if (!group || group.direct) return undefined;
      const requests = await Promise.all(group.members.map((m) => store.requests.get(m.requestId)));
      return requests.some((r: AccessRequest | undefined) => r?.status === 'pending')
        ? { id, target: shareTarget(id), requesterAadObjectId: group.sharerAadObjectId, group }
        : undefined;
    },
    sentTo: ({ target }) => sentTo(store, target),
    askApprover: ({ group }, approver) => notifier.askShareApprover(group, approver),
    askChannel: ({ group }, channel) => notifier.askShareChannel(group, channel),
    routed: async ({ group }, late) => {
      await notifier.shareChanged(group.id);
      if (late) await notifier.shareRouted(group);
    },
    unroutable: ({ group }) => notifier.shareUnroutable(group),
  };
}

function partnerSubjects(store: SharingStore, notifier: PartnerRoutingNotifier): RoutingSubjects<RoutedPartnerShare> {
  return {
    pending: async (id) => {
      const share = await store.sharing.partnerShares.get(id);
      return share?.status === 'pending'
        ? { id, target: partnerTarget(id), requesterAadObjectId: share.sharerAadObjectId, share }
        : undefined;
    },
    sentTo: ({ target }) => sentTo(store, target),
    askApprover: ({ share }, approver) => notifier.askPartnerApprover(share, approver),
    askChannel: ({ share }, channel) => notifier.askPartnerChannel(share, channel),
    routed: async ({ share }, late) => {
      await notifier.partnerCardsChanged(share.id);
      if (late) await notifier.partnerShareRouted(share);
    },
    unroutable: ({ share }) => notifier.partnerShareUnroutable(share),
  };
}

export interface ShareRoutingDeps {
  store: SharingStore;
  scope: ApprovalScope;
}

/** The first attempt at routing a share, made as it is created (the routing job is the safety net). */
export class ShareRouting {
  private readonly groups: Router<RoutedGroup>;
  private readonly partners: Router<RoutedPartnerShare>;

  constructor(
    private readonly deps: ShareRoutingDeps,
    notifier: ShareRoutingNotifier & PartnerRoutingNotifier,
  ) {
    this.groups = new Router(deps, groupSubjects(deps.store, notifier));
    this.partners = new Router(deps, partnerSubjects(deps.store, notifier));
  }

  routeGroup(group: ShareGroup, sharer: Person): Promise<boolean> {
    const subject = { id: group.id, target: shareTarget(group.id), requesterAadObjectId: sharer.aadObjectId, group };
    return this.groups.firstAttempt(subject, sharer);
  }

  routePartnerShare(share: PartnerShare, sharer: Person): Promise<boolean> {
    const subject = { id: share.id, target: partnerTarget(share.id), requesterAadObjectId: sharer.aadObjectId, share };
    return this.partners.firstAttempt(subject, sharer);
  }

  /** Whether any approval card of the share went out (for a repeated submit). */
  async wasRouted(target: string): Promise<boolean> {
    return (await this.deps.store.sharing.shareCards.list(target)).length > 0;
  }
}

export function shareRouteJobs(
  deps: ShareRoutingDeps & { maxAttempts: number; retryBaseMs: number },
  notifier: ShareRoutingNotifier & PartnerRoutingNotifier,
): JobHandler[] {
  return [
    new RouteJob(deps, SHARE_ROUTE_JOB, groupSubjects(deps.store, notifier)),
    new RouteJob(deps, PARTNER_ROUTE_JOB, partnerSubjects(deps.store, notifier)),
  ];
}
