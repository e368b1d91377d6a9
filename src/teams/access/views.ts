/**
 * Draws the cards about a request from its stored state: who asked, the recordings (from Box,
 * cached), the decision with names from the roster, and each viewer's own view. Every card the bot
 * sends or updates about a request comes from here, so all copies say the same thing.
 */
import { SYSTEM_ACTOR } from '../../audit';
import {
  approvalCardFor,
  recordingSummary,
  requestStatusCard,
  restrictedView,
  shareLinkCard,
  type AdaptiveCard,
  type GrantedRecording,
  type RecordingSummary,
  type RequestStatus,
  type RequestView,
} from '../../cards';
import {
  openUrlFor,
  viewerRoleOf,
  type AccessRecords,
  type AccessRequest,
  type AccessRequestStatus,
  type BoxUserLookup,
  type RecordingCatalog,
  type RequestCard,
  type ViewerRole,
} from '../../footage/access';
import type { ApprovalScope } from '../../footage/access/authorise';
import { eligibleApprovers } from '../../footage/access/routing';
import type { Person } from '../../footage/people';
import type { BoxPort } from '../../footage/ports/box';
import { logger } from '../../log';

export interface RequestViewsDeps {
  records: AccessRecords;
  catalog: RecordingCatalog;
  boxUsers: BoxUserLookup;
  box: Pick<BoxPort, 'getThumbnail'>;
  /** Who may decide, so that views and refresh lists follow the same rule as decisions. */
  scope: ApprovalScope;
}

const STATUS_FOR_CARDS: Readonly<Record<AccessRequestStatus, RequestStatus>> = {
  pending: 'pending',
  approved: 'approved',
  granting: 'approved',
  granted: 'granted',
  partially_failed: 'failed',
  failed: 'failed',
  rejected: 'rejected',
  expired: 'expired',
  revoked: 'revoked',
};

/** Thumbnails go into the share card as data URIs; larger images would crowd out the card's 80 KB. */
const MAX_THUMBNAIL_BYTES = 24 * 1024;

export class RequestViews {
  constructor(private readonly deps: RequestViewsDeps) {}

  async view(request: AccessRequest): Promise<RequestView> {
    const { records, boxUsers } = this.deps;
    const requester = await records.person(request.requesterAadObjectId);
    const [recordings, hasBoxUser, decider, revoker, routed] = await Promise.all([
      this.recordings(request),
      requester ? boxUsers.exists(requester.email).catch(() => true) : Promise.resolve(false),
      records.person(request.decidedBy),
      records.person(request.revokedBy),
      request.status === 'pending' ? records.wasRouted(request.id) : Promise.resolve(true),
    ]);
    return {
      requestId: request.id,
      status: STATUS_FOR_CARDS[request.status],
      requester: { name: requester?.name ?? 'An officer no longer on the roster', borough: requester?.borough ?? null },
      recordings,
      caseReference: request.caseReference,
      reason: request.reason,
      access: request.access,
      justification: request.downloadJustification,
      durationDays: request.durationDays,
      requestedAt: request.createdAt,
      requesterHasBoxUser: hasBoxUser,
      noApproverReachable: !routed,
      ...(request.decidedAt
        ? {
            decision: {
              by: decider?.name ?? 'A supervisor',
              at: request.decidedAt,
              comment: request.decisionComment,
              ...(request.approvedDurationDays === null ? {} : { durationDays: request.approvedDurationDays }),
            },
          }
        : {}),
      ...(request.expiresAt && request.status !== 'rejected' ? { expiresAt: request.expiresAt } : {}),
      ...(failureOf(request) ? { failure: failureOf(request) } : {}),
      ...(request.revokedAt ? { revocation: { by: revoker?.name ?? 'A supervisor', at: request.revokedAt } } : {}),
    };
  }

  /**
   * Teams user ids whose clients fetch their own view of the card: the requester first, then who
   * may decide. People whose Teams id is not known yet are left out (they see the card as sent).
   */
  async refreshUserIds(request: AccessRequest): Promise<string[]> {
    const people = await this.deps.records.people();
    const requester = people.find((p) => p.aadObjectId === request.requesterAadObjectId);
    const approvers = requester
      ? eligibleApprovers(requester, people, this.deps.scope)
      : people.filter((p) => p.role === 'admin');
    const ids = [requester, ...approvers].flatMap((p) => (p?.teamsId ? [p.teamsId] : []));
    // Teams wants at least one id; the requester's object id in MRI form stands in when none is known.
    return ids.length > 0 ? ids : [`8:orgid:${request.requesterAadObjectId}`];
  }

  /** The card a viewer gets when their client refreshes it, by their role in the stored request. */
  async cardFor(request: AccessRequest, viewer: ViewerRole, notice?: string): Promise<AdaptiveCard> {
    const [view, refreshUserIds] = await Promise.all([this.view(request), this.refreshUserIds(request)]);
    return approvalCardFor(view, viewer, { refreshUserIds, ...(notice ? { notice } : {}) });
  }

  /** The officer's own status card. */
  async statusCard(request: AccessRequest): Promise<AdaptiveCard> {
    const [view, refreshUserIds] = await Promise.all([this.view(request), this.refreshUserIds(request)]);
    return requestStatusCard(view, { refreshUserIds });
  }

  /**
   * What the approvals channel is sent: that the request exists, as anyone in the channel may read
   * it; listed approvers get their own view by refresh, anyone else by "Show details".
   */
  async channelCard(request: AccessRequest): Promise<AdaptiveCard> {
    const refreshUserIds = await this.refreshUserIds(request);
    return restrictedView({ requestId: request.id, status: STATUS_FOR_CARDS[request.status] }, { refreshUserIds });
  }

  /** A stored copy redrawn from the request's current state, as its recipient should see it. */
  async copyCard(request: AccessRequest, copy: RequestCard, recipient: Person | undefined): Promise<AdaptiveCard> {
    switch (copy.kind) {
      case 'status':
        return this.statusCard(request);
      case 'share':
        return this.shareCard(request);
      case 'approval':
        if (!recipient) return this.channelCard(request);
        return this.cardFor(request, await this.roleOf(recipient, request));
    }
  }

  /** The share-link card; once access has ended, it says so and its links and thumbnails go. */
  async shareCard(request: AccessRequest): Promise<AdaptiveCard> {
    const [summaries, decider, revoker] = await Promise.all([
      this.recordings(request),
      this.deps.records.person(request.decidedBy),
      this.deps.records.person(request.revokedBy),
    ]);
    const ended =
      request.status === 'expired'
        ? { kind: 'expired' as const, at: request.expiresAt ?? request.updatedAt }
        : request.status === 'revoked'
          ? {
              kind: 'revoked' as const,
              at: request.revokedAt ?? request.updatedAt,
              by: revoker?.name ?? 'A supervisor',
            }
          : undefined;
    const granted = request.recordings.filter((r) => r.state === 'granted' || ended);
    const recordings: GrantedRecording[] = await Promise.all(
      granted.map(async (grant) => {
        const summary =
          summaries.find((s) => s.fileId === grant.boxFileId) ??
          fallbackSummary(grant.boxFileId, grant.fileName, request.createdAt);
        const thumbnail = ended ? undefined : await this.thumbnail(grant.boxFileId);
        return { ...summary, openUrl: openUrlFor(grant), ...(thumbnail ? { thumbnailDataUri: thumbnail } : {}) };
      }),
    );
    return shareLinkCard({
      recordings,
      expiresAt: request.expiresAt ?? request.updatedAt,
      access: request.access,
      caseReference: request.caseReference,
      approvedBy:
        decider?.name ??
        (request.decidedBy === SYSTEM_ACTOR ? 'Granted on arrival of the footage you requested' : 'A supervisor'),
      ...(ended ? { ended } : {}),
    });
  }

  private async roleOf(person: Person, request: AccessRequest): Promise<ViewerRole> {
    const requester = await this.deps.records.person(request.requesterAadObjectId);
    return viewerRoleOf(person, request, { scope: this.deps.scope, requester });
  }

  async recordings(request: AccessRequest): Promise<RecordingSummary[]> {
    return Promise.all(
      request.recordings.map(async (r) => {
        const recording = await this.deps.catalog.get(r.boxFileId).catch(() => null);
        return recording ? recordingSummary(recording) : fallbackSummary(r.boxFileId, r.fileName, request.createdAt);
      }),
    );
  }

  private async thumbnail(fileId: string): Promise<string | undefined> {
    try {
      const image = await this.deps.box.getThumbnail(fileId);
      if (!image || image.bytes.length > MAX_THUMBNAIL_BYTES || !/^image\/(png|jpeg|gif)$/.test(image.contentType))
        return undefined;
      return `data:${image.contentType};base64,${image.bytes.toString('base64')}`;
    } catch (error) {
      // A card without a thumbnail is still the card the officer needs.
      logger.warn({ err: error, fileId }, 'thumbnail unavailable');
      return undefined;
    }
  }
}

/** Why a grant failed, from the recordings' own errors: safe to show (the bot wrote them). */
function failureOf(request: AccessRequest): string | undefined {
  if (request.status !== 'failed' && request.status !== 'partially_failed') return undefined;
  const error =
    request.recordings.find((r) => r.state === 'failed' && r.error)?.error ?? 'Box did not complete the grant.';
  return request.status === 'partially_failed'
    ? `${error} Some access created before the failure could not be removed yet; it ends when the approval expires.`
    : error;
}

/** A recording Box no longer describes (deleted, metadata gone): named by its file. */
function fallbackSummary(fileId: string, fileName: string, at: Date): RecordingSummary {
  return { fileId, fileName, cameraId: 'unknown camera', cameraName: fileName, borough: 'unknown', from: at, to: at };
}
