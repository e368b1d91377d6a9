/**
 * Footage requests to camera owners: the requests and their cameras (each with its intake folder
 * and upload link), the Box webhook deliveries received (the delivery id is the key, so a replay
 * cannot be stored twice) and the files processed for them.
 */
import { FOOTAGE_REQUEST_STATUSES, INTAKE_FILE_STATES } from '../../footage/footage-requests/types';
import type { Migration } from './schema';

function oneOf(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

export const footageRequestsSchema: Migration = {
  version: 2,
  name: 'footage requests, webhook deliveries, intake files',
  up: (dialect) => {
    const { timestamp: ts } = dialect.types;
    return [
      `CREATE TABLE footage_requests (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        requester_aad_object_id TEXT NOT NULL,
        window_start ${ts} NOT NULL,
        window_end ${ts} NOT NULL,
        case_reference TEXT NOT NULL,
        what_happened TEXT NOT NULL,
        owner_email TEXT NOT NULL,
        link_days INTEGER NOT NULL CHECK (link_days > 0),
        expires_at ${ts} NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${oneOf(FOOTAGE_REQUEST_STATUSES)})),
        files_received INTEGER NOT NULL DEFAULT 0,
        ended_by TEXT,
        ended_at ${ts},
        created_at ${ts} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX footage_requests_by_requester ON footage_requests (requester_aad_object_id, created_at)',
      'CREATE INDEX footage_requests_by_status ON footage_requests (status, expires_at)',
      `CREATE TABLE footage_request_cameras (
        request_id TEXT NOT NULL REFERENCES footage_requests (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        camera_id TEXT NOT NULL,
        camera_name TEXT NOT NULL,
        borough TEXT NOT NULL,
        latitude DOUBLE PRECISION NOT NULL,
        longitude DOUBLE PRECISION NOT NULL,
        owner TEXT NOT NULL,
        owner_type TEXT NOT NULL,
        intake_folder_id TEXT UNIQUE,
        file_request_id TEXT,
        upload_url TEXT,
        link_claimed_at ${ts},
        PRIMARY KEY (request_id, camera_id)
      )`,
      `CREATE TABLE box_webhook_deliveries (
        delivery_id TEXT PRIMARY KEY,
        trigger_name TEXT NOT NULL,
        source_type TEXT,
        source_id TEXT,
        parent_folder_id TEXT,
        body TEXT NOT NULL,
        received_at ${ts} NOT NULL
      )`,
      `CREATE TABLE intake_files (
        box_file_id TEXT PRIMARY KEY,
        request_id TEXT NOT NULL REFERENCES footage_requests (id) ON DELETE CASCADE,
        camera_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('file_request', 'chat_upload')),
        state TEXT NOT NULL CHECK (state IN (${oneOf(INTAKE_FILE_STATES)})),
        size_bytes ${dialect.types.bigint},
        content_type TEXT,
        sha256 TEXT,
        is_video INTEGER,
        duplicate_of_file_id TEXT,
        duplicate_of_name TEXT,
        uploaded_by TEXT,
        uploaded_at ${ts},
        error TEXT,
        notified INTEGER NOT NULL DEFAULT 0,
        created_at ${ts} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX intake_files_by_request ON intake_files (request_id, created_at)',
    ];
  },
};

/**
 * Each camera of a request has its own owner email (cameras of different owners get their own
 * link and message); rows made before take the request's one address.
 */
export const cameraOwnerEmails: Migration = {
  version: 5,
  name: 'footage request camera owner emails',
  up: () => [
    'ALTER TABLE footage_request_cameras ADD COLUMN owner_email TEXT',
    `UPDATE footage_request_cameras SET owner_email =
       (SELECT r.owner_email FROM footage_requests r WHERE r.id = footage_request_cameras.request_id)`,
  ],
};

/**
 * One submission per link: a camera's upload link is closed once the owner's submission has
 * settled, and the time is kept so the request completes when every camera's link is closed.
 */
export const cameraLinkClosed: Migration = {
  version: 7,
  name: 'footage request camera link closed after submission',
  up: (dialect) => [`ALTER TABLE footage_request_cameras ADD COLUMN link_closed_at ${dialect.types.timestamp}`],
};
