/**
 * What sharing and custody need from durable state and from Box, beyond the access flow's ports.
 * Kept apart from src/footage/ports/ so the two can grow independently; the SQL store implements
 * the repositories (SQLite and PostgreSQL alike) and the Box gateway the Box side.
 */
import type {
  AccessLevel,
  ConversationAddress,
  JsonObject,
  RequestedRecording,
  StoreRepositories,
} from '../ports/store';

// ---------------------------------------------------------------------------------------------
// Colleague shares: one request naming several people, each person an access request of their own

export interface ShareMember {
  recipientAadObjectId: string;
  /** The access request that carries this person's approval, grant, expiry and revocation. */
  requestId: string;
}

export interface ShareGroup {
  id: string;
  idempotencyKey: string;
  sharerAadObjectId: string;
  recordings: RequestedRecording[];
  caseReference: string;
  reason: string;
  access: AccessLevel;
  durationDays: number;
  /** A supervisor or admin shared on their own authority: no approval was asked. */
  direct: boolean;
  members: ShareMember[];
  createdAt: Date;
}

export type NewShareGroup = Omit<ShareGroup, 'id' | 'createdAt' | 'members'>;

export interface ShareGroupRepository {
  /** Idempotent by idempotencyKey: a repeat returns the first group with created false. */
  create(group: NewShareGroup & { id: string }): Promise<{ created: boolean; group: ShareGroup }>;
  /** In the transaction that creates the member's access request. */
  addMember(groupId: string, recipientAadObjectId: string, requestId: string): Promise<void>;
  get(id: string): Promise<ShareGroup | undefined>;
  /** The group an access request belongs to, if it came from a share. */
  findByRequest(requestId: string): Promise<ShareGroup | undefined>;
  /** Groups with at least one member still waiting for a decision, oldest first. */
  listPending(limit: number): Promise<ShareGroup[]>;
}

// ---------------------------------------------------------------------------------------------
// Partner shares: one outside person, one recording, view only unless an admin allows download

export const PARTNER_SHARE_STATUSES = [
  'pending',
  'rejected',
  'approved',
  'granting',
  'granted',
  'failed',
  'revoked',
  'expired',
] as const;
export type PartnerShareStatus = (typeof PARTNER_SHARE_STATUSES)[number];

export const PARTNER_DOWNLOAD_STATES = ['none', 'requested', 'approved', 'rejected'] as const;
export type PartnerDownloadState = (typeof PARTNER_DOWNLOAD_STATES)[number];

/** Statuses under which the partner may (or is about to) see the file in Box. */
export const PARTNER_LIVE_STATUSES: readonly PartnerShareStatus[] = ['approved', 'granting', 'granted'];

export interface PartnerShare {
  id: string;
  idempotencyKey: string;
  sharerAadObjectId: string;
  partnerId: string;
  email: string;
  boxFileId: string;
  fileName: string;
  caseReference: string;
  reason: string;
  durationDays: number;
  status: PartnerShareStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  expiresAt: Date | null;
  collaborationId: string | null;
  downloadState: PartnerDownloadState;
  downloadJustification: string | null;
  downloadRequestedBy: string | null;
  downloadDecidedBy: string | null;
  error: string | null;
  revokedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewPartnerShare = Pick<
  PartnerShare,
  | 'idempotencyKey'
  | 'sharerAadObjectId'
  | 'partnerId'
  | 'email'
  | 'boxFileId'
  | 'fileName'
  | 'caseReference'
  | 'reason'
  | 'durationDays'
>;

export type PartnerMove =
  { outcome: 'moved'; share: PartnerShare } | { outcome: 'refused'; share: PartnerShare } | { outcome: 'not_found' };

export interface PartnerShareRepository {
  create(share: NewPartnerShare): Promise<{ created: boolean; share: PartnerShare }>;
  get(id: string): Promise<PartnerShare | undefined>;
  listByFile(boxFileId: string): Promise<PartnerShare[]>;
  /** Oldest first; `expiresBefore` keeps those whose expiry is at or before it. */
  listByStatus(
    statuses: readonly PartnerShareStatus[],
    options?: { expiresBefore?: Date; limit?: number },
  ): Promise<PartnerShare[]>;
  /** Compare-and-set from pending: the first decision wins. */
  decide(
    id: string,
    input: { decidedBy: string; approved: boolean; comment: string | null; approvedDurationDays: number },
  ): Promise<PartnerMove>;
  /** Compare-and-set between statuses; `revokedBy` is kept with a move to revoked. */
  transition(
    id: string,
    from: readonly PartnerShareStatus[],
    to: PartnerShareStatus,
    extra?: { revokedBy?: string; error?: string | null },
  ): Promise<PartnerMove>;
  setCollaboration(id: string, collaborationId: string | null): Promise<void>;
  /** Compare-and-set of the download state (from one of `from`). */
  moveDownload(
    id: string,
    from: readonly PartnerDownloadState[],
    to: PartnerDownloadState,
    extra: { by: string; justification?: string },
  ): Promise<PartnerMove>;
}

// ---------------------------------------------------------------------------------------------
// Box access events, kept by the bot so that a file's history outlives Box's event retention

export interface BoxAccessEvent {
  eventId: string;
  boxFileId: string;
  /** Box's event type: PREVIEW, DOWNLOAD, ... */
  eventType: string;
  at: Date;
  actorLogin: string | null;
  actorName: string | null;
  /** Box's additional_details, e.g. whether a shared link was used. */
  details: JsonObject;
}

export interface BoxEventRepository {
  /** Inserts the events not seen before (by event id); returns how many were new. */
  saveMany(events: readonly BoxAccessEvent[]): Promise<number>;
  /** Oldest first. */
  listByFile(boxFileId: string): Promise<BoxAccessEvent[]>;
}

// ---------------------------------------------------------------------------------------------
// Approval cards sent about a share, so routing sends each once and a decision redraws every copy

export interface ShareCard {
  /** The share's audit target: `share:<group id>` or `partner-share:<id>`. */
  subject: string;
  /** Whom the copy was sent to (personal chat), null for the approvals channel. */
  recipientAadObjectId: string | null;
  address: ConversationAddress;
  /** The chat platform's id of the message, to update it in place. */
  messageId: string;
  createdAt: Date;
}

export type NewShareCard = Omit<ShareCard, 'createdAt'>;

export interface ShareCardRepository {
  /** Idempotent per (subject, conversation, message). */
  record(card: NewShareCard): Promise<void>;
  /** Oldest first. */
  list(subject: string): Promise<ShareCard[]>;
}

export interface SharingRepositories {
  readonly shareGroups: ShareGroupRepository;
  readonly partnerShares: PartnerShareRepository;
  readonly boxEvents: BoxEventRepository;
  readonly shareCards: ShareCardRepository;
}

/** What the SQL store adds for sharing and custody: its repositories, also inside one transaction. */
export interface SharingStoreExtension {
  readonly sharing: SharingRepositories;
  sharingTransaction<T>(fn: (tx: StoreRepositories & SharingRepositories) => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------------------------------------
// Box

export interface ExternalGrantRequest {
  fileId: string;
  /** The outside person's email: Box invites it, as it does for anyone outside the enterprise. */
  login: string;
  role: 'previewer' | 'viewer';
  expiresAt: Date;
}

/** One page of Box's enterprise event stream. */
export interface BoxEventPage {
  events: BoxAccessEvent[];
  nextStreamPosition: string;
}

export interface BoxSharingPort {
  /** A collaboration for someone outside the enterprise, by email; a retry finds and updates it. */
  grantExternal(request: ExternalGrantRequest): Promise<{ collaborationId: string }>;
  /** Box's default imprint watermark on the file; applying it twice is harmless. */
  applyWatermark(fileId: string): Promise<void>;
  /** Removes the watermark; a file without one is not an error. */
  removeWatermark(fileId: string): Promise<void>;
  isWatermarked(fileId: string): Promise<boolean>;
  /** Previews, downloads and shared-link access from the enterprise's admin_logs stream. */
  accessEvents(streamPosition: string | null, limit: number): Promise<BoxEventPage>;
  /** Streams the current content, returning its SHA-256 in hex (memory stays flat). */
  sha256Of(fileId: string): Promise<string>;
  /** Uploads a new file (the name must be free in the folder); returns its id. */
  uploadNew(folderId: string, fileName: string, content: Buffer): Promise<string>;
}
