/**
 * Streams a file from its source into Box in one pass, hashing on the way (SHA-256 for the
 * catalogue, SHA-1 for Box's own digests). Up to `directMaxBytes` it is one upload; above, a chunked
 * upload session driven part by part (box-node-sdk's uploadBigFile wants the whole stream and its
 * parts' SHA-1 from the server, and cannot resume), its hashes taken in a worker thread (hashing.ts)
 * while the event loop downloads and sends. Memory stays at a few parts whatever the size: the
 * source is read only as fast as parts leave, with at most `parallelParts` in flight.
 *
 * A session that cannot be completed is deleted in Box, so no half-written file is left; a session
 * that survives a crash is resumed by listing its parts and sending only those missing.
 */
import { UploadFileHeaders } from 'box-node-sdk/managers/uploads';
import type { UploadPart } from 'box-node-sdk/schemas/uploadPart';
import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ConflictError, NotFoundError } from '../../footage/errors';
import {
  ContentLengthMismatchError,
  type StreamedFile,
  type StreamedUpload,
} from '../../footage/ports/chat-upload-box';
import type { BoxContext } from '../context';
import { boxStep } from '../errors';
import { sharedPartBuffer, UploadHasher } from './hashing';

export interface StreamingSettings {
  /** Largest file sent as one upload (Box recommends chunked uploads above 50 MB). */
  directMaxBytes: number;
  /** Parts in flight at once. */
  parallelParts: number;
  /** Tries per part, the first included (the SDK's own retries of 429/5xx come on top). */
  partAttempts: number;
  /** Times a commit still answered 202 after the SDK's retries is tried again. */
  commitAttempts: number;
  /** Wait between those commit tries when Box gave no retry-after. */
  commitWaitMs: number;
}

export const DEFAULT_STREAMING: StreamingSettings = {
  directMaxBytes: 50 * 1024 * 1024,
  parallelParts: 3,
  partAttempts: 3,
  commitAttempts: 10,
  commitWaitMs: 2000,
};

interface Digests {
  sha256: Hash;
  sha1: Hash;
}

export async function streamUpload(
  ctx: BoxContext,
  settings: StreamingSettings,
  upload: StreamedUpload,
): Promise<StreamedFile> {
  if (upload.sizeBytes <= settings.directMaxBytes) return directUpload(ctx, upload);
  return chunkedUpload(ctx, settings, upload);
}

/** Small files: read whole (at most directMaxBytes), then one multipart upload with the SHA-1 as content-md5. */
async function directUpload(ctx: BoxContext, upload: StreamedUpload): Promise<StreamedFile> {
  const digests: Digests = { sha256: createHash('sha256'), sha1: createHash('sha1') };
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of upload.content) {
    received += chunk.length;
    if (received > upload.sizeBytes) throw new ContentLengthMismatchError(upload.sizeBytes, received);
    digests.sha256.update(chunk);
    digests.sha1.update(chunk);
    chunks.push(Buffer.from(chunk));
  }
  if (received !== upload.sizeBytes) throw new ContentLengthMismatchError(upload.sizeBytes, received);
  upload.progress?.(received);
  const sha1 = digests.sha1.digest('hex');
  const sha256 = digests.sha256.digest('hex');
  try {
    const files = await boxStep('Uploading a file from the chat into Box', () =>
      ctx.client.uploads.uploadFile(
        {
          attributes: { name: upload.fileName, parent: { id: upload.folderId } },
          file: Readable.from([Buffer.concat(chunks)]),
        },
        { headers: new UploadFileHeaders({ contentMd5: sha1 }) },
      ),
    );
    const fileId = files.entries?.[0]?.id;
    if (!fileId) throw new Error('Box answered an upload without the file');
    return { fileId, sizeBytes: received, sha1, sha256, method: 'direct' };
  } catch (error) {
    const existing = await sameContentAlreadyThere(ctx, error, sha1);
    if (existing) return { fileId: existing, sizeBytes: received, sha1, sha256, method: 'direct' };
    throw error;
  }
}

/**
 * A name already taken in the staging folder by a file with the same SHA-1 is this upload, made by
 * an attempt that stopped before it could record it: adopted, so a restart never makes two files.
 */
async function sameContentAlreadyThere(ctx: BoxContext, error: unknown, sha1: string): Promise<string | undefined> {
  if (!(error instanceof ConflictError) || !error.existingId) return undefined;
  const existingId = error.existingId;
  const file = await boxStep('Reading the file already in the staging folder', () =>
    ctx.client.files.getFileById(existingId, { queryParams: { fields: ['id', 'sha1'] } }),
  );
  return file.sha1 === sha1 ? existingId : undefined;
}

async function chunkedUpload(
  ctx: BoxContext,
  settings: StreamingSettings,
  upload: StreamedUpload,
): Promise<StreamedFile> {
  const session = await openSession(ctx, upload);
  await upload.sessionOpened?.(session.id);
  try {
    return await sendParts(ctx, settings, upload, session);
  } catch (error) {
    // Nothing half-written: the parts sent so far go with the session.
    await abortSession(ctx, session.id).catch(() => undefined);
    throw error;
  }
}

interface OpenSession {
  id: string;
  partSize: number;
  /** Parts already in Box (a resumed session), by offset. */
  present: Map<number, UploadPart>;
}

async function openSession(ctx: BoxContext, upload: StreamedUpload): Promise<OpenSession> {
  if (upload.resumeSessionId) {
    const resumed = await resumeSession(ctx, upload.resumeSessionId);
    if (resumed) return resumed;
  }
  const session = await boxStep('Opening a chunked upload session in Box', () =>
    ctx.client.chunkedUploads.createFileUploadSession({
      folderId: upload.folderId,
      fileSize: upload.sizeBytes,
      fileName: upload.fileName,
    }),
  );
  if (!session.id || !session.partSize) throw new Error('Box opened an upload session without an id or part size');
  return { id: session.id, partSize: session.partSize, present: new Map() };
}

/** The session and the parts it holds; undefined when Box no longer has it (expired, aborted, committed). */
async function resumeSession(ctx: BoxContext, sessionId: string): Promise<OpenSession | undefined> {
  try {
    const session = await boxStep('Reading an interrupted upload session', () =>
      ctx.client.chunkedUploads.getFileUploadSessionById(sessionId),
    );
    if (!session.id || !session.partSize) return undefined;
    const present = new Map<number, UploadPart>();
    let offset = 0;
    for (;;) {
      const page = await boxStep('Listing the parts of an interrupted upload', () =>
        ctx.client.chunkedUploads.getFileUploadSessionParts(sessionId, { queryParams: { offset, limit: 1000 } }),
      );
      const entries = page.entries ?? [];
      for (const part of entries) if (part.offset !== undefined) present.set(part.offset, part);
      offset += entries.length;
      if (entries.length === 0 || offset >= (page.totalCount ?? 0)) break;
    }
    return { id: session.id, partSize: session.partSize, present };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}

async function sendParts(
  ctx: BoxContext,
  settings: StreamingSettings,
  upload: StreamedUpload,
  session: OpenSession,
): Promise<StreamedFile> {
  const hasher = new UploadHasher();
  try {
    return await sendPartsHashed(ctx, settings, upload, session, hasher);
  } finally {
    await hasher.close();
  }
}

async function sendPartsHashed(
  ctx: BoxContext,
  settings: StreamingSettings,
  upload: StreamedUpload,
  session: OpenSession,
  hasher: UploadHasher,
): Promise<StreamedFile> {
  const { sizeBytes } = upload;
  const sent: UploadPart[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let received = 0;
  let offset = 0;
  // Part buffers are reused once their part is in Box: a fresh 8 MiB buffer per part made the
  // garbage collector the largest cost of the copy. At most parallelParts in flight plus one filling.
  const fullSize = Math.min(session.partSize, sizeBytes);
  const spare: Buffer[] = [];
  const partBuffer = (length: number): Buffer => (spare.pop() ?? sharedPartBuffer(fullSize)).subarray(0, length);
  let buffer = partBuffer(fullSize);
  let filled = 0;

  const dispatch = async (part: Buffer, at: number): Promise<void> => {
    while (inFlight.size >= settings.parallelParts) await Promise.race(inFlight);
    if (failure) throw failure;
    // Asked here, in the file's order, so the worker adds the parts to the file's hashes in order.
    const task = hasher
      .addPart(part)
      .then((sha1) => sendPart(ctx, settings, session, part, sha1, at, sizeBytes))
      .then((done) => {
        sent.push(done);
        upload.progress?.(Math.min(received, sizeBytes));
      })
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        spare.push(Buffer.from(part.buffer, part.byteOffset, fullSize));
        inFlight.delete(task);
      });
    inFlight.add(task);
  };

  try {
    await readParts();
  } catch (error) {
    // Parts still in flight finish first, so the abort that follows removes them all.
    throw await drained(inFlight, error);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  if (received !== sizeBytes) throw new ContentLengthMismatchError(sizeBytes, received);
  const { sha1, sha256 } = await hasher.fileDigests();
  const fileId = await commit(ctx, settings, session.id, sent, sha1);
  return { fileId, sizeBytes, sha1, sha256, method: 'chunked' };

  async function readParts(): Promise<void> {
    for await (const chunk of upload.content) {
      let view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      while (view.length > 0) {
        if (received + view.length > sizeBytes) throw new ContentLengthMismatchError(sizeBytes, received + view.length);
        const take = Math.min(view.length, buffer.length - filled);
        view.copy(buffer, filled, 0, take);
        filled += take;
        received += take;
        view = view.subarray(take);
        if (filled === buffer.length) {
          await dispatch(buffer, offset);
          offset += filled;
          filled = 0;
          if (offset < sizeBytes) buffer = partBuffer(Math.min(session.partSize, sizeBytes - offset));
        }
      }
      if (failure) throw failure;
    }
  }
}

/** Waits for the parts in flight before passing the error on. */
async function drained(inFlight: Set<Promise<void>>, error: unknown): Promise<unknown> {
  await Promise.all(inFlight);
  return error;
}

async function sendPart(
  ctx: BoxContext,
  settings: StreamingSettings,
  session: OpenSession,
  part: Buffer,
  sha1Hex: string,
  offset: number,
  total: number,
): Promise<UploadPart> {
  const present = session.present.get(offset);
  if (present && present.size === part.length && present.sha1 === sha1Hex) return present;
  const headers = {
    digest: `sha=${Buffer.from(sha1Hex, 'hex').toString('base64')}`,
    contentRange: `bytes ${offset}-${offset + part.length - 1}/${total}`,
  };
  for (let attempt = 1; ; attempt += 1) {
    try {
      const uploaded = await boxStep('Sending a part of a chunked upload', () =>
        ctx.client.chunkedUploads.uploadFilePart(session.id, Readable.from([part]), headers),
      );
      if (!uploaded.part) throw new Error('Box answered a part upload without the part');
      return uploaded.part;
    } catch (error) {
      if (attempt >= settings.partAttempts) throw error;
    }
  }
}

/** Box may answer 202 while it assembles the file; the SDK's retries honour its retry-after, and then this waits more. */
async function commit(
  ctx: BoxContext,
  settings: StreamingSettings,
  sessionId: string,
  parts: UploadPart[],
  sha1Hex: string,
): Promise<string> {
  const ordered = [...parts]
    .sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0))
    .map((p) => ({ partId: p.partId, offset: p.offset, size: p.size, sha1: p.sha1 }));
  const digest = `sha=${Buffer.from(sha1Hex, 'hex').toString('base64')}`;
  for (let attempt = 1; attempt <= settings.commitAttempts; attempt += 1) {
    const files = await boxStep('Completing a chunked upload in Box', () =>
      ctx.client.chunkedUploads.createFileUploadSessionCommit(sessionId, { parts: ordered }, { digest }),
    );
    const fileId = files?.entries?.[0]?.id;
    if (fileId) return fileId;
    await new Promise((resolve) => setTimeout(resolve, settings.commitWaitMs));
  }
  throw new Error(`Box was still assembling the upload after ${settings.commitAttempts} tries`);
}

export async function abortSession(ctx: BoxContext, sessionId: string): Promise<void> {
  try {
    await boxStep('Deleting an upload session that could not complete', () =>
      ctx.client.chunkedUploads.deleteFileUploadSessionById(sessionId),
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}
