/**
 * Chunked upload sessions and their parts as stored until the commit (the parts' bytes wait on disk).
 */

import { sql, type Db } from './db';

export interface UploadSessionRow {
  id: string;
  folder_id: number;
  file_name: string;
  file_size: number;
  part_size: number;
  total_parts: number;
  user_id: number;
  expires_at: number;
}

export interface UploadPartRow {
  session_id: string;
  part_id: string;
  offset: number;
  size: number;
  sha1: string;
}

export function insertSession(db: Db, session: UploadSessionRow): void {
  sql(
    db,
    'INSERT INTO upload_sessions (id, folder_id, file_name, file_size, part_size, total_parts, user_id, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    session.id,
    session.folder_id,
    session.file_name,
    session.file_size,
    session.part_size,
    session.total_parts,
    session.user_id,
    session.expires_at,
  );
}

export function getSession(db: Db, id: string): UploadSessionRow | undefined {
  return sql(db, 'SELECT * FROM upload_sessions WHERE id = ?').get(id) as UploadSessionRow | undefined;
}

export function deleteSession(db: Db, id: string): void {
  sql(db, 'DELETE FROM upload_parts WHERE session_id = ?').run(id);
  sql(db, 'DELETE FROM upload_sessions WHERE id = ?').run(id);
}

export function partsOf(db: Db, sessionId: string): UploadPartRow[] {
  return sql(db, 'SELECT * FROM upload_parts WHERE session_id = ? ORDER BY offset').all(sessionId) as UploadPartRow[];
}

export function partAt(db: Db, sessionId: string, offset: number): UploadPartRow | undefined {
  return sql(db, 'SELECT * FROM upload_parts WHERE session_id = ? AND offset = ?').get(sessionId, offset) as
    UploadPartRow | undefined;
}

export function insertPart(db: Db, part: UploadPartRow): void {
  sql(db, 'INSERT INTO upload_parts (session_id, part_id, offset, size, sha1) VALUES (?, ?, ?, ?, ?)').run(
    part.session_id,
    part.part_id,
    part.offset,
    part.size,
    part.sha1,
  );
}
