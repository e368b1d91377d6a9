/**
 * File requests: a folder's public upload form. The token is the last part of the form's URL
 * (`/f/<token>`), unguessable like Box's.
 */

import { randomBytes } from 'node:crypto';
import { nextAddedId, sql, type Db } from './db';

export type FileRequestStatus = 'active' | 'inactive';

export interface FileRequestRow {
  id: number;
  folder_id: number;
  token: string;
  title: string;
  description: string | null;
  status: FileRequestStatus;
  is_email_required: number;
  is_description_required: number;
  expires_at: number | null;
  etag: number;
  created_by: number;
  created_at: number;
  updated_by: number;
  updated_at: number;
}

export interface FileRequestSettings {
  title: string;
  description: string | null;
  status: FileRequestStatus;
  isEmailRequired: boolean;
  isDescriptionRequired: boolean;
  expiresAt: number | null;
}

export function getFileRequest(db: Db, id: number): FileRequestRow | undefined {
  return sql(db, 'SELECT * FROM file_requests WHERE id = ?').get(id) as FileRequestRow | undefined;
}

export function fileRequestByToken(db: Db, token: string): FileRequestRow | undefined {
  return sql(db, 'SELECT * FROM file_requests WHERE token = ?').get(token) as FileRequestRow | undefined;
}

export function insertFileRequest(
  db: Db,
  folderId: number,
  settings: FileRequestSettings,
  actorId: number,
  now: number,
): FileRequestRow {
  const id = nextAddedId(db, 'file_request');
  sql(
    db,
    `INSERT INTO file_requests (id, folder_id, token, title, description, status, is_email_required, is_description_required, expires_at,
       created_by, created_at, updated_by, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    folderId,
    randomBytes(16).toString('hex'),
    settings.title,
    settings.description,
    settings.status,
    settings.isEmailRequired ? 1 : 0,
    settings.isDescriptionRequired ? 1 : 0,
    settings.expiresAt,
    actorId,
    now,
    actorId,
    now,
  );
  return getFileRequest(db, id) as FileRequestRow;
}

export function updateFileRequest(
  db: Db,
  id: number,
  settings: FileRequestSettings,
  actorId: number,
  now: number,
): void {
  sql(
    db,
    `UPDATE file_requests SET title = ?, description = ?, status = ?, is_email_required = ?, is_description_required = ?, expires_at = ?,
       etag = etag + 1, updated_by = ?, updated_at = ? WHERE id = ?`,
  ).run(
    settings.title,
    settings.description,
    settings.status,
    settings.isEmailRequired ? 1 : 0,
    settings.isDescriptionRequired ? 1 : 0,
    settings.expiresAt,
    actorId,
    now,
    id,
  );
}

export function deleteFileRequest(db: Db, id: number): void {
  sql(db, 'DELETE FROM file_requests WHERE id = ?').run(id);
}

/** Past its expiry a file request is inactive, whatever its stored status. */
export function effectiveStatus(row: FileRequestRow, now: number): FileRequestStatus {
  return row.expires_at !== null && row.expires_at <= now ? 'inactive' : row.status;
}

export function settingsOf(row: FileRequestRow): FileRequestSettings {
  return {
    title: row.title,
    description: row.description,
    status: row.status,
    isEmailRequired: row.is_email_required === 1,
    isDescriptionRequired: row.is_description_required === 1,
    expiresAt: row.expires_at,
  };
}

/** Who sent a file through a file request form: Box shows the email when the form asked for one. */
export function recordAnonymousUpload(db: Db, itemId: number, email: string | null, fileRequestId: number): void {
  sql(db, 'INSERT OR REPLACE INTO anonymous_uploads (item_id, email, file_request_id) VALUES (?, ?, ?)').run(
    itemId,
    email,
    fileRequestId,
  );
}

export function anonymousUpload(db: Db, itemId: number): { email: string | null; file_request_id: number } | undefined {
  return sql(db, 'SELECT email, file_request_id FROM anonymous_uploads WHERE item_id = ?').get(itemId) as
    { email: string | null; file_request_id: number } | undefined;
}
