/**
 * Requests and responses as the emulator's handlers see them, and the small helpers for reading a
 * request (headers, JSON bodies, paging parameters) and answering it (JSON, empty, HTML).
 */

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { badRequest } from './errors';

/** A request as handlers see it: body already read, path normalised, path parameters bound. */
export interface EmulatorRequest {
  method: string;
  /** Path without the upload server's `/api` prefix and without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The unread body, for streaming routes only. */
  stream?: IncomingMessage;
  params: Record<string, string>;
  requestId: string;
}

export type EmulatorResponse =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'bytes'; status: number; body: Buffer; contentType: string; headers?: Record<string, string> }
  | {
      kind: 'file';
      status: number;
      path: string;
      start: number;
      end: number;
      contentType: string;
      headers?: Record<string, string>;
    }
  | { kind: 'empty'; status: number; headers?: Record<string, string> };

export function json(status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { kind: 'json', status, body, headers };
}

export function empty(status: number, headers?: Record<string, string>): EmulatorResponse {
  return { kind: 'empty', status, headers };
}

export function header(req: EmulatorRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a JSON request body; Box answers malformed JSON with 400. */
export function jsonBody(req: EmulatorRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw badRequest('Invalid JSON in request body');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw badRequest('Request body must be a JSON object');
  return parsed as Record<string, unknown>;
}

export function jsonArrayBody(req: EmulatorRequest): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw badRequest('Invalid JSON in request body');
  }
  if (!Array.isArray(parsed)) throw badRequest('Request body must be a JSON array');
  return parsed;
}

/** Integer query parameter within bounds; Box answers out-of-range paging values with 400. */
export function intParam(req: EmulatorRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`Invalid value '${raw}' for query parameter '${name}'`);
  const value = Number(raw);
  if (value < min) throw badRequest(`Invalid value '${raw}' for query parameter '${name}'`);
  return Math.min(value, max);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function html(status: number, page: string): EmulatorResponse {
  return { kind: 'bytes', status, body: Buffer.from(page, 'utf8'), contentType: 'text/html; charset=utf-8' };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
