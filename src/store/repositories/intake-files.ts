/** Files that arrived for footage requests, and how far their processing got. */
import { INTAKE_FILE_STATES, type ArrivalSource, type IntakeFile } from '../../footage/footage-requests/types';
import type { IntakeFileRepository, IntakeFileUpdate, NewIntakeFile } from '../../footage/ports/intake-store';
import type { Executor, Row } from '../sql/executor';
import { setClauses } from '../sql/update-builder';
import {
  readEnum,
  readOptionalFlag,
  readOptionalInt,
  readOptionalString,
  readOptionalTime,
  readString,
  readTime,
  timeParam,
  type Clock,
} from '../sql/values';

const SOURCES: readonly ArrivalSource[] = ['file_request', 'chat_upload'];

function toFile(row: Row): IntakeFile {
  return {
    boxFileId: readString(row.box_file_id),
    requestId: readString(row.request_id),
    cameraId: readString(row.camera_id),
    fileName: readString(row.file_name),
    source: readEnum(row.source, SOURCES),
    state: readEnum(row.state, INTAKE_FILE_STATES),
    sizeBytes: readOptionalInt(row.size_bytes),
    contentType: readOptionalString(row.content_type),
    sha256: readOptionalString(row.sha256),
    isVideo: readOptionalFlag(row.is_video),
    duplicateOfFileId: readOptionalString(row.duplicate_of_file_id),
    duplicateOfName: readOptionalString(row.duplicate_of_name),
    uploadedBy: readOptionalString(row.uploaded_by),
    uploadedAt: readOptionalTime(row.uploaded_at),
    error: readOptionalString(row.error),
    notified: readOptionalInt(row.notified) === 1,
    createdAt: readTime(row.created_at),
    updatedAt: readTime(row.updated_at),
  };
}

const COLUMNS: Record<keyof IntakeFileUpdate, string> = {
  state: 'state',
  fileName: 'file_name',
  sizeBytes: 'size_bytes',
  contentType: 'content_type',
  sha256: 'sha256',
  isVideo: 'is_video',
  duplicateOfFileId: 'duplicate_of_file_id',
  duplicateOfName: 'duplicate_of_name',
  uploadedBy: 'uploaded_by',
  uploadedAt: 'uploaded_at',
  error: 'error',
  notified: 'notified',
};

export class SqlIntakeFileRepository implements IntakeFileRepository {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  async begin(file: NewIntakeFile): Promise<{ created: boolean; file: IntakeFile }> {
    const now = timeParam(this.clock());
    const inserted = await this.db.query(
      `INSERT INTO intake_files (box_file_id, request_id, camera_id, file_name, source, state, notified, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'processing', 0, ?, ?)
       ON CONFLICT (box_file_id) DO NOTHING RETURNING *`,
      [file.boxFileId, file.requestId, file.cameraId, file.fileName, file.source, now, now],
    );
    if (inserted.length > 0) return { created: true, file: toFile(inserted[0]) };
    const existing = await this.get(file.boxFileId);
    if (!existing) throw new Error(`intake file ${file.boxFileId} vanished`);
    return { created: false, file: existing };
  }

  async get(boxFileId: string): Promise<IntakeFile | undefined> {
    const [row] = await this.db.query('SELECT * FROM intake_files WHERE box_file_id = ?', [boxFileId]);
    return row ? toFile(row) : undefined;
  }

  async update(boxFileId: string, update: IntakeFileUpdate): Promise<IntakeFile | undefined> {
    const { assignments, params } = setClauses(COLUMNS, update, [['updated_at', timeParam(this.clock())]]);
    const rows = await this.db.query(
      `UPDATE intake_files SET ${assignments.join(', ')} WHERE box_file_id = ? RETURNING *`,
      [...params, boxFileId],
    );
    return rows[0] ? toFile(rows[0]) : undefined;
  }

  async listByRequest(requestId: string): Promise<IntakeFile[]> {
    const rows = await this.db.query(
      'SELECT * FROM intake_files WHERE request_id = ? ORDER BY created_at, box_file_id',
      [requestId],
    );
    return rows.map(toFile);
  }
}
