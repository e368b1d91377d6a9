/**
 * Files attached in the chat: one row per attachment (the Teams message and attachment are the
 * idempotency key), with where its bytes are in Box and what the officer said it is.
 */
import { CHAT_UPLOAD_FAILURES, CHAT_UPLOAD_STATES } from '../../footage/chat-upload/types';
import type { Migration } from './schema';

function oneOf(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

export const chatUploadsSchema: Migration = {
  version: 4,
  name: 'chat uploads',
  up: (dialect) => {
    const { timestamp: ts, json, bigint } = dialect.types;
    return [
      `CREATE TABLE chat_uploads (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        uploader_aad_object_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_type TEXT,
        state TEXT NOT NULL CHECK (state IN (${oneOf(CHAT_UPLOAD_STATES)})),
        download_url TEXT,
        size_bytes ${bigint},
        transferred_bytes ${bigint} NOT NULL DEFAULT 0,
        staging_folder_id TEXT,
        staged_file_id TEXT,
        upload_session_id TEXT,
        sha256 TEXT,
        is_video INTEGER,
        description ${json},
        footage_request_id TEXT,
        duplicate_of_file_id TEXT,
        duplicate_of_name TEXT,
        card_activity_id TEXT,
        failure TEXT CHECK (failure IS NULL OR failure IN (${oneOf(CHAT_UPLOAD_FAILURES)})),
        error TEXT,
        reminded_at ${ts},
        created_at ${ts} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX chat_uploads_by_state ON chat_uploads (state, created_at)',
      'CREATE INDEX chat_uploads_by_uploader ON chat_uploads (uploader_aad_object_id, created_at)',
    ];
  },
};
