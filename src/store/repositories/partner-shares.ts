/** Partner shares: every change is a compare-and-set, so concurrent clicks and instances agree. */
import { randomUUID } from 'node:crypto';
import {
  PARTNER_DOWNLOAD_STATES,
  PARTNER_SHARE_STATUSES,
  type NewPartnerShare,
  type PartnerDownloadState,
  type PartnerMove,
  type PartnerShare,
  type PartnerShareRepository,
  type PartnerShareStatus,
} from '../../footage/sharing/ports';
import { placeholders, type Executor, type Row, type SqlValue } from '../sql/executor';
import { statusFilter } from '../sql/update-builder';
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

const DAY_MS = 24 * 60 * 60 * 1000;

function toShare(row: Row): PartnerShare {
  return {
    id: readString(row.id),
    idempotencyKey: readString(row.idempotency_key),
    sharerAadObjectId: readString(row.sharer_aad_object_id),
    partnerId: readString(row.partner_id),
    email: readString(row.email),
    boxFileId: readString(row.box_file_id),
    fileName: readString(row.file_name),
    caseReference: readString(row.case_reference),
    reason: readString(row.reason),
    durationDays: readInt(row.duration_days),
    status: readEnum(row.status, PARTNER_SHARE_STATUSES),
    decidedBy: readOptionalString(row.decided_by),
    decidedAt: readOptionalTime(row.decided_at),
    decisionComment: readOptionalString(row.decision_comment),
    expiresAt: readOptionalTime(row.expires_at),
    collaborationId: readOptionalString(row.collaboration_id),
    downloadState: readEnum(row.download_state, PARTNER_DOWNLOAD_STATES),
    downloadJustification: readOptionalString(row.download_justification),
    downloadRequestedBy: readOptionalString(row.download_requested_by),
    downloadDecidedBy: readOptionalString(row.download_decided_by),
    error: readOptionalString(row.error),
    revokedBy: readOptionalString(row.revoked_by),
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
  };
}

export class SqlPartnerShareRepository implements PartnerShareRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async create(share: NewPartnerShare): Promise<{ created: boolean; share: PartnerShare }> {
    const now = timeParam(this.clock());
    const inserted = await this.db.query(
      `INSERT INTO partner_shares (id, idempotency_key, sharer_aad_object_id, partner_id, email, box_file_id, file_name, case_reference, reason,
         duration_days, status, download_state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 'none', ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [
        randomUUID(),
        share.idempotencyKey,
        share.sharerAadObjectId,
        share.partnerId,
        share.email,
        share.boxFileId,
        share.fileName,
        share.caseReference,
        share.reason,
        share.durationDays,
        now,
        now,
      ],
    );
    if (inserted[0]) return { created: true, share: toShare(inserted[0]) };
    const [existing] = await this.db.query('SELECT * FROM partner_shares WHERE idempotency_key = ?', [
      share.idempotencyKey,
    ]);
    return { created: false, share: toShare(existing) };
  }

  async get(id: string): Promise<PartnerShare | undefined> {
    const [row] = await this.db.query('SELECT * FROM partner_shares WHERE id = ?', [id]);
    return row ? toShare(row) : undefined;
  }

  async listByFile(boxFileId: string): Promise<PartnerShare[]> {
    return (
      await this.db.query('SELECT * FROM partner_shares WHERE box_file_id = ? ORDER BY created_at, id', [boxFileId])
    ).map(toShare);
  }

  async listByStatus(
    statuses: readonly PartnerShareStatus[],
    options: { expiresBefore?: Date; limit?: number } = {},
  ): Promise<PartnerShare[]> {
    if (statuses.length === 0) return [];
    const { where, params } = statusFilter(statuses, options.expiresBefore);
    const rows = await this.db.query(`SELECT * FROM partner_shares WHERE ${where} ORDER BY created_at, id LIMIT ?`, [
      ...params,
      options.limit ?? 500,
    ]);
    return rows.map(toShare);
  }

  async decide(
    id: string,
    input: { decidedBy: string; approved: boolean; comment: string | null; approvedDurationDays: number },
  ): Promise<PartnerMove> {
    const at = this.clock();
    const expiresAt = input.approved ? timeParam(new Date(at.getTime() + input.approvedDurationDays * DAY_MS)) : null;
    const rows = await this.db.query(
      `UPDATE partner_shares SET status = ?, decided_by = ?, decided_at = ?, decision_comment = ?, expires_at = ?, updated_at = ?
       WHERE id = ? AND status = 'pending' RETURNING *`,
      [
        input.approved ? 'approved' : 'rejected',
        input.decidedBy,
        timeParam(at),
        input.comment,
        expiresAt,
        timeParam(at),
        id,
      ],
    );
    return this.outcome(id, rows);
  }

  async transition(
    id: string,
    from: readonly PartnerShareStatus[],
    to: PartnerShareStatus,
    extra: { revokedBy?: string; error?: string | null } = {},
  ): Promise<PartnerMove> {
    const sets = ['status = ?', 'updated_at = ?'];
    const params: SqlValue[] = [to, timeParam(this.clock())];
    if (extra.revokedBy !== undefined) {
      sets.push('revoked_by = ?');
      params.push(extra.revokedBy);
    }
    if (extra.error !== undefined) {
      sets.push('error = ?');
      params.push(extra.error);
    }
    const rows = await this.db.query(
      `UPDATE partner_shares SET ${sets.join(', ')} WHERE id = ? AND status IN (${placeholders(from.length)}) RETURNING *`,
      [...params, id, ...from],
    );
    return this.outcome(id, rows);
  }

  async setCollaboration(id: string, collaborationId: string | null): Promise<void> {
    await this.db.run('UPDATE partner_shares SET collaboration_id = ?, updated_at = ? WHERE id = ?', [
      collaborationId,
      timeParam(this.clock()),
      id,
    ]);
  }

  async moveDownload(
    id: string,
    from: readonly PartnerDownloadState[],
    to: PartnerDownloadState,
    extra: { by: string; justification?: string },
  ): Promise<PartnerMove> {
    const requesting = to === 'requested';
    const rows = await this.db.query(
      `UPDATE partner_shares SET download_state = ?, updated_at = ?,
         ${requesting ? 'download_requested_by = ?, download_justification = ?, download_decided_by = NULL' : 'download_decided_by = ?'}
       WHERE id = ? AND download_state IN (${placeholders(from.length)}) RETURNING *`,
      [to, timeParam(this.clock()), extra.by, ...(requesting ? [extra.justification ?? null] : []), id, ...from],
    );
    return this.outcome(id, rows);
  }

  private async outcome(id: string, rows: Row[]): Promise<PartnerMove> {
    if (rows[0]) return { outcome: 'moved', share: toShare(rows[0]) };
    const share = await this.get(id);
    return share ? { outcome: 'refused', share } : { outcome: 'not_found' };
  }
}
