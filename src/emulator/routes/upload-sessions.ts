/**
 * Chunked upload sessions as box-node-sdk's uploadBigFile drives them: create (part size and
 * endpoints), PUT each part with `digest: sha=<base64 SHA-1>` and `content-range`, list parts, then
 * commit with the whole file's digest and the parts list. Each part is written at its offset into one
 * file per session, so the commit only reads it once to check the whole file's SHA-1 and then moves
 * it into the blob store: the file is written once, not once per part and again when assembled.
 */

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, createReadStream, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Caller, Services } from '../context';
import { BoxApiError, badRequest, notFound } from '../errors';
import {
  empty,
  header,
  intParam,
  isObject,
  json,
  jsonBody,
  type EmulatorRequest,
  type EmulatorResponse,
} from '../http';
import { assertNameFree, targetFolder, validateName } from '../items';
import type { Route } from '../router';
import {
  deleteSession,
  getSession,
  insertPart,
  insertSession,
  partAt,
  partsOf,
  type UploadPartRow,
  type UploadSessionRow,
} from '../state/upload-sessions';
import { boxDateTime } from '../time';
import { createFile, filesResponse } from './uploads';

const SESSION_LIFETIME_MS = 7 * 24 * 3600_000;

function sessionEndpoints(services: Services, id: string): Record<string, string> {
  const base = `${services.urls.upload}/2.0/files/upload_sessions/${id}`;
  return {
    upload_part: base,
    commit: `${base}/commit`,
    abort: base,
    list_parts: `${base}/parts`,
    status: base,
    log_event: `${base}/log`,
  };
}

function sessionView(services: Services, session: UploadSessionRow): Record<string, unknown> {
  return {
    id: session.id,
    type: 'upload_session',
    session_expires_at: boxDateTime(session.expires_at),
    part_size: session.part_size,
    total_parts: session.total_parts,
    num_parts_processed: partsOf(services.db, session.id).length,
    session_endpoints: sessionEndpoints(services, session.id),
  };
}

function partView(part: UploadPartRow): Record<string, unknown> {
  return { part_id: part.part_id, offset: part.offset, size: part.size, sha1: part.sha1 };
}

/** A session exists only for the user who opened it (and only until it expires). */
function loadSession(services: Services, caller: Caller, req: EmulatorRequest): UploadSessionRow {
  const session = getSession(services.db, req.params.upload_session_id);
  if (!session || session.user_id !== caller.user.id || session.expires_at <= caller.now)
    throw notFound({ name: 'upload_session_id', id: req.params.upload_session_id });
  return session;
}

/** The SHA-1 named by an RFC 3230 `digest: sha=<base64>` header, as hex. */
function digestSha1(req: EmulatorRequest): string {
  const value = header(req, 'digest');
  const match = value ? /^sha=([A-Za-z0-9+/]{27}=)$/.exec(value.trim()) : null;
  if (!match)
    throw badRequest(
      "The 'digest' header is missing or not of the form sha=<base64 SHA-1>",
      undefined,
      'missing_or_invalid_digest',
    );
  return Buffer.from(match[1], 'base64').toString('hex');
}

/** The session's file, as long as the file once all parts are in; parts land at their own offsets. */
function contentPath(services: Services, sessionId: string): string {
  return join(services.sessionsDir, sessionId, 'content');
}

/** Synchronous, so the check for an existing part and the write of its bytes cannot interleave with another request. */
function writePart(services: Services, sessionId: string, offset: number, bytes: Buffer): void {
  mkdirSync(join(services.sessionsDir, sessionId), { recursive: true });
  const fd = openSync(contentPath(services, sessionId), constants.O_RDWR | constants.O_CREAT, 0o600);
  try {
    for (let written = 0; written < bytes.length;)
      written += writeSync(fd, bytes, written, bytes.length - written, offset + written);
  } finally {
    closeSync(fd);
  }
}

/** Large reads: the whole file is hashed once at the commit. */
async function sha1OfFile(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function rangeError(message: string): BoxApiError {
  return new BoxApiError(416, 'requested_range_not_satisfiable', message);
}

function digestMismatch(message: string): BoxApiError {
  return new BoxApiError(412, 'precondition_failed', message);
}

function uploadPart(req: EmulatorRequest, services: Services, caller: Caller): ReturnType<typeof json> {
  const session = loadSession(services, caller, req);
  const sha1 = digestSha1(req);
  const range = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header(req, 'content-range')?.trim() ?? '');
  if (!range) throw rangeError("The 'content-range' header must be of the form 'bytes <first>-<last>/<file size>'");
  const [start, end, total] = range.slice(1).map(Number);
  const isLast = end === session.file_size - 1;
  if (total !== session.file_size || start % session.part_size !== 0 || end < start || end >= session.file_size) {
    throw rangeError('The content-range does not describe a part of this session');
  }
  if (end - start + 1 !== session.part_size && !isLast)
    throw rangeError(`Parts must be ${session.part_size} bytes, except the last`);
  if (req.body.length !== end - start + 1) throw rangeError('The body length does not match the content-range');
  const actual = createHash('sha1').update(req.body).digest('hex');
  if (actual !== sha1) throw digestMismatch("The 'digest' header does not match the SHA-1 of the part");
  const existing = partAt(services.db, session.id, start);
  if (existing) {
    // A retried part with the same bytes is the same part; different bytes would overwrite one.
    if (existing.sha1 === actual && existing.size === req.body.length) return json(200, { part: partView(existing) });
    throw new BoxApiError(409, 'conflict', 'A different part has already been uploaded for this range');
  }
  writePart(services, session.id, start, req.body);
  const part: UploadPartRow = {
    session_id: session.id,
    part_id: randomBytes(4).toString('hex').toUpperCase(),
    offset: start,
    size: req.body.length,
    sha1: actual,
  };
  insertPart(services.db, part);
  return json(200, { part: partView(part) });
}

/** The parts named in the commit must be exactly the uploaded parts, in order, covering the file. */
function checkCommitParts(session: UploadSessionRow, stored: UploadPartRow[], listed: unknown): void {
  if (!Array.isArray(listed) || listed.length === 0)
    throw badRequest("'parts' is required", {
      errors: [{ reason: 'missing_parameter', name: 'parts', message: "'parts' is required" }],
    });
  const covered = stored.reduce((sum, p) => sum + p.size, 0);
  if (stored.length !== session.total_parts || covered !== session.file_size)
    throw badRequest('Not all parts of the file have been uploaded', undefined, 'incomplete_upload');
  const sorted = [...listed].sort((a, b) => Number(isObject(a) ? a.offset : 0) - Number(isObject(b) ? b.offset : 0));
  const matches =
    sorted.length === stored.length &&
    sorted.every(
      (p, i) =>
        isObject(p) &&
        p.part_id === stored[i].part_id &&
        p.offset === stored[i].offset &&
        p.size === stored[i].size &&
        (p.sha1 === undefined || p.sha1 === stored[i].sha1),
    );
  if (!matches) throw badRequest('The parts list does not match the uploaded parts', undefined, 'parts_mismatch');
}

async function commit(req: EmulatorRequest, services: Services, caller: Caller): Promise<EmulatorResponse> {
  const session = loadSession(services, caller, req);
  const expected = digestSha1(req);
  const body = jsonBody(req);
  const stored = partsOf(services.db, session.id);
  checkCommitParts(session, stored, body.parts);
  if (services.commitHolds.remaining > 0) {
    services.commitHolds.remaining -= 1;
    return { kind: 'empty', status: 202, headers: { 'retry-after': String(services.commitHolds.retryAfter) } };
  }
  const attributes = isObject(body.attributes) ? body.attributes : {};
  // Every part's bytes and SHA-1 were checked on arrival; the whole file's digest is checked here.
  const content = contentPath(services, session.id);
  const sha1 = await sha1OfFile(content);
  if (sha1 !== expected) throw digestMismatch("The 'digest' header does not match the SHA-1 of the uploaded file");
  services.blobs.adopt(content, sha1);
  const item = createFile(services, caller, {
    name: session.file_name,
    folderId: String(session.folder_id),
    sha1,
    size: session.file_size,
    attributes,
  });
  deleteSession(services.db, session.id);
  rmSync(join(services.sessionsDir, session.id), { recursive: true, force: true });
  return filesResponse(req, services, caller, item);
}

export const uploadSessionRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/files/upload_sessions',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const name = validateName(body.file_name);
      const size = body.file_size;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0)
        throw badRequest("'file_size' must be a whole number of bytes");
      if (size < services.settings.minChunkedUploadSize) {
        throw badRequest(
          `File size ${size} is less than minimum allowed for this API: ${services.settings.minChunkedUploadSize}`,
          undefined,
          'file_size_too_small',
        );
      }
      const target = targetFolder(services, caller, body.folder_id, 'folder_id');
      assertNameFree(services, target.folderId, name, caller.user.id, 'object');
      const partSize = services.settings.uploadPartSize;
      const session: UploadSessionRow = {
        id: randomBytes(16).toString('hex').toUpperCase(),
        folder_id: target.folderId,
        file_name: name,
        file_size: size,
        part_size: partSize,
        total_parts: Math.max(1, Math.ceil(size / partSize)),
        user_id: caller.user.id,
        expires_at: caller.now + SESSION_LIFETIME_MS,
      };
      insertSession(services.db, session);
      return json(201, sessionView(services, session));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/files/upload_sessions/:upload_session_id',
    access: 'api',
    handler: (req, services, caller) => json(200, sessionView(services, loadSession(services, caller, req))),
  },
  { method: 'PUT', pattern: '/2.0/files/upload_sessions/:upload_session_id', access: 'api', handler: uploadPart },
  {
    method: 'DELETE',
    pattern: '/2.0/files/upload_sessions/:upload_session_id',
    access: 'api',
    handler: (req, services, caller) => {
      const session = loadSession(services, caller, req);
      deleteSession(services.db, session.id);
      rmSync(join(services.sessionsDir, session.id), { recursive: true, force: true });
      return empty(204);
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/files/upload_sessions/:upload_session_id/parts',
    access: 'api',
    handler: (req, services, caller) => {
      const session = loadSession(services, caller, req);
      const parts = partsOf(services.db, session.id);
      const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = intParam(req, 'limit', 1000, 1, 1000);
      return json(200, {
        entries: parts.slice(offset, offset + limit).map(partView),
        limit,
        offset,
        total_count: parts.length,
      });
    },
  },
  { method: 'POST', pattern: '/2.0/files/upload_sessions/:upload_session_id/commit', access: 'api', handler: commit },
];
