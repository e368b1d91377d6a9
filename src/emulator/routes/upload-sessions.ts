/**
 * Chunked upload sessions as box-node-sdk's uploadBigFile drives them: create (part size and
 * endpoints), PUT each part with `digest: sha=<base64 SHA-1>` and `content-range`, list parts, then
 * commit with the whole file's digest and the parts list. A part's body is streamed to its offset in
 * one file per session while its SHA-1 is taken, so no part is ever held whole in memory; a part whose
 * digest does not match is refused and not recorded (its bytes are overwritten by the retry, and the
 * commit checks the whole file anyway). The whole file's SHA-1 is taken while the parts arrive, by
 * reading back each run of parts from the start (from the page cache) as it completes, so the commit
 * only waits for what is left; the file is then moved into the blob store, written once.
 */

import { createHash, randomBytes, type Hash } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
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

/** Body bytes gathered before one write: fewer, larger writes, and only this much held per part. */
const WRITE_BATCH_BYTES = 1024 * 1024;

/**
 * Streams a part's body to its offset while hashing it; answers its SHA-1 and length. With `write`
 * false the bytes are only hashed (a retry of a part already stored, which must not overwrite it).
 * Stops reading as soon as the body is longer than the range, so a runaway body is not stored.
 */
async function receivePart(
  services: Services,
  sessionId: string,
  body: AsyncIterable<Buffer> | Iterable<Buffer>,
  offset: number,
  expectedLength: number,
  write: boolean,
): Promise<{ sha1: string; length: number }> {
  const hash = createHash('sha1');
  let file: FileHandle | undefined;
  if (write) {
    await mkdir(join(services.sessionsDir, sessionId), { recursive: true });
    file = await open(contentPath(services, sessionId), constants.O_RDWR | constants.O_CREAT, 0o600);
  }
  let length = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let batchAt = offset;
  // One write in flight while the next batch is read from the socket.
  let pending: Promise<unknown> = Promise.resolve();
  const flush = async (): Promise<void> => {
    await pending;
    if (!file || batchBytes === 0) return;
    pending = writeFully(file, batch, batchAt);
    batchAt += batchBytes;
    batch = [];
    batchBytes = 0;
  };
  try {
    for await (const chunk of body) {
      length += chunk.length;
      if (length > expectedLength) throw rangeError('The body length does not match the content-range');
      hash.update(chunk);
      if (!file) continue;
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= WRITE_BATCH_BYTES) await flush();
    }
    await flush();
    await pending;
  } finally {
    await pending.catch(() => undefined);
    await file?.close();
  }
  return { sha1: hash.digest('hex'), length };
}

async function writeFully(file: FileHandle, buffers: Buffer[], position: number): Promise<void> {
  let at = position;
  for (let rest = buffers; rest.length > 0;) {
    const { bytesWritten } = await file.writev(rest, at);
    at += bytesWritten;
    // A short write (rare) goes on from where it stopped.
    let skip = bytesWritten;
    while (rest.length > 0 && skip >= rest[0].length) {
      skip -= rest[0].length;
      rest = rest.slice(1);
    }
    if (skip > 0) rest = [rest[0].subarray(skip), ...rest.slice(1)];
  }
}

/** The whole file's SHA-1 so far: every byte before `upTo` has been hashed, in order. */
interface FileDigest {
  hash: Hash;
  upTo: number;
  /** The read-back running now, if any; one at a time per session. */
  running: Promise<void>;
}

const fileDigests = new WeakMap<Services, Map<string, FileDigest>>();

function fileDigestOf(services: Services, sessionId: string): FileDigest {
  let sessions = fileDigests.get(services);
  if (!sessions) fileDigests.set(services, (sessions = new Map()));
  let digest = sessions.get(sessionId);
  if (!digest) sessions.set(sessionId, (digest = { hash: createHash('sha1'), upTo: 0, running: Promise.resolve() }));
  return digest;
}

function forgetFileDigest(services: Services, sessionId: string): void {
  fileDigests.get(services)?.delete(sessionId);
}

/**
 * Hashes the stored parts that continue the run from the start, reading them back from the session's
 * file. Started after each part (not awaited by it) and awaited by the commit, which so hashes only
 * the parts that came after the last read-back. A digest kept in memory is lost with the emulator
 * process; the commit then starts from the first byte.
 */
function advanceFileDigest(services: Services, sessionId: string): Promise<void> {
  const digest = fileDigestOf(services, sessionId);
  digest.running = digest.running.then(async () => {
    const parts = partsOf(services.db, sessionId);
    let file: FileHandle | undefined;
    try {
      for (const part of parts) {
        if (part.offset + part.size <= digest.upTo) continue;
        if (part.offset !== digest.upTo) break;
        file ??= await open(contentPath(services, sessionId), 'r');
        const chunk = Buffer.allocUnsafe(Math.min(WRITE_BATCH_BYTES, part.size));
        for (let at = part.offset; at < part.offset + part.size;) {
          const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.length, part.offset + part.size - at), at);
          if (bytesRead === 0) throw new Error(`the session file ends before byte ${at}`);
          digest.hash.update(chunk.subarray(0, bytesRead));
          at += bytesRead;
        }
        digest.upTo = part.offset + part.size;
      }
    } finally {
      await file?.close();
    }
  });
  return digest.running;
}

function rangeError(message: string): BoxApiError {
  return new BoxApiError(416, 'requested_range_not_satisfiable', message);
}

function digestMismatch(message: string): BoxApiError {
  return new BoxApiError(412, 'precondition_failed', message);
}

/** Part uploads being received, by session and offset: a second one at once must not write the same range. */
const receiving = new WeakMap<Services, Set<string>>();

async function uploadPart(req: EmulatorRequest, services: Services, caller: Caller): Promise<EmulatorResponse> {
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
  let busy = receiving.get(services);
  if (!busy) receiving.set(services, (busy = new Set()));
  const key = `${session.id}:${start}`;
  // A part already stored (or arriving now) is only compared, never overwritten.
  const write = !partAt(services.db, session.id, start) && !busy.has(key);
  if (write) busy.add(key);
  let received: { sha1: string; length: number };
  try {
    received = await receivePart(services, session.id, req.stream ?? [req.body], start, end - start + 1, write);
  } finally {
    if (write) busy.delete(key);
  }
  if (received.length !== end - start + 1) throw rangeError('The body length does not match the content-range');
  if (received.sha1 !== sha1) throw digestMismatch("The 'digest' header does not match the SHA-1 of the part");
  const existing = partAt(services.db, session.id, start);
  if (existing) {
    // A retried part with the same bytes is the same part; different bytes would overwrite one.
    if (existing.sha1 === received.sha1 && existing.size === received.length)
      return json(200, { part: partView(existing) });
    throw new BoxApiError(409, 'conflict', 'A different part has already been uploaded for this range');
  }
  if (!write) throw new BoxApiError(409, 'conflict', 'This part is being uploaded by another request');
  const part: UploadPartRow = {
    session_id: session.id,
    part_id: randomBytes(4).toString('hex').toUpperCase(),
    offset: start,
    size: received.length,
    sha1: received.sha1,
  };
  insertPart(services.db, part);
  // Not awaited: the read-back hashes while the next parts arrive; a failure shows at the commit.
  advanceFileDigest(services, session.id).catch(() => undefined);
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
  // After a failed read-back (or an emulator restart) the digest is taken again from the first byte.
  await advanceFileDigest(services, session.id).catch(() => forgetFileDigest(services, session.id));
  const digest = fileDigestOf(services, session.id);
  if (digest.upTo !== session.file_size) await advanceFileDigest(services, session.id);
  if (digest.upTo !== session.file_size) throw new Error('the session file does not hold every part');
  // A copy: a commit refused for its digest leaves the session, and its digest, for a right one.
  const sha1 = digest.hash.copy().digest('hex');
  if (sha1 !== expected) throw digestMismatch("The 'digest' header does not match the SHA-1 of the uploaded file");
  forgetFileDigest(services, session.id);
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
  {
    method: 'PUT',
    pattern: '/2.0/files/upload_sessions/:upload_session_id',
    access: 'api',
    streaming: true,
    handler: uploadPart,
  },
  {
    method: 'DELETE',
    pattern: '/2.0/files/upload_sessions/:upload_session_id',
    access: 'api',
    handler: (req, services, caller) => {
      const session = loadSession(services, caller, req);
      deleteSession(services.db, session.id);
      forgetFileDigest(services, session.id);
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
