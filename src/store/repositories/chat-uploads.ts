/** Files attached in the chat and how far their upload and description got. */
import {
  CHAT_UPLOAD_FAILURES,
  CHAT_UPLOAD_STATES,
  type ChatUpload,
  type ChatUploadDescription,
  type ChatUploadState,
  type ChatUploadUpdate,
  type NewChatUpload,
} from '../../footage/chat-upload/types';
import type { ChatUploadRepository } from '../../footage/ports/chat-upload-store';
import type { Executor, Row, SqlValue } from '../sql/executor';
import { setClauses, updateParam } from '../sql/update-builder';
import {
  jsonParam,
  readEnum,
  readInt,
  readJson,
  readOptionalFlag,
  readOptionalInt,
  readOptionalString,
  readOptionalTime,
  readString,
  readTime,
  timeParam,
  type Clock,
} from '../sql/values';

function toUpload(row: Row): ChatUpload {
  const failure = readOptionalString(row.failure);
  return {
    id: readString(row.id),
    idempotencyKey: readString(row.idempotency_key),
    uploaderAadObjectId: readString(row.uploader_aad_object_id),
    fileName: readString(row.file_name),
    fileType: readOptionalString(row.file_type),
    state: readEnum(row.state, CHAT_UPLOAD_STATES),
    downloadUrl: readOptionalString(row.download_url),
    sizeBytes: readOptionalInt(row.size_bytes),
    transferredBytes: readInt(row.transferred_bytes),
    stagingFolderId: readOptionalString(row.staging_folder_id),
    stagedFileId: readOptionalString(row.staged_file_id),
    uploadSessionId: readOptionalString(row.upload_session_id),
    sha256: readOptionalString(row.sha256),
    isVideo: readOptionalFlag(row.is_video),
    description:
      row.description === null || row.description === undefined
        ? null
        : (readJson(row.description) as unknown as ChatUploadDescription),
    footageRequestId: readOptionalString(row.footage_request_id),
    duplicateOfFileId: readOptionalString(row.duplicate_of_file_id),
    duplicateOfName: readOptionalString(row.duplicate_of_name),
    cardActivityId: readOptionalString(row.card_activity_id),
    failure: failure === null ? null : readEnum(failure, CHAT_UPLOAD_FAILURES),
    error: readOptionalString(row.error),
    remindedAt: readOptionalTime(row.reminded_at),
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
  };
}

const COLUMNS: Record<keyof ChatUploadUpdate, string> = {
  state: 'state',
  downloadUrl: 'download_url',
  sizeBytes: 'size_bytes',
  transferredBytes: 'transferred_bytes',
  stagingFolderId: 'staging_folder_id',
  stagedFileId: 'staged_file_id',
  uploadSessionId: 'upload_session_id',
  sha256: 'sha256',
  isVideo: 'is_video',
  description: 'description',
  footageRequestId: 'footage_request_id',
  duplicateOfFileId: 'duplicate_of_file_id',
  duplicateOfName: 'duplicate_of_name',
  cardActivityId: 'card_activity_id',
  failure: 'failure',
  error: 'error',
  remindedAt: 'reminded_at',
};

/** The description is the one JSON column; everything else converts as in any update. */
function param(key: keyof ChatUploadUpdate, value: ChatUploadUpdate[keyof ChatUploadUpdate]): SqlValue {
  if (key === 'description' && value !== null && value !== undefined)
    return jsonParam(value as unknown as Parameters<typeof jsonParam>[0]);
  return updateParam(value);
}

export class SqlChatUploadRepository implements ChatUploadRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async create(upload: NewChatUpload): Promise<{ created: boolean; upload: ChatUpload }> {
    const now = timeParam(this.clock());
    const inserted = await this.db.query(
      `INSERT INTO chat_uploads (id, idempotency_key, uploader_aad_object_id, file_name, file_type, state, download_url, transferred_bytes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'receiving', ?, 0, ?, ?)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING *`,
      [
        upload.id,
        upload.idempotencyKey,
        upload.uploaderAadObjectId,
        upload.fileName,
        upload.fileType,
        upload.downloadUrl,
        now,
        now,
      ],
    );
    if (inserted.length > 0) return { created: true, upload: toUpload(inserted[0]) };
    const [row] = await this.db.query('SELECT * FROM chat_uploads WHERE idempotency_key = ?', [upload.idempotencyKey]);
    if (!row) throw new Error(`chat upload ${upload.idempotencyKey} vanished`);
    return { created: false, upload: toUpload(row) };
  }

  async get(id: string): Promise<ChatUpload | undefined> {
    const [row] = await this.db.query('SELECT * FROM chat_uploads WHERE id = ?', [id]);
    return row ? toUpload(row) : undefined;
  }

  update(id: string, update: ChatUploadUpdate): Promise<ChatUpload | undefined> {
    return this.write(id, update, undefined);
  }

  transition(
    id: string,
    from: readonly ChatUploadState[],
    update: ChatUploadUpdate & { state: ChatUploadState },
  ): Promise<ChatUpload | undefined> {
    return this.write(id, update, from);
  }

  async listByState(
    states: readonly ChatUploadState[],
    options: { createdBefore?: Date; limit?: number } = {},
  ): Promise<ChatUpload[]> {
    if (states.length === 0) return [];
    const params: SqlValue[] = [...states];
    let sql = `SELECT * FROM chat_uploads WHERE state IN (${states.map(() => '?').join(', ')})`;
    if (options.createdBefore) {
      sql += ' AND created_at <= ?';
      params.push(timeParam(options.createdBefore));
    }
    sql += ' ORDER BY created_at, id LIMIT ?';
    params.push(options.limit ?? 100);
    return (await this.db.query(sql, params)).map(toUpload);
  }

  private async write(
    id: string,
    update: ChatUploadUpdate,
    from: readonly ChatUploadState[] | undefined,
  ): Promise<ChatUpload | undefined> {
    const { assignments, params } = setClauses(COLUMNS, update, [['updated_at', timeParam(this.clock())]], param);
    let where = 'id = ?';
    params.push(id);
    if (from) {
      where += ` AND state IN (${from.map(() => '?').join(', ')})`;
      params.push(...from);
    }
    const rows = await this.db.query(
      `UPDATE chat_uploads SET ${assignments.join(', ')} WHERE ${where} RETURNING *`,
      params,
    );
    return rows[0] ? toUpload(rows[0]) : undefined;
  }
}
