/** Webhooks: an address told about triggers on a file or a folder (and everything beneath it). */

import { nextAddedId, sql, type Db } from './db';

export interface WebhookRow {
  id: number;
  target_type: 'file' | 'folder';
  target_id: number;
  address: string;
  triggers: string;
  created_by: number;
  created_at: number;
}

export interface WebhookSettings {
  targetType: 'file' | 'folder';
  targetId: number;
  address: string;
  triggers: string[];
}

export function getWebhook(db: Db, id: number): WebhookRow | undefined {
  return sql(db, 'SELECT * FROM webhooks WHERE id = ?').get(id) as WebhookRow | undefined;
}

export function findWebhook(db: Db, targetType: string, targetId: number, address: string): WebhookRow | undefined {
  return sql(db, 'SELECT * FROM webhooks WHERE target_type = ? AND target_id = ? AND address = ?').get(
    targetType,
    targetId,
    address,
  ) as WebhookRow | undefined;
}

export function insertWebhook(db: Db, settings: WebhookSettings, actorId: number, now: number): WebhookRow {
  const id = nextAddedId(db, 'webhook');
  sql(
    db,
    'INSERT INTO webhooks (id, target_type, target_id, address, triggers, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, settings.targetType, settings.targetId, settings.address, JSON.stringify(settings.triggers), actorId, now);
  return getWebhook(db, id) as WebhookRow;
}

export function updateWebhook(db: Db, id: number, settings: WebhookSettings): void {
  sql(db, 'UPDATE webhooks SET target_type = ?, target_id = ?, address = ?, triggers = ? WHERE id = ?').run(
    settings.targetType,
    settings.targetId,
    settings.address,
    JSON.stringify(settings.triggers),
    id,
  );
}

export function deleteWebhook(db: Db, id: number): void {
  sql(db, 'DELETE FROM webhooks WHERE id = ?').run(id);
}

export function webhooksOf(db: Db, userId: number): WebhookRow[] {
  return sql(db, 'SELECT * FROM webhooks WHERE created_by = ? ORDER BY id').all(userId) as WebhookRow[];
}

/** Webhooks on any of these items (an item and its ancestors) that listen for the trigger. */
export function webhooksFor(db: Db, itemIds: number[], trigger: string): WebhookRow[] {
  if (itemIds.length === 0) return [];
  const rows = db
    .prepare(`SELECT * FROM webhooks WHERE target_id IN (${itemIds.map(() => '?').join(', ')}) ORDER BY id`)
    .all(...itemIds) as WebhookRow[];
  return rows.filter((row) => (JSON.parse(row.triggers) as string[]).includes(trigger));
}

export function triggersOf(row: WebhookRow): string[] {
  return JSON.parse(row.triggers) as string[];
}
