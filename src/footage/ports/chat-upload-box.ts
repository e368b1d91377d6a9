/**
 * What uploading a file from the chat needs from Box: the bytes streamed into a staging folder in
 * one pass (hashed on the way), an interrupted chunked upload picked up again, and an upload that
 * cannot complete removed so nothing half-written stays. In the domain's words; src/box/ implements
 * it with the SDK.
 */
import { DomainError } from '../errors';

export interface StreamedUpload {
  folderId: string;
  fileName: string;
  /** As the source announced it; content of another length is refused and nothing is kept. */
  sizeBytes: number;
  content: AsyncIterable<Uint8Array>;
  /** A chunked upload session a previous attempt opened: its parts are listed and those already there are not sent again. */
  resumeSessionId?: string | null;
  /** Called once a chunked upload session exists, before any part is sent, so a restart can find it. */
  sessionOpened?(sessionId: string): Promise<void>;
  /** Bytes read from the source so far (called per part, or once for a direct upload). */
  progress?(bytes: number): void;
}

export interface StreamedFile {
  fileId: string;
  sizeBytes: number;
  /** Hex, computed over the same pass that sent the bytes. */
  sha256: string;
  sha1: string;
  /** 'direct' or 'chunked', for the logs and the tests. */
  method: 'direct' | 'chunked';
}

export interface ChatUploadBoxPort {
  /** Streams `content` into Box: a direct upload up to the threshold, a chunked upload session above. */
  upload(upload: StreamedUpload): Promise<StreamedFile>;
  /** Deletes a chunked upload session (abort); a session already gone is fine. */
  abortSession(sessionId: string): Promise<void>;
  /** Deletes a staged file (a duplicate, or a file the officer discarded). */
  deleteFile(fileId: string): Promise<void>;
}

/** The source ended before (or ran past) the announced size: nothing of it is kept in Box. */
export class ContentLengthMismatchError extends DomainError {
  constructor(
    readonly expected: number,
    readonly received: number,
    options?: { cause?: unknown },
  ) {
    super(`the download ${received < expected ? 'stopped' : 'ran on'} at ${received} of ${expected} bytes`, options);
  }
}
