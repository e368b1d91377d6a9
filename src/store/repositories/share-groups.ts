/** Colleague share groups: who shared what with whom, and which access request carries each person. */
import type { AccessLevel, RequestedRecording } from '../../footage/ports/store';
import type { NewShareGroup, ShareGroup, ShareGroupRepository } from '../../footage/sharing/ports';
import type { Executor, Row } from '../sql/executor';
import { jsonParam, readEnum, readInt, readJson, readString, readTime, timeParam, type Clock } from '../sql/values';

function toGroup(row: Row, members: Row[]): ShareGroup {
  return {
    id: readString(row.id),
    idempotencyKey: readString(row.idempotency_key),
    sharerAadObjectId: readString(row.sharer_aad_object_id),
    recordings: readJson(row.recordings) as unknown as RequestedRecording[],
    caseReference: readString(row.case_reference),
    reason: readString(row.reason),
    access: readEnum<AccessLevel>(row.access, ['view', 'download']),
    durationDays: readInt(row.duration_days),
    direct: readInt(row.direct) === 1,
    members: members.map((m) => ({
      recipientAadObjectId: readString(m.recipient_aad_object_id),
      requestId: readString(m.request_id),
    })),
    createdAt: readTime(row.created_at),
  };
}

export class SqlShareGroupRepository implements ShareGroupRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async create(group: NewShareGroup & { id: string }): Promise<{ created: boolean; group: ShareGroup }> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO share_groups (id, idempotency_key, sharer_aad_object_id, recordings, case_reference, reason, access, duration_days, direct, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [
          group.id,
          group.idempotencyKey,
          group.sharerAadObjectId,
          jsonParam(group.recordings.map((r) => ({ boxFileId: r.boxFileId, fileName: r.fileName }))),
          group.caseReference,
          group.reason,
          group.access,
          group.durationDays,
          group.direct ? 1 : 0,
          timeParam(this.clock()),
        ],
      );
      if (inserted.length === 0) {
        const existing = await this.select(tx, 'idempotency_key = ?', group.idempotencyKey);
        if (!existing) throw new Error(`share group ${group.idempotencyKey} vanished`);
        return { created: false, group: existing };
      }
      return { created: true, group: (await this.select(tx, 'id = ?', group.id))! };
    });
  }

  async addMember(groupId: string, recipientAadObjectId: string, requestId: string): Promise<void> {
    await this.db.run(
      `INSERT INTO share_group_members (group_id, position, recipient_aad_object_id, request_id)
       SELECT ?, COUNT(*), ?, ? FROM share_group_members WHERE group_id = ?`,
      [groupId, recipientAadObjectId, requestId, groupId],
    );
  }

  get(id: string): Promise<ShareGroup | undefined> {
    return this.select(this.db, 'id = ?', id);
  }

  async findByRequest(requestId: string): Promise<ShareGroup | undefined> {
    const rows = await this.db.query('SELECT group_id FROM share_group_members WHERE request_id = ?', [requestId]);
    return rows[0] ? this.get(readString(rows[0].group_id)) : undefined;
  }

  async listPending(limit: number): Promise<ShareGroup[]> {
    const rows = await this.db.query(
      `SELECT g.id FROM share_groups g WHERE EXISTS (
         SELECT 1 FROM share_group_members m JOIN access_requests r ON r.id = m.request_id
         WHERE m.group_id = g.id AND r.status = 'pending')
       ORDER BY g.created_at, g.id LIMIT ?`,
      [limit],
    );
    const groups = await Promise.all(rows.map((row) => this.get(readString(row.id))));
    return groups.filter((g): g is ShareGroup => g !== undefined);
  }

  private async select(db: Executor, where: string, value: string): Promise<ShareGroup | undefined> {
    const [row] = await db.query(`SELECT * FROM share_groups WHERE ${where}`, [value]);
    if (!row) return undefined;
    const members = await db.query('SELECT * FROM share_group_members WHERE group_id = ? ORDER BY position', [
      readString(row.id),
    ]);
    return toGroup(row, members);
  }
}
