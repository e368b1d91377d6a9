/**
 * Draws the sharing cards from stored state for one viewer: names from the roster, recordings from
 * Box (cached by the catalog), and what the viewer may do decided here from the roster and the
 * store, never from the card that was clicked.
 */
import {
  channelRecordingCard,
  partnerShareCard,
  recordingSummary,
  shareCard,
  type AdaptiveCard,
  type MemberState,
  type PartnerShareView,
  type RecordingSummary,
  type ViewerState,
} from '../../cards';
import type { RecordingCatalog } from '../../footage/access';
import { activeGrantsFor } from '../../footage/access/active-grants';
import { decidesFor, type ApprovalScope } from '../../footage/access/authorise';
import { eligibleApprovers } from '../../footage/access/routing';
import { canDecide, type Person } from '../../footage/people';
import type { AccessRequest, AccessRequestStatus, Store } from '../../footage/ports/store';
import type { Partner, PartnerShare, ShareGroup, SharingStoreExtension } from '../../footage/sharing';

const MEMBER_STATE: Readonly<Record<AccessRequestStatus, MemberState>> = {
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

export class SharingViews {
  constructor(
    private readonly deps: {
      store: Store & SharingStoreExtension;
      catalog: RecordingCatalog;
      partners: readonly Partner[];
      scope: ApprovalScope;
      now: () => Date;
    },
  ) {}

  async shareCard(
    group: ShareGroup,
    requests: AccessRequest[],
    viewer: Person | null,
    problem?: string,
  ): Promise<AdaptiveCard> {
    const people = new Map((await this.deps.store.people.list()).map((p) => [p.aadObjectId, p]));
    const sharer = people.get(group.sharerAadObjectId);
    const byId = new Map(requests.map((r) => [r.requesterAadObjectId, r]));
    const decided = requests.find((r) => r.decidedBy);
    const audience = sharer ? eligibleApprovers(sharer, [...people.values()], this.deps.scope) : [];
    return shareCard({
      groupId: group.id,
      sharer: sharer?.name ?? 'An officer no longer on the roster',
      recordings: await this.recordings(
        group.recordings.map((r) => r.boxFileId),
        group.recordings.map((r) => r.fileName),
      ),
      caseReference: group.caseReference,
      reason: group.reason,
      access: group.access,
      durationDays: group.durationDays,
      direct: group.direct,
      members: group.members.map((m) => {
        const request = byId.get(m.recipientAadObjectId);
        return {
          id: m.recipientAadObjectId,
          name: people.get(m.recipientAadObjectId)?.name ?? 'Someone no longer on the roster',
          state: request ? MEMBER_STATE[request.status] : 'pending',
          expiresAt: request?.expiresAt ?? null,
        };
      }),
      decidedBy: decided?.decidedBy ? (people.get(decided.decidedBy)?.name ?? 'a supervisor') : null,
      refreshUserIds: [sharer, ...audience].flatMap((p) => (p?.teamsId ? [p.teamsId] : [])),
      canDecide: viewer !== null && this.decides(viewer, sharer) && viewer.aadObjectId !== group.sharerAadObjectId,
      ...(problem ? { problem } : {}),
    });
  }

  async partnerCard(share: PartnerShare, viewer: Person | null, problem?: string): Promise<AdaptiveCard> {
    const people = new Map((await this.deps.store.people.list()).map((p) => [p.aadObjectId, p]));
    const sharer = people.get(share.sharerAadObjectId);
    const isSharer = viewer?.aadObjectId === share.sharerAadObjectId;
    const decider = viewer !== null && canDecide(viewer);
    const live = share.status === 'granted';
    const audience = [sharer, ...(sharer ? eligibleApprovers(sharer, [...people.values()], this.deps.scope) : [])];
    const view: PartnerShareView = {
      shareId: share.id,
      partnerName: this.deps.partners.find((p) => p.id === share.partnerId)?.name ?? share.partnerId,
      email: share.email,
      sharer: sharer?.name ?? 'An officer no longer on the roster',
      recording: (await this.recordings([share.boxFileId], [share.fileName]))[0],
      caseReference: share.caseReference,
      reason: share.reason,
      durationDays: share.durationDays,
      status: share.status,
      decidedBy: share.decidedBy ? (people.get(share.decidedBy)?.name ?? 'a supervisor') : null,
      comment: share.decisionComment,
      expiresAt: share.expiresAt,
      download: share.downloadState,
      downloadJustification: share.downloadJustification,
      error: share.error,
      may: {
        decide: viewer !== null && this.decides(viewer, sharer) && !isSharer && share.status === 'pending',
        revoke: decider && (live || share.status === 'approved' || share.status === 'granting'),
        askDownload:
          (isSharer || decider) && live && (share.downloadState === 'none' || share.downloadState === 'rejected'),
        decideDownload:
          viewer?.role === 'admin' &&
          share.downloadState === 'requested' &&
          viewer.aadObjectId !== share.downloadRequestedBy &&
          !isSharer,
      },
      refreshUserIds: audience.flatMap((p) => (p?.teamsId ? [p.teamsId] : [])),
      ...(problem ? { problem } : {}),
    };
    return partnerShareCard(view);
  }

  /** Whether the viewer may decide the sharer's shares under APPROVAL_SCOPE (the domain checks again). */
  private decides(viewer: Person, sharer: Person | undefined): boolean {
    return decidesFor(viewer, { scope: this.deps.scope, requester: sharer });
  }

  /** The recording card of a channel, as one viewer sees it (or, with no viewer, as anyone does). */
  async channelCard(fileId: string, viewer: Person | null): Promise<AdaptiveCard | undefined> {
    const recording = await this.deps.catalog.get(fileId);
    if (!recording) return undefined;
    const audience = (await this.deps.store.people.list()).flatMap((p) => (p.teamsId ? [p.teamsId] : []));
    let state: ViewerState = { kind: 'anyone' };
    if (viewer) {
      const grant = (await activeGrantsFor(this.deps.store, viewer.aadObjectId, this.deps.now())).get(fileId);
      state = grant
        ? { kind: 'granted', openUrl: grant.openUrl, expiresAt: grant.expiresAt, canShare: true }
        : { kind: 'none', canDecide: canDecide(viewer) };
    }
    return channelRecordingCard({ recording: recordingSummary(recording), audience, state });
  }

  private async recordings(fileIds: string[], names: string[]): Promise<RecordingSummary[]> {
    const { found } = await this.deps.catalog.getMany(fileIds);
    return fileIds.map((id, i) => {
      const recording = found.find((r) => r.fileId === id);
      return recording
        ? recordingSummary(recording)
        : {
            fileId: id,
            fileName: names[i] ?? id,
            cameraId: '?',
            cameraName: 'No longer in Box',
            borough: '',
            from: new Date(0),
            to: new Date(0),
          };
    });
  }
}
