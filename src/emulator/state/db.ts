/**
 * The emulator's state in one SQLite file. Ids are integers, as Box's are (sent as strings); items
 * holds files and folders together so permission checks can walk ancestors with one query shape.
 * Folder '0' (each user's "All Files") is virtual: top-level items have parent_id 0 and an owner.
 */

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  login TEXT NOT NULL,
  login_key TEXT NOT NULL UNIQUE,
  is_platform_access_only INTEGER NOT NULL,
  is_service_account INTEGER NOT NULL DEFAULT 0,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  job_title TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  language TEXT NOT NULL DEFAULT 'en',
  timezone TEXT NOT NULL DEFAULT 'Europe/London',
  space_amount INTEGER NOT NULL DEFAULT -1,
  external_app_user_id TEXT,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL
);
CREATE TABLE items (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('file', 'folder')),
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  parent_id INTEGER NOT NULL,
  owner_id INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  modified_by INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  content_created_at INTEGER,
  content_modified_at INTEGER,
  etag INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL DEFAULT 0,
  sha1 TEXT,
  version_id INTEGER,
  version_number INTEGER,
  shared_link TEXT
);
CREATE INDEX items_parent ON items (parent_id, name_key);
CREATE INDEX items_owner ON items (owner_id);
CREATE TABLE metadata_templates (
  id TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  template_key TEXT NOT NULL,
  display_name TEXT NOT NULL,
  hidden INTEGER NOT NULL,
  copy_instance_on_item_copy INTEGER NOT NULL,
  fields TEXT NOT NULL,
  created_seq INTEGER NOT NULL,
  UNIQUE (scope, template_key)
);
CREATE TABLE metadata_instances (
  id TEXT PRIMARY KEY,
  item_id INTEGER NOT NULL,
  scope TEXT NOT NULL,
  template_key TEXT NOT NULL,
  vals TEXT NOT NULL,
  version INTEGER NOT NULL,
  type_version INTEGER NOT NULL,
  UNIQUE (item_id, scope, template_key)
);
CREATE INDEX metadata_instances_template ON metadata_instances (scope, template_key);
CREATE TABLE collaborations (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  expires_at INTEGER,
  is_access_only INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL,
  UNIQUE (item_id, user_id)
);
CREATE INDEX collaborations_user ON collaborations (user_id);
CREATE TABLE upload_sessions (
  id TEXT PRIMARY KEY,
  folder_id INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  part_size INTEGER NOT NULL,
  total_parts INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE upload_parts (
  session_id TEXT NOT NULL,
  part_id TEXT NOT NULL,
  offset INTEGER NOT NULL,
  size INTEGER NOT NULL,
  sha1 TEXT NOT NULL,
  PRIMARY KEY (session_id, offset)
);
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL,
  subject_type TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
`;

// Box ids are long numbers; starting each kind in its own range keeps ids from different kinds apart,
// which makes mix-ups (a file id used as a folder id) visible in tests.
const COUNTER_STARTS: Record<string, number> = {
  user: 20_000_000_000,
  item: 30_000_000_000,
  collaboration: 40_000_000_000,
  version: 50_000_000_000,
  template: 0,
};

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/** A cached prepared statement: preparing once per SQL text keeps bulk seeding fast. */
export function sql(db: Db, text: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(text);
  if (!statement) {
    statement = db.prepare(text);
    cache.set(text, statement);
  }
  return statement;
}

export function openDatabase(dir: string): Db {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'box.sqlite'));
  // WAL with NORMAL sync: durable across process restarts, fast enough to seed thousands of files.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA);
      const insert = db.prepare('INSERT INTO counters (name, value) VALUES (?, ?)');
      for (const [name, value] of Object.entries(COUNTER_STARTS)) insert.run(name, value);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  } else if (version !== SCHEMA_VERSION) {
    throw new Error(
      `Box emulator database at ${dir} has schema version ${version}; this emulator expects ${SCHEMA_VERSION}. Delete the directory to start afresh.`,
    );
  }
  applyAdditions(db);
  return db;
}

/** Next id of a kind; call inside the write transaction that uses it. */
export function nextId(db: Db, kind: keyof typeof COUNTER_STARTS): number {
  const row = sql(db, 'UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value').get(kind) as {
    value: number;
  };
  return row.value;
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = sql(db, 'SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  sql(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}

// ---------------------------------------------------------------------------------------------
// Additions: file requests, uploaders, webhooks, events, external users, watermarks. Created if missing on every
// open, so a database made before they existed gains them without a schema version bump.
// ---------------------------------------------------------------------------------------------
const ADDITIONS = `
CREATE TABLE IF NOT EXISTS file_requests (
  id INTEGER PRIMARY KEY,
  folder_id INTEGER NOT NULL,
  token TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  description TEXT,
  status TEXT NOT NULL,
  is_email_required INTEGER NOT NULL,
  is_description_required INTEGER NOT NULL,
  expires_at INTEGER,
  etag INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS file_requests_folder ON file_requests (folder_id);
CREATE TABLE IF NOT EXISTS anonymous_uploads (
  item_id INTEGER PRIMARY KEY,
  email TEXT,
  file_request_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhooks (
  id INTEGER PRIMARY KEY,
  target_type TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  address TEXT NOT NULL,
  triggers TEXT NOT NULL,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (target_type, target_id, address)
);
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL,
  stream TEXT NOT NULL CHECK (stream IN ('user', 'enterprise')),
  event_type TEXT NOT NULL,
  user_id INTEGER,
  created_by TEXT NOT NULL,
  source TEXT,
  additional_details TEXT,
  ip_address TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_stream ON events (stream, position);
CREATE TABLE IF NOT EXISTS external_users (user_id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS watermarks (
  item_id INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  modified_at INTEGER NOT NULL
);
`;

const ADDITION_COUNTERS: Record<string, number> = { file_request: 60_000_000_000, webhook: 70_000_000_000 };

function applyAdditions(db: Db): void {
  db.transaction(() => {
    db.exec(ADDITIONS);
    const insert = db.prepare('INSERT OR IGNORE INTO counters (name, value) VALUES (?, ?)');
    for (const [name, value] of Object.entries(ADDITION_COUNTERS)) insert.run(name, value);
  })();
}

/** Next id of a kind added after the first schema (file requests, webhooks). */
export function nextAddedId(db: Db, kind: keyof typeof ADDITION_COUNTERS): number {
  const row = sql(db, 'UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value').get(kind) as {
    value: number;
  };
  return row.value;
}
