/**
 * What the domain needs from durable state. Two implementations (src/store: SQLite embedded, and
 * PostgreSQL for several bot instances) behave the same; every method is async and every
 * compare-and-set is atomic across instances sharing one database.
 */
import type { JsonObject, JsonValue } from '../../audit/canonical-json';
import type { AuditEntry, AuditEntryInput, AuditHead, AuditVerification } from '../../audit/chain';
import type { Person, Role } from '../people';
import type { ChatUploadRepository } from './chat-upload-store';
import type { IntakeRepositories } from './intake-store';

export type { JsonObject, JsonValue } from '../../audit/canonical-json';

// ---------------------------------------------------------------------------------------------
// People (the roster)

export interface RosterReplaceResult {
  total: number;
  added: number;
  changed: number;
  removed: number;
}

export interface PeopleRepository {
  /**
   * Makes the stored roster exactly `people` (one transaction): new people added, changed ones
   * updated, absent ones removed. A teamsId learnt from activities is kept when the roster has none.
   * Refuses (InvalidInputError, nothing changed) duplicate aadObjectIds or emails.
   */
  replaceRoster(people: readonly Person[]): Promise<RosterReplaceResult>;
  findByAadObjectId(aadObjectId: string): Promise<Person | undefined>;
  /** Case-insensitive: Box logins and Teams UPNs differ in case. */
  findByEmail(email: string): Promise<Person | undefined>;
  /** Sorted by name. With `borough`, only people of that borough. */
  listByRole(role: Role, borough?: string): Promise<Person[]>;
  list(): Promise<Person[]>;
  /** Remembers the Teams user id (29:...) seen on an activity; false if the person is not on the roster. */
  setTeamsId(aadObjectId: string, teamsId: string): Promise<boolean>;
  /** Adds or updates one person (a directory confirming them), keeping a learnt teamsId. */
  upsert(person: Person): Promise<void>;
  /** Removes one person (left the directory); false if they were not there. */
  remove(aadObjectId: string): Promise<boolean>;
  /** When the directory last confirmed this person (written by replaceRoster and upsert). */
  confirmedAt(aadObjectId: string): Promise<Date | undefined>;
}

// ---------------------------------------------------------------------------------------------
// Conversation references (for proactive messages)

/**
 * Where the bot can write to a person or a channel again: the chat platform's own address (in
 * Teams, a Bot Framework conversation reference), opaque to the domain and the store. The store keys
 * it by `conversationId` and hands `data` back exactly as given; only the chat layer reads `data`.
 */
export interface ConversationAddress {
  conversationId: string;
  data: JsonObject;
}

export type ConversationScope = 'personal' | 'channel';

export interface StoredAddress {
  address: ConversationAddress;
  updatedAt: Date;
}

export interface PersonConversations {
  /** The 1:1 chat with the bot, the target of proactive messages to this person. */
  personal: StoredAddress | undefined;
  /** The latest channel conversation this person wrote in. */
  channel: StoredAddress | undefined;
}

export interface ConversationRepository {
  /** Upsert; called on every inbound activity. */
  save(aadObjectId: string, scope: ConversationScope, address: ConversationAddress): Promise<void>;
  get(aadObjectId: string): Promise<PersonConversations>;
}

// ---------------------------------------------------------------------------------------------
// Settings

/** Well-known settings keys. */
export const SETTING_KEYS = {
  /** The ConversationAddress of the channel an admin chose for approval cards. */
  approvalsChannel: 'approvalsChannel',
  /** Set once the demo data set is fully in Box; healthz reports ready only after it. */
  demoSeedComplete: 'demoSeedComplete',
  /** The key that seals "Next page" tokens, shared by every instance and kept across restarts. */
  pageTokenKey: 'pageTokenKey',
} as const;

export interface SettingsRepository {
  get(key: string): Promise<JsonValue | undefined>;
  set(key: string, value: JsonValue): Promise<void>;
  /** True if the key existed. */
  delete(key: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Access requests

export type AccessLevel = 'view' | 'download';

export const ACCESS_REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'granting',
  'granted',
  'partially_failed',
  'failed',
  'expired',
  'revoked',
] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

export type Decision = 'approved' | 'rejected';

/** Per-recording progress of the Box grant; the request's status summarizes these. */
export const GRANT_STATES = ['pending', 'granted', 'failed', 'revoked', 'revoke_failed'] as const;
export type GrantState = (typeof GRANT_STATES)[number];

export interface RequestedRecording {
  boxFileId: string;
  fileName: string;
}

export interface RecordingGrant extends RequestedRecording {
  state: GrantState;
  /** Set as soon as the collaboration exists, even if a later step failed (so it can be revoked). */
  collaborationId: string | null;
  sharedLinkUrl: string | null;
  error: string | null;
  updatedAt: Date;
}

export interface NewAccessRequest {
  /** Derived from the submitted form (e.g. requester + card instance): the same form twice makes one request. */
  idempotencyKey: string;
  requesterAadObjectId: string;
  /** At least one, each Box file at most once, in the order the officer picked them. */
  recordings: readonly RequestedRecording[];
  caseReference: string;
  reason: string;
  access: AccessLevel;
  /** Required by policy when access is 'download'; the store only keeps it. */
  downloadJustification: string | null;
  durationDays: number;
}

export interface AccessRequest {
  id: string;
  idempotencyKey: string;
  requesterAadObjectId: string;
  recordings: RecordingGrant[];
  caseReference: string;
  reason: string;
  access: AccessLevel;
  downloadJustification: string | null;
  durationDays: number;
  status: AccessRequestStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionComment: string | null;
  approvedDurationDays: number | null;
  /** decidedAt + approvedDurationDays for an approval: the moment Box access must end. */
  expiresAt: Date | null;
  revokedBy: string | null;
  revokedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DecisionToRecord {
  requestId: string;
  deciderAadObjectId: string;
  decision: Decision;
  comment: string | null;
  /** For approvals: days of access (the approver may shorten the requested duration). Ignored for rejections. */
  approvedDurationDays?: number;
}

/** The outcome of a compare-and-set on a request: it moved, it was in another state (shown as it is), or it does not exist. */
export type CompareAndSetResult<Moved extends string, Refused extends string> =
  { outcome: Moved; request: AccessRequest } | { outcome: Refused; request: AccessRequest } | { outcome: 'not_found' };

/** Exactly one of any number of concurrent decide() calls on one request gets 'decided'. */
export type DecideResult = CompareAndSetResult<'decided', 'not_pending'>;

export interface TransitionInput {
  /** The request moves only if its status is one of these (compare-and-set). */
  from: readonly AccessRequestStatus[];
  to: AccessRequestStatus;
  /** Recorded with a move to 'revoked'. */
  revokedBy?: string;
}

export type TransitionResult = CompareAndSetResult<'transitioned', 'wrong_state'>;

export interface GrantUpdate {
  state: GrantState;
  /** Omitted fields keep their value; null clears. */
  collaborationId?: string | null;
  sharedLinkUrl?: string | null;
  error?: string | null;
}

export type CardKind = 'approval' | 'status' | 'share';

/** One copy of a card the bot sent about a request, so that every copy can be updated later. */
export interface RequestCard {
  requestId: string;
  kind: CardKind;
  /** Whom the copy was sent to (personal chat), undefined/null for a channel. */
  recipientAadObjectId: string | null;
  /** Where the copy is. */
  address: ConversationAddress;
  /** The chat platform's id of the message, to update it in place. */
  messageId: string;
  createdAt: Date;
}

export type NewRequestCard = Omit<RequestCard, 'createdAt'>;

export interface AccessRequestRepository {
  /** Idempotent by idempotencyKey: `created` is false and the first request is returned on a repeat. */
  create(request: NewAccessRequest): Promise<{ created: boolean; request: AccessRequest }>;
  get(id: string): Promise<AccessRequest | undefined>;
  /** Newest first. */
  listByRequester(aadObjectId: string, options?: { limit?: number }): Promise<AccessRequest[]>;
  /** Oldest first. `expiresBefore` keeps only requests whose expiresAt is at or before it (expiry sweep). */
  listByStatus(
    statuses: readonly AccessRequestStatus[],
    options?: { expiresBefore?: Date; limit?: number },
  ): Promise<AccessRequest[]>;
  /**
   * Revoked requests that Box still grants something for (a recording left `revoke_failed` after the
   * revocation's retries), oldest first: the periodic sweep tries again.
   */
  listRevokedNotRemoved(options?: { limit?: number }): Promise<AccessRequest[]>;
  /** Atomic compare-and-set from 'pending': the first decision wins. Authorization is the caller's job. */
  decide(input: DecisionToRecord): Promise<DecideResult>;
  /** Atomic compare-and-set for every later step (approved → granting → granted, granted → expired, ...). */
  transition(requestId: string, input: TransitionInput): Promise<TransitionResult>;
  /** False if the request has no such recording. */
  updateGrant(requestId: string, boxFileId: string, update: GrantUpdate): Promise<boolean>;
  /** Idempotent per (request, conversation, activity). */
  recordCard(card: NewRequestCard): Promise<void>;
  listCards(requestId: string): Promise<RequestCard[]>;
}

// ---------------------------------------------------------------------------------------------
// Durable jobs (grant, expiry, notifications): run exactly once across instances

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: string;
  uniqueKey: string;
  payload: JsonValue;
  status: JobStatus;
  /** When it becomes due (or due again after a failed attempt). */
  runAt: Date;
  /** Claims so far, including the current one. */
  attempts: number;
  lockedBy: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A job handed to one worker. The token proves ownership: once the lease is lost, it no longer works. */
export interface ClaimedJob extends Job {
  claimToken: string;
}

export interface NewJob {
  kind: string;
  payload: JsonValue;
  /** Enqueueing the same key again returns the existing job (whatever its status): e.g. `grant:<requestId>`. */
  uniqueKey: string;
  /** Defaults to now. */
  runAt?: Date;
}

export interface JobQueue {
  enqueue(job: NewJob): Promise<{ created: boolean; job: Job }>;
  /**
   * Hands one due job (queued and due, or running with an expired lease) to this worker only, for
   * `leaseMs`. Undefined when nothing is due. Oldest runAt first.
   */
  claim(workerId: string, leaseMs: number, options?: { kinds?: readonly string[] }): Promise<ClaimedJob | undefined>;
  /** Keeps a long job; false if the lease was already lost to another worker. */
  extendLease(jobId: string, claimToken: string, leaseMs: number): Promise<boolean>;
  /** False if the lease was lost (another worker has it now): the caller must not report success. */
  complete(jobId: string, claimToken: string): Promise<boolean>;
  /** With `retryAt` the job is queued again for then; without, it is failed for good. False if the lease was lost. */
  fail(jobId: string, claimToken: string, failure: { error: string; retryAt?: Date }): Promise<boolean>;
  get(jobId: string): Promise<Job | undefined>;
  /**
   * Deletes done jobs of `kind` last touched before `finishedBefore`; returns how many. For recurring
   * housekeeping jobs (one per period), whose rows would otherwise grow without end; grant and
   * revocation jobs are kept as a record.
   */
  pruneFinished(kind: string, finishedBefore: Date): Promise<number>;
  /** Oldest first; for tests and diagnostics. */
  list(filter?: { kind?: string; status?: JobStatus }): Promise<Job[]>;
}

// ---------------------------------------------------------------------------------------------
// Audit log (append-only, hash-chained)

export interface AuditLog {
  /** Appends under a lock so the chain never forks, also across instances. */
  append(entry: AuditEntryInput): Promise<AuditEntry>;
  /** In chain order. */
  list(options?: { target?: string; afterSeq?: number; limit?: number }): Promise<AuditEntry[]>;
  head(): Promise<AuditHead>;
  /** Walks the whole stored chain against the recorded head. */
  verify(): Promise<AuditVerification>;
}

// ---------------------------------------------------------------------------------------------
// The store

export interface StoreRepositories {
  readonly people: PeopleRepository;
  readonly conversations: ConversationRepository;
  readonly settings: SettingsRepository;
  readonly requests: AccessRequestRepository;
  readonly jobs: JobQueue;
  readonly audit: AuditLog;
  /** Footage requests to camera owners, webhook deliveries and arrived files. */
  readonly intake: IntakeRepositories;
  /** Files officers attached in the chat. */
  readonly chatUploads: ChatUploadRepository;
}

export interface MigrationResult {
  /** Versions applied by this call (empty when already up to date). */
  applied: number[];
  /** Schema version after the call. */
  version: number;
}

export interface Store extends StoreRepositories {
  readonly kind: 'sqlite' | 'postgres';
  /** Which database, safe for logs and /healthz: never a password. */
  describe(): string;
  /** True if the database answers; never throws. */
  ping(): Promise<boolean>;
  /** Idempotent; safe when several instances start at once. */
  migrate(): Promise<MigrationResult>;
  /**
   * Runs `fn` in one transaction: e.g. decide + audit + enqueue the grant job, all or nothing. Use
   * only `tx` inside (not the store itself), and do no slow I/O there: the embedded database
   * serializes transactions.
   */
  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  /** Refuses new work, waits for in-flight queries and transactions, then closes. */
  close(): Promise<void>;
}
