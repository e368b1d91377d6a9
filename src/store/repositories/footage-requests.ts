/**
 * Footage requests and their cameras. Status changes are compare-and-set UPDATEs, so two people
 * cancelling at once (or a cancel racing the expiry sweep) change the request once.
 */
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../footage/errors';
import {
  FOOTAGE_REQUEST_STATUSES,
  type FootageRequest,
  type FootageRequestStatus,
  type NewFootageRequest,
  type RequestedCamera,
} from '../../footage/footage-requests/types';
import type { CameraLink, FootageRequestRepository, FootageTransition } from '../../footage/ports/intake-store';
import type { OwnerType } from '../../footage/recording';
import { placeholders, type Executor, type Row, type SqlValue } from '../sql/executor';
import { childrenByRequest, statusFilter } from '../sql/update-builder';
import {
  readEnum,
  readInt,
  readOptionalString,
  readOptionalTime,
  readString,
  readTime,
  timeParam,
  type Clock,
} from '../sql/values';

const DEFAULT_LIST_LIMIT = 200;
const OWNER_TYPES: readonly OwnerType[] = ['local_authority', 'transport', 'business'];

function readNumber(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number === 'number' && Number.isFinite(number)) return number;
  throw new TypeError(`expected a number, got ${JSON.stringify(value)}`);
}

/** A camera row; `ownerEmail` is empty only for a row an older release wrote during an upgrade (see toRequest). */
function toCamera(row: Row): RequestedCamera {
  return {
    ownerEmail: readOptionalString(row.owner_email) ?? '',
    cameraId: readString(row.camera_id),
    cameraName: readString(row.camera_name),
    borough: readString(row.borough),
    latitude: readNumber(row.latitude),
    longitude: readNumber(row.longitude),
    owner: readString(row.owner),
    ownerType: readEnum(row.owner_type, OWNER_TYPES),
    intakeFolderId: readOptionalString(row.intake_folder_id),
    fileRequestId: readOptionalString(row.file_request_id),
    uploadUrl: readOptionalString(row.upload_url),
    linkClosedAt: readOptionalTime(row.link_closed_at),
  };
}

function toRequest(row: Row, rows: RequestedCamera[]): FootageRequest {
  const ownerEmail = readString(row.owner_email);
  const cameras = rows.map((camera) => (camera.ownerEmail ? camera : { ...camera, ownerEmail }));
  return {
    id: readString(row.id),
    idempotencyKey: readString(row.idempotency_key),
    requesterAadObjectId: readString(row.requester_aad_object_id),
    cameras,
    windowStart: readTime(row.window_start),
    windowEnd: readTime(row.window_end),
    caseReference: readString(row.case_reference),
    whatHappened: readString(row.what_happened),
    ownerEmail,
    linkDays: readInt(row.link_days),
    expiresAt: readTime(row.expires_at),
    status: readEnum(row.status, FOOTAGE_REQUEST_STATUSES),
    filesReceived: readInt(row.files_received),
    endedBy: readOptionalString(row.ended_by),
    endedAt: readOptionalTime(row.ended_at),
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
  };
}

/** Short enough to read out and to name a Box folder with, long enough never to collide in practice. */
function newRequestId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 12);
}

export class SqlFootageRequestRepository implements FootageRequestRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async create(request: NewFootageRequest): Promise<{ created: boolean; request: FootageRequest }> {
    if (!request.idempotencyKey) throw new InvalidInputError('a footage request needs an idempotency key');
    if (request.cameras.length === 0) throw new InvalidInputError('a footage request needs at least one camera');
    if (new Set(request.cameras.map((c) => c.cameraId)).size !== request.cameras.length)
      throw new InvalidInputError('a camera appears twice in the request');
    return this.db.transaction(async (tx) => {
      const now = timeParam(this.clock());
      const id = newRequestId();
      const inserted = await tx.query(
        `INSERT INTO footage_requests (id, idempotency_key, requester_aad_object_id, window_start, window_end, case_reference,
           what_happened, owner_email, link_days, expires_at, status, files_received, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', 0, ?, ?)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [
          id,
          request.idempotencyKey,
          request.requesterAadObjectId,
          timeParam(request.windowStart),
          timeParam(request.windowEnd),
          request.caseReference,
          request.whatHappened,
          request.ownerEmail,
          request.linkDays,
          timeParam(request.expiresAt),
          now,
          now,
        ],
      );
      if (inserted.length === 0) {
        const [existing] = await this.select(tx, 'idempotency_key = ?', [request.idempotencyKey]);
        if (!existing) throw new Error(`footage request with idempotency key ${request.idempotencyKey} vanished`);
        return { created: false, request: existing };
      }
      for (const [position, c] of request.cameras.entries()) {
        await tx.run(
          `INSERT INTO footage_request_cameras (request_id, position, camera_id, camera_name, borough, latitude, longitude, owner, owner_type, owner_email)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            id,
            position,
            c.cameraId,
            c.cameraName,
            c.borough,
            c.latitude,
            c.longitude,
            c.owner,
            c.ownerType,
            c.ownerEmail,
          ],
        );
      }
      const [created] = await this.select(tx, 'id = ?', [id]);
      return { created: true, request: created };
    });
  }

  async get(id: string): Promise<FootageRequest | undefined> {
    return (await this.select(this.db, 'id = ?', [id]))[0];
  }

  listByRequester(aadObjectId: string, options: { limit?: number } = {}): Promise<FootageRequest[]> {
    return this.select(
      this.db,
      'requester_aad_object_id = ?',
      [aadObjectId],
      'created_at DESC, id DESC',
      options.limit,
    );
  }

  listByStatus(
    statuses: readonly FootageRequestStatus[],
    options: { expiresBefore?: Date; limit?: number } = {},
  ): Promise<FootageRequest[]> {
    if (statuses.length === 0) return Promise.resolve([]);
    const { where, params } = statusFilter(statuses, options.expiresBefore);
    return this.select(this.db, where, params, 'created_at, id', options.limit);
  }

  async findByIntakeFolder(
    folderId: string,
  ): Promise<{ request: FootageRequest; camera: RequestedCamera } | undefined> {
    const rows = await this.db.query(
      'SELECT request_id, camera_id FROM footage_request_cameras WHERE intake_folder_id = ?',
      [folderId],
    );
    if (rows.length === 0) return undefined;
    const request = await this.get(readString(rows[0].request_id));
    const camera = request?.cameras.find((c) => c.cameraId === readString(rows[0].camera_id));
    return request && camera ? { request, camera } : undefined;
  }

  async claimCameraLink(requestId: string, cameraId: string, staleBefore: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE footage_request_cameras SET link_claimed_at = ?
       WHERE request_id = ? AND camera_id = ? AND upload_url IS NULL AND (link_claimed_at IS NULL OR link_claimed_at < ?)
       RETURNING camera_id`,
      [timeParam(this.clock()), requestId, cameraId, timeParam(staleBefore)],
    );
    return rows.length > 0;
  }

  async releaseCameraLink(requestId: string, cameraId: string): Promise<void> {
    await this.db.run(
      'UPDATE footage_request_cameras SET link_claimed_at = NULL WHERE request_id = ? AND camera_id = ? AND upload_url IS NULL',
      [requestId, cameraId],
    );
  }

  async setCameraLink(requestId: string, cameraId: string, link: CameraLink): Promise<void> {
    await this.db.run(
      'UPDATE footage_request_cameras SET intake_folder_id = ?, file_request_id = ?, upload_url = ? WHERE request_id = ? AND camera_id = ?',
      [link.intakeFolderId, link.fileRequestId, link.uploadUrl, requestId, cameraId],
    );
  }

  async markCameraLinkClosed(
    requestId: string,
    cameraId: string,
  ): Promise<{ closed: boolean; request: FootageRequest } | undefined> {
    return this.db.transaction(async (tx) => {
      // Touching the request row first serializes the cameras' closings: whichever commits second
      // sees the first's camera closed, so a request whose last two links close at once completes.
      const now = timeParam(this.clock());
      const touched = await tx.run('UPDATE footage_requests SET updated_at = ? WHERE id = ?', [now, requestId]);
      if (touched === 0) return undefined;
      const rows = await tx.query(
        `UPDATE footage_request_cameras SET link_closed_at = ?
         WHERE request_id = ? AND camera_id = ? AND link_closed_at IS NULL AND file_request_id IS NOT NULL
         RETURNING camera_id`,
        [now, requestId, cameraId],
      );
      const [request] = await this.select(tx, 'id = ?', [requestId]);
      return request ? { closed: rows.length > 0, request } : undefined;
    });
  }

  async transition(
    id: string,
    input: { from: readonly FootageRequestStatus[]; to: FootageRequestStatus; endedBy?: string },
  ): Promise<FootageTransition> {
    if (input.from.length === 0) throw new InvalidInputError('transition needs at least one state to move from');
    const now = timeParam(this.clock());
    const ending = input.to === 'cancelled' || input.to === 'expired' || input.to === 'complete';
    const rows = await this.db.query(
      `UPDATE footage_requests SET status = ?, updated_at = ?${ending ? ', ended_by = ?, ended_at = ?' : ''}
       WHERE id = ? AND status IN (${placeholders(input.from.length)}) RETURNING id`,
      [input.to, now, ...(ending ? [input.endedBy ?? null, now] : []), id, ...input.from],
    );
    return this.outcome(id, rows.length > 0);
  }

  async extend(
    id: string,
    input: { from: readonly FootageRequestStatus[]; expiresAt: Date; linkDays: number },
  ): Promise<FootageTransition> {
    if (input.from.length === 0) throw new InvalidInputError('extend needs at least one state to move from');
    const rows = await this.db.query(
      `UPDATE footage_requests SET expires_at = ?, link_days = ?, updated_at = ?
       WHERE id = ? AND status IN (${placeholders(input.from.length)}) RETURNING id`,
      [timeParam(input.expiresAt), input.linkDays, timeParam(this.clock()), id, ...input.from],
    );
    return this.outcome(id, rows.length > 0);
  }

  async countArrival(id: string): Promise<FootageRequest | undefined> {
    await this.db.run(
      `UPDATE footage_requests SET files_received = files_received + 1,
         status = CASE WHEN status = 'waiting' THEN 'receiving' ELSE status END, updated_at = ?
       WHERE id = ?`,
      [timeParam(this.clock()), id],
    );
    return this.get(id);
  }

  private async outcome(id: string, changed: boolean): Promise<FootageTransition> {
    const request = await this.get(id);
    if (!request) return { outcome: 'not_found' };
    return changed ? { outcome: 'transitioned', request } : { outcome: 'wrong_state', request };
  }

  private async select(
    db: Executor,
    where: string,
    params: readonly SqlValue[],
    orderBy = 'created_at, id',
    limit = DEFAULT_LIST_LIMIT,
  ): Promise<FootageRequest[]> {
    const rows = await db.query(`SELECT * FROM footage_requests WHERE ${where} ORDER BY ${orderBy} LIMIT ?`, [
      ...params,
      limit,
    ]);
    if (rows.length === 0) return [];
    const ids = rows.map((row) => readString(row.id));
    const byRequest = await childrenByRequest(db, 'footage_request_cameras', ids, toCamera);
    return rows.map((row) => toRequest(row, byRequest.get(readString(row.id)) ?? []));
  }
}
