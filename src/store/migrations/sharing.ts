/**
 * Schema for sharing footage onward and for its chain of custody: colleague share groups (each
 * person's access is an ordinary access request), partner shares, and the Box access events the
 * bot keeps so that a recording's history outlives Box's own event retention.
 */
import { PARTNER_DOWNLOAD_STATES, PARTNER_SHARE_STATUSES } from '../../footage/sharing/ports';
import type { Migration } from './schema';

function oneOf(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

export const sharingSchema: Migration = {
  version: 3,
  name: 'sharing and custody',
  up: (dialect) => {
    const { timestamp: ts, json } = dialect.types;
    return [
      `CREATE TABLE share_groups (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        sharer_aad_object_id TEXT NOT NULL,
        recordings ${json} NOT NULL,
        case_reference TEXT NOT NULL,
        reason TEXT NOT NULL,
        access TEXT NOT NULL CHECK (access IN ('view', 'download')),
        duration_days INTEGER NOT NULL CHECK (duration_days > 0),
        direct INTEGER NOT NULL CHECK (direct IN (0, 1)),
        created_at ${ts} NOT NULL
      )`,
      `CREATE TABLE share_group_members (
        group_id TEXT NOT NULL REFERENCES share_groups (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        recipient_aad_object_id TEXT NOT NULL,
        request_id TEXT NOT NULL UNIQUE REFERENCES access_requests (id),
        PRIMARY KEY (group_id, recipient_aad_object_id)
      )`,
      `CREATE TABLE partner_shares (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        sharer_aad_object_id TEXT NOT NULL,
        partner_id TEXT NOT NULL,
        email TEXT NOT NULL,
        box_file_id TEXT NOT NULL,
        file_name TEXT NOT NULL,
        case_reference TEXT NOT NULL,
        reason TEXT NOT NULL,
        duration_days INTEGER NOT NULL CHECK (duration_days > 0),
        status TEXT NOT NULL CHECK (status IN (${oneOf(PARTNER_SHARE_STATUSES)})),
        decided_by TEXT,
        decided_at ${ts},
        decision_comment TEXT,
        expires_at ${ts},
        collaboration_id TEXT,
        download_state TEXT NOT NULL CHECK (download_state IN (${oneOf(PARTNER_DOWNLOAD_STATES)})),
        download_justification TEXT,
        download_requested_by TEXT,
        download_decided_by TEXT,
        error TEXT,
        revoked_by TEXT,
        created_at ${ts} NOT NULL,
        updated_at ${ts} NOT NULL
      )`,
      'CREATE INDEX partner_shares_by_file ON partner_shares (box_file_id, created_at)',
      'CREATE INDEX partner_shares_by_status ON partner_shares (status, expires_at)',
      `CREATE TABLE box_access_events (
        event_id TEXT PRIMARY KEY,
        box_file_id TEXT NOT NULL,
        event_type TEXT NOT NULL,
        at ${ts} NOT NULL,
        actor_login TEXT,
        actor_name TEXT,
        details ${json} NOT NULL
      )`,
      'CREATE INDEX box_access_events_by_file ON box_access_events (box_file_id, at)',
    ];
  },
};
