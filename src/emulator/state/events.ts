/**
 * Box's two event streams: each user's own stream (`ITEM_UPLOAD`, ...) and the enterprise's
 * admin log (`UPLOAD`, `PREVIEW`, `DOWNLOAD`, ...). Positions are the row order, so a stream
 * position taken now returns exactly the events recorded after it.
 */

import { randomUUID } from 'node:crypto';
import { sql, type Db } from './db';

export type EventStream = 'user' | 'enterprise';

export interface EventRow {
  position: number;
  event_id: string;
  stream: EventStream;
  event_type: string;
  user_id: number | null;
  created_by: string;
  source: string | null;
  additional_details: string | null;
  ip_address: string | null;
  created_at: number;
}

export interface NewEvent {
  stream: EventStream;
  eventType: string;
  /** Whose user stream it belongs to; null for the enterprise stream. */
  userId: number | null;
  createdBy: unknown;
  source: unknown;
  additionalDetails?: unknown;
  ipAddress?: string;
  /** The same happening in several streams shares one event id, as Box's do. */
  eventId?: string;
}

export function insertEvent(db: Db, event: NewEvent, now: number): string {
  const eventId = event.eventId ?? randomUUID();
  sql(
    db,
    `INSERT INTO events (event_id, stream, event_type, user_id, created_by, source, additional_details, ip_address, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    eventId,
    event.stream,
    event.eventType,
    event.userId,
    JSON.stringify(event.createdBy),
    event.source === undefined ? null : JSON.stringify(event.source),
    event.additionalDetails === undefined ? null : JSON.stringify(event.additionalDetails),
    event.ipAddress ?? null,
    now,
  );
  return eventId;
}

export function lastPosition(db: Db): number {
  const row = sql(db, 'SELECT COALESCE(MAX(position), 0) AS last FROM events').get() as { last: number };
  return row.last;
}

export interface EventQuery {
  stream: EventStream;
  userId?: number;
  after: number;
  limit: number;
  eventTypes?: string[];
  createdAfter?: number;
  createdBefore?: number;
}

export function queryEvents(db: Db, query: EventQuery): EventRow[] {
  const where = ['stream = ?', 'position > ?'];
  const args: unknown[] = [query.stream, query.after];
  if (query.userId !== undefined) {
    where.push('user_id = ?');
    args.push(query.userId);
  }
  if (query.eventTypes && query.eventTypes.length > 0) {
    where.push(`event_type IN (${query.eventTypes.map(() => '?').join(', ')})`);
    args.push(...query.eventTypes);
  }
  if (query.createdAfter !== undefined) {
    where.push('created_at >= ?');
    args.push(query.createdAfter);
  }
  if (query.createdBefore !== undefined) {
    where.push('created_at <= ?');
    args.push(query.createdBefore);
  }
  args.push(query.limit);
  // Not cached: the text varies with the filter.
  return db
    .prepare(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`)
    .all(...args) as EventRow[];
}
