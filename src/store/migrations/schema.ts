/**
 * Versioned schema changes, applied in order and never edited once released (add a new version
 * instead): the runner refuses to start if an applied version's name no longer matches.
 */
import { GENESIS_HASH } from '../../audit/chain';
import { ROLES } from '../../footage/people';
import { ACCESS_REQUEST_STATUSES, GRANT_STATES } from '../../footage/ports/store';
import type { Dialect } from '../sql/executor';
import { chatUploadsSchema } from './chat-uploads';
import { cameraLinkClosed, cameraOwnerEmails, footageRequestsSchema } from './footage-requests';
import { shareCardsSchema } from './share-cards';
import { sharingSchema } from './sharing';

export interface Migration {
  version: number;
  name: string;
  /** One statement per string. */
  up(dialect: Dialect): string[];
}

function oneOf(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

/** Updates and deletes fail at the database itself; the hash chain catches whoever disables this. */
function appendOnlyAuditLog(dialect: Dialect): string[] {
  if (dialect.name === 'postgres') {
    return [
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    ];
  }
  return [
    `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
  ];
}

const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: (dialect) => {
    const { timestamp: ts, json, bigint } = dialect.types;
    return [
      `CREATE TABLE people (
        aad_object_id TEXT PRIMARY KEY,
        teams_id TEXT,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN (${oneOf(ROLES)})),
        borough TEXT,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL UNIQUE,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX people_by_role ON people (role, borough)',
      `CREATE TABLE conversation_refs (
        aad_object_id TEXT NOT NULL,
        scope TEXT NOT NULL CHECK (scope IN ('personal', 'channel')),
        conversation_id TEXT NOT NULL,
        reference ${json} NOT NULL,
        updated_at ${ts} NOT NULL,
        PRIMARY KEY (aad_object_id, scope)
      )`,
      `CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value ${json} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      `CREATE TABLE access_requests (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        requester_aad_object_id TEXT NOT NULL,
        case_reference TEXT NOT NULL,
        reason TEXT NOT NULL,
        access TEXT NOT NULL CHECK (access IN ('view', 'download')),
        download_justification TEXT,
        duration_days INTEGER NOT NULL CHECK (duration_days > 0),
        status TEXT NOT NULL CHECK (status IN (${oneOf(ACCESS_REQUEST_STATUSES)})),
        decided_by TEXT,
        decided_at ${ts},
        decision_comment TEXT,
        approved_duration_days INTEGER CHECK (approved_duration_days > 0),
        expires_at ${ts},
        revoked_by TEXT,
        revoked_at ${ts},
        created_at ${ts} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX access_requests_by_requester ON access_requests (requester_aad_object_id, created_at)',
      'CREATE INDEX access_requests_by_status ON access_requests (status, expires_at)',
      `CREATE TABLE request_recordings (
        request_id TEXT NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        box_file_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        grant_state TEXT NOT NULL CHECK (grant_state IN (${oneOf(GRANT_STATES)})),
        collaboration_id TEXT,
        shared_link_url TEXT,
        error TEXT,
        updated_at ${ts} NOT NULL,
        PRIMARY KEY (request_id, box_file_id)
      )`,
      `CREATE TABLE request_cards (
        request_id TEXT NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
        conversation_id TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('approval', 'status', 'share')),
        recipient_aad_object_id TEXT,
        reference ${json} NOT NULL,
        created_at ${ts} NOT NULL,
        PRIMARY KEY (request_id, conversation_id, activity_id)
      )`,
      `CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        unique_key TEXT NOT NULL UNIQUE,
        payload ${json} NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        run_at ${ts} NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        locked_by TEXT,
        claim_token TEXT,
        lease_until ${ts},
        last_error TEXT,
        created_at ${ts} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX jobs_due ON jobs (status, run_at)',
      // details is canonical JSON text in both databases: JSONB would re-encode what was hashed.
      `CREATE TABLE audit_log (
        seq ${bigint} PRIMARY KEY,
        at ${ts} NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        details TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      )`,
      'CREATE INDEX audit_log_by_target ON audit_log (target, seq)',
      // One row: the newest link. Appends lock it (so the chain cannot fork) and verification
      // compares the chain's end with it (so deleting the newest entries is detected).
      `CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq ${bigint} NOT NULL,
        hash TEXT NOT NULL
      )`,
      `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${GENESIS_HASH}')`,
      ...appendOnlyAuditLog(dialect),
    ];
  },
};

/**
 * The expiry sweep looks every minute for revocations Box refused (recordings left revoke_failed):
 * a partial index keeps that a lookup of the few such rows, not a scan of years of grants.
 */
const revokeFailedIndex: Migration = {
  version: 8,
  name: 'index of recordings whose revocation Box refused',
  up: () => [
    "CREATE INDEX request_recordings_revoke_failed ON request_recordings (request_id) WHERE grant_state = 'revoke_failed'",
  ],
};

export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  footageRequestsSchema,
  sharingSchema,
  chatUploadsSchema,
  cameraOwnerEmails,
  shareCardsSchema,
  cameraLinkClosed,
  revokeFailedIndex,
];
