/**
 * `GET /events`: the caller's own stream (`all`, `changes`, `sync`), read from a stream position,
 * or the enterprise's admin log (`admin_logs`, `admin_logs_streaming`) for administrators,
 * filterable by event type and creation time. `stream_position=now` answers the current position.
 */

import type { Caller } from '../context';
import { badRequest, forbidden } from '../errors';
import { intParam, json, type EmulatorRequest } from '../http';
import type { Route } from '../router';
import { lastPosition, queryEvents, type EventQuery, type EventRow } from '../state/events';
import { boxDateTime, parseDateTime } from '../time';

const USER_STREAMS = new Set(['all', 'changes', 'sync']);
const ADMIN_STREAMS = new Set(['admin_logs', 'admin_logs_streaming']);

function eventView(row: EventRow, admin: boolean): Record<string, unknown> {
  return {
    type: 'event',
    event_id: row.event_id,
    created_at: boxDateTime(row.created_at),
    recorded_at: boxDateTime(row.created_at),
    created_by: JSON.parse(row.created_by) as unknown,
    event_type: row.event_type,
    source: row.source === null ? null : (JSON.parse(row.source) as unknown),
    ...(row.additional_details === null || row.additional_details === 'null'
      ? {}
      : { additional_details: JSON.parse(row.additional_details) as unknown }),
    ...(admin && row.ip_address ? { ip_address: row.ip_address } : {}),
  };
}

function dateParam(req: EmulatorRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  const ms = parseDateTime(raw);
  if (ms === null) throw badRequest(`Invalid value '${raw}' for query parameter '${name}'`);
  return ms;
}

function isAdmin(caller: Caller): boolean {
  return caller.isServiceAccount || caller.user.role === 'admin' || caller.user.role === 'coadmin';
}

export const eventRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/2.0/events',
    access: 'api',
    handler: (req, services, caller) => {
      const streamType = req.query.get('stream_type') ?? 'all';
      const admin = ADMIN_STREAMS.has(streamType);
      if (!admin && !USER_STREAMS.has(streamType))
        throw badRequest(`Invalid value '${streamType}' for query parameter 'stream_type'`);
      if (admin && !isAdmin(caller)) throw forbidden('Only enterprise administrators can read the admin log');
      const position = req.query.get('stream_position');
      if (position === 'now')
        return json(200, { chunk_size: 0, next_stream_position: String(lastPosition(services.db)), entries: [] });
      if (position !== null && position !== '' && !/^\d+$/.test(position))
        throw badRequest(`Invalid value '${position}' for query parameter 'stream_position'`);
      const query: EventQuery = {
        stream: admin ? 'enterprise' : 'user',
        userId: admin ? undefined : caller.user.id,
        after: position ? Number(position) : 0,
        limit: intParam(req, 'limit', admin ? 100 : 100, 1, 500),
      };
      if (admin) {
        query.eventTypes = (req.query.get('event_type') ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
        query.createdAfter = dateParam(req, 'created_after');
        query.createdBefore = dateParam(req, 'created_before');
      }
      const rows = queryEvents(services.db, query);
      const next = rows.length > 0 ? rows[rows.length - 1].position : Math.max(query.after, 0);
      return json(200, {
        chunk_size: rows.length,
        next_stream_position: String(next),
        entries: rows.map((row) => eventView(row, admin)),
      });
    },
  },
];
