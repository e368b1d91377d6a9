/** Access requests, their recordings and the card copies sent about them, in SQL; state changes are compare-and-set. */
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../footage/errors';
import {
  ACCESS_REQUEST_STATUSES,
  GRANT_STATES,
  type AccessLevel,
  type AccessRequest,
  type AccessRequestRepository,
  type AccessRequestStatus,
  type CardKind,
  type CompareAndSetResult,
  type DecideResult,
  type DecisionToRecord,
  type GrantUpdate,
  type NewAccessRequest,
  type NewRequestCard,
  type RecordingGrant,
  type RequestCard,
  type TransitionInput,
  type TransitionResult,
} from '../../footage/ports/store';
import { placeholders, type Executor, type Row, type SqlValue } from '../sql/executor';
import { childrenByRequest, statusFilter } from '../sql/update-builder';
import {
  readEnum,
  readInt,
  readOptionalInt,
  readOptionalString,
  readOptionalTime,
  readString,
  readTime,
  timeParam,
  type Clock,
} from '../sql/values';
import { assertAddress, readAddress } from './conversations';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_LIST_LIMIT = 200;

function toGrant(row: Row): RecordingGrant {
  return {
    boxFileId: readString(row.box_file_id),
    fileName: readString(row.file_name),
    state: readEnum(row.grant_state, GRANT_STATES),
    collaborationId: readOptionalString(row.collaboration_id),
    sharedLinkUrl: readOptionalString(row.shared_link_url),
    error: readOptionalString(row.error),
    updatedAt: readTime(row.updated_at),
  };
}

function toRequest(row: Row, recordings: RecordingGrant[]): AccessRequest {
  return {
    id: readString(row.id),
    idempotencyKey: readString(row.idempotency_key),
    requesterAadObjectId: readString(row.requester_aad_object_id),
    recordings,
    caseReference: readString(row.case_reference),
    reason: readString(row.reason),
    access: readEnum<AccessLevel>(row.access, ['view', 'download']),
    downloadJustification: readOptionalString(row.download_justification),
    durationDays: readInt(row.duration_days),
    status: readEnum(row.status, ACCESS_REQUEST_STATUSES),
    decidedBy: readOptionalString(row.decided_by),
    decidedAt: readOptionalTime(row.decided_at),
    decisionComment: readOptionalString(row.decision_comment),
    approvedDurationDays: readOptionalInt(row.approved_duration_days),
    expiresAt: readOptionalTime(row.expires_at),
    revokedBy: readOptionalString(row.revoked_by),
    revokedAt: readOptionalTime(row.revoked_at),
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
  };
}

function toCard(row: Row): RequestCard {
  return {
    requestId: readString(row.request_id),
    kind: readEnum<CardKind>(row.kind, ['approval', 'status', 'share']),
    recipientAadObjectId: readOptionalString(row.recipient_aad_object_id),
    address: readAddress(row.conversation_id, row.reference),
    messageId: readString(row.activity_id),
    createdAt: readTime(row.created_at),
  };
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** The store's own invariants; policy (reason length, maximum duration) belongs to the domain. */
function assertValidRequest(request: NewAccessRequest): void {
  if (!request.idempotencyKey) throw new InvalidInputError('an access request needs an idempotency key');
  if (!request.requesterAadObjectId) throw new InvalidInputError('an access request needs a requester');
  if (request.recordings.length === 0) throw new InvalidInputError('an access request needs at least one recording');
  const fileIds = new Set(request.recordings.map((recording) => recording.boxFileId));
  if (fileIds.size !== request.recordings.length)
    throw new InvalidInputError('a recording appears twice in the request');
  if (!isPositiveInteger(request.durationDays))
    throw new InvalidInputError('durationDays must be a positive whole number');
}

export class SqlAccessRequestRepository implements AccessRequestRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async create(request: NewAccessRequest): Promise<{ created: boolean; request: AccessRequest }> {
    assertValidRequest(request);
    return this.db.transaction(async (tx) => {
      const now = timeParam(this.clock());
      const id = randomUUID();
      // ON CONFLICT DO NOTHING, not a read-then-insert: two submissions racing on two instances
      // meet at the unique index, and the loser reads the winner's request.
      const inserted = await tx.query(
        `INSERT INTO access_requests (id, idempotency_key, requester_aad_object_id, case_reference, reason, access,
           download_justification, duration_days, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [
          id,
          request.idempotencyKey,
          request.requesterAadObjectId,
          request.caseReference,
          request.reason,
          request.access,
          request.downloadJustification,
          request.durationDays,
          now,
          now,
        ],
      );
      if (inserted.length === 0) {
        const [existing] = await this.select(tx, 'idempotency_key = ?', [request.idempotencyKey]);
        if (!existing) throw new Error(`request with idempotency key ${request.idempotencyKey} vanished`);
        return { created: false, request: existing };
      }
      for (const [position, recording] of request.recordings.entries()) {
        await tx.run(
          `INSERT INTO request_recordings (request_id, position, box_file_id, file_name, grant_state, updated_at)
           VALUES (?, ?, ?, ?, 'pending', ?)`,
          [id, position, recording.boxFileId, recording.fileName, now],
        );
      }
      const [created] = await this.select(tx, 'id = ?', [id]);
      return { created: true, request: created };
    });
  }

  async get(id: string): Promise<AccessRequest | undefined> {
    return (await this.select(this.db, 'id = ?', [id]))[0];
  }

  listByRequester(aadObjectId: string, options: { limit?: number } = {}): Promise<AccessRequest[]> {
    return this.select(
      this.db,
      'requester_aad_object_id = ?',
      [aadObjectId],
      'created_at DESC, id DESC',
      options.limit,
    );
  }

  listByStatus(
    statuses: readonly AccessRequestStatus[],
    options: { expiresBefore?: Date; limit?: number } = {},
  ): Promise<AccessRequest[]> {
    if (statuses.length === 0) return Promise.resolve([]);
    const { where, params } = statusFilter(statuses, options.expiresBefore);
    return this.select(this.db, where, params, 'created_at, id', options.limit);
  }

  listRevokedNotRemoved(options: { limit?: number } = {}): Promise<AccessRequest[]> {
    return this.select(
      this.db,
      "status = 'revoked' AND id IN (SELECT request_id FROM request_recordings WHERE grant_state = 'revoke_failed')",
      [],
      'created_at, id',
      options.limit,
    );
  }

  async decide(input: DecisionToRecord): Promise<DecideResult> {
    const current = await this.get(input.requestId);
    if (!current) return { outcome: 'not_found' };
    const approved = input.decision === 'approved';
    const days = approved ? (input.approvedDurationDays ?? current.durationDays) : null;
    if (days !== null && (!isPositiveInteger(days) || days > current.durationDays)) {
      throw new InvalidInputError(`approved duration must be 1 to ${current.durationDays} days`);
    }
    const decidedAt = this.clock();
    const expiresAt = days === null ? null : timeParam(new Date(decidedAt.getTime() + days * DAY_MS));
    // The compare-and-set: only a row still pending changes, so of N concurrent decisions the
    // database lets exactly one through (PostgreSQL re-checks the WHERE after waiting on the row lock).
    const rows = await this.db.query(
      `UPDATE access_requests SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ?,
         approved_duration_days = ?, expires_at = ?, updated_at = ?
       WHERE id = ? AND status = 'pending' RETURNING *`,
      [
        input.decision,
        input.deciderAadObjectId,
        timeParam(decidedAt),
        input.comment,
        days,
        expiresAt,
        timeParam(decidedAt),
        input.requestId,
      ],
    );
    return this.outcome(input.requestId, rows, 'decided', 'not_pending');
  }

  async transition(requestId: string, input: TransitionInput): Promise<TransitionResult> {
    if (input.from.length === 0) throw new InvalidInputError('transition needs at least one state to move from');
    const now = timeParam(this.clock());
    const revoking = input.to === 'revoked';
    const rows = await this.db.query(
      `UPDATE access_requests SET status = ?, updated_at = ?${revoking ? ', revoked_by = ?, revoked_at = ?' : ''}
       WHERE id = ? AND status IN (${placeholders(input.from.length)}) RETURNING *`,
      [input.to, now, ...(revoking ? [input.revokedBy ?? null, now] : []), requestId, ...input.from],
    );
    return this.outcome(requestId, rows, 'transitioned', 'wrong_state');
  }

  async updateGrant(requestId: string, boxFileId: string, update: GrantUpdate): Promise<boolean> {
    const assignments = ['grant_state = ?', 'updated_at = ?'];
    const params: SqlValue[] = [update.state, timeParam(this.clock())];
    const optional: Array<[string, string | null | undefined]> = [
      ['collaboration_id', update.collaborationId],
      ['shared_link_url', update.sharedLinkUrl],
      ['error', update.error],
    ];
    for (const [column, value] of optional) {
      if (value === undefined) continue;
      assignments.push(`${column} = ?`);
      params.push(value);
    }
    const changed = await this.db.run(
      `UPDATE request_recordings SET ${assignments.join(', ')} WHERE request_id = ? AND box_file_id = ?`,
      [...params, requestId, boxFileId],
    );
    return changed > 0;
  }

  async recordCard(card: NewRequestCard): Promise<void> {
    assertAddress(card.address);
    await this.db.run(
      `INSERT INTO request_cards (request_id, conversation_id, activity_id, kind, recipient_aad_object_id, reference, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (request_id, conversation_id, activity_id) DO NOTHING`,
      [
        card.requestId,
        card.address.conversationId,
        card.messageId,
        card.kind,
        card.recipientAadObjectId,
        JSON.stringify(card.address.data),
        timeParam(this.clock()),
      ],
    );
  }

  async listCards(requestId: string): Promise<RequestCard[]> {
    const rows = await this.db.query(
      'SELECT * FROM request_cards WHERE request_id = ? ORDER BY created_at, conversation_id, activity_id',
      [requestId],
    );
    return rows.map(toCard);
  }

  /** After a compare-and-set UPDATE ... RETURNING: the row it changed, or else the request as it stands. */
  private async outcome<Moved extends string, Refused extends string>(
    requestId: string,
    changed: Row[],
    moved: Moved,
    refused: Refused,
  ): Promise<CompareAndSetResult<Moved, Refused>> {
    if (changed.length > 0) return { outcome: moved, request: (await this.withRecordings(this.db, changed))[0] };
    const request = await this.get(requestId);
    return request ? { outcome: refused, request } : { outcome: 'not_found' };
  }

  /** Requests matching `where`, each with its recordings (two queries, whatever the count). */
  private async select(
    db: Executor,
    where: string,
    params: readonly SqlValue[],
    orderBy = 'created_at, id',
    limit = DEFAULT_LIST_LIMIT,
  ): Promise<AccessRequest[]> {
    const rows = await db.query(`SELECT * FROM access_requests WHERE ${where} ORDER BY ${orderBy} LIMIT ?`, [
      ...params,
      limit,
    ]);
    return this.withRecordings(db, rows);
  }

  private async withRecordings(db: Executor, rows: Row[]): Promise<AccessRequest[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => readString(row.id));
    const byRequest = await childrenByRequest(db, 'request_recordings', ids, toGrant);
    return rows.map((row) => toRequest(row, byRequest.get(readString(row.id)) ?? []));
  }
}
