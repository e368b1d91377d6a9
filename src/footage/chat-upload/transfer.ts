/**
 * The durable job that copies one attached file from Teams' download link into a staging folder in
 * Box: size checked first (empty, over the limit), the bytes streamed once (SHA-256 on the way,
 * chunked above the direct-upload size), the content sniffed, and the same content already in Box
 * recognised so it is not stored twice. A job interrupted by a restart runs again: an upload
 * session it opened is resumed (its parts listed) while the link still works, and aborted when
 * not, so there is never a second file nor a half-written one.
 */
import { SYSTEM_ACTOR } from '../../audit';
import { logger } from '../../log';
import type { JobHandler, JobOutcome } from '../../workers/job-handler';
import { describeError } from '../access/audit';
import { DomainError, UpstreamUnavailableError } from '../errors';
import { classifyContent, SNIFF_BYTES } from '../footage-requests/content';
import { ContentLengthMismatchError, type ChatUploadBoxPort } from '../ports/chat-upload-box';
import type { IntakeBoxPort } from '../ports/intake-box';
import type { Job, Store } from '../ports/store';
import { chatUploadTarget } from './audit';
import type { AttachmentSource, ChatUploadNotifier } from './ports';
import { CHAT_UPLOAD_JOB_KINDS, type ChatUploadService } from './service';
import type { ChatUpload, ChatUploadFailure } from './types';

export interface TransferSettings {
  /** Largest file accepted (UPLOAD_MAX_GB). */
  maxBytes: number;
  /** Files above this go through a chunked session and get progress on their card. */
  progressAboveBytes: number;
  /** Least time between two progress updates of a card. */
  progressEveryMs: number;
  /**
   * Longest wait for the next bytes of the attachment while the upload is asking for them: a link
   * that stops sending without closing is given up rather than holding the job for ever. Time the
   * upload spends waiting for Box does not count.
   */
  idleTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

export interface TransferDeps {
  store: Store;
  box: ChatUploadBoxPort;
  intake: Pick<IntakeBoxPort, 'ensureIntakeFolder' | 'findBySha256'>;
  source: AttachmentSource;
  notifier: ChatUploadNotifier;
  service: Pick<ChatUploadService, 'handOver'>;
  settings: TransferSettings;
}

/** The staging folder of one upload, under CCTV/_incoming with the owners' intake folders. */
export function stagingFolderName(uploadId: string): string {
  return `chat-${uploadId}`;
}

export class TransferJob implements JobHandler {
  readonly kind = CHAT_UPLOAD_JOB_KINDS.transfer;

  constructor(private readonly deps: TransferDeps) {}

  async handle(job: Job): Promise<JobOutcome> {
    const payload = job.payload;
    const uploadId =
      typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload.uploadId : undefined;
    if (typeof uploadId !== 'string') return { kind: 'failed', error: 'transfer job without an upload id' };
    const upload = await this.deps.store.chatUploads.get(uploadId);
    if (!upload) return { kind: 'failed', error: `chat upload ${uploadId} is not stored` };
    if (upload.state !== 'receiving') {
      // Staged before a restart, but the hand-over may not have happened.
      if (upload.state === 'staged' && upload.description) await this.deps.service.handOver(upload);
      return { kind: 'done' };
    }
    try {
      await this.transfer(upload);
      return { kind: 'done' };
    } catch (error) {
      const transient = error instanceof UpstreamUnavailableError || !(error instanceof DomainError);
      if (transient && job.attempts < this.deps.settings.maxAttempts) {
        logger.warn(
          { uploadId, attempt: job.attempts, err: describeError(error) },
          'chat upload could not be copied yet; will retry',
        );
        return {
          kind: 'retry',
          error: describeError(error),
          delayMs: this.deps.settings.retryBaseMs * 2 ** (job.attempts - 1),
        };
      }
      await this.fail(
        upload,
        error instanceof UpstreamUnavailableError ? 'box_unavailable' : 'box_refused',
        describeError(error),
      );
      return { kind: 'failed', error: describeError(error) };
    }
  }

  private async transfer(upload: ChatUpload): Promise<void> {
    const { store, box, intake, source, settings } = this.deps;
    if (!upload.downloadUrl) return this.fail(upload, 'expired_link', 'the download link is no longer kept');
    const opened = await source.open(upload.downloadUrl);
    if (opened.kind === 'expired') {
      if (upload.uploadSessionId) await box.abortSession(upload.uploadSessionId);
      return this.fail(upload, 'expired_link', `Teams' download link answered ${opened.status}`);
    }
    const size = opened.sizeBytes;
    const refusal: [ChatUploadFailure, string] | undefined =
      size === null
        ? ['unknown_size', 'the download did not say how big the file is']
        : size === 0
          ? ['empty_file', 'the file is empty']
          : size > settings.maxBytes
            ? ['too_large', `${size} bytes is over the ${settings.maxBytes} byte limit`]
            : undefined;
    if (refusal || size === null) {
      opened.cancel();
      if (upload.uploadSessionId) await box.abortSession(upload.uploadSessionId);
      return this.fail(upload, refusal?.[0] ?? 'unknown_size', refusal?.[1] ?? 'unknown size');
    }
    const folder = await intake.ensureIntakeFolder(stagingFolderName(upload.id));
    let current =
      (await store.chatUploads.update(upload.id, {
        sizeBytes: size,
        stagingFolderId: folder.id,
        transferredBytes: 0,
      })) ?? upload;
    if (size > settings.progressAboveBytes) await this.deps.notifier.show(current);

    const head: Buffer[] = [];
    let headLength = 0;
    let read = 0;
    const sniffed = async function* (content: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
      try {
        for await (const chunk of withIdleLimit(content, settings.idleTimeoutMs, opened.cancel)) {
          read += chunk.length;
          if (headLength < SNIFF_BYTES) {
            const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - headLength));
            head.push(part);
            headLength += part.length;
          }
          yield chunk;
        }
      } catch (error) {
        // The connection to Teams dropped: the same as a download that ends early.
        throw new ContentLengthMismatchError(size, read, { cause: error });
      }
    };
    let lastShown = Date.now();
    let showing: Promise<void> = Promise.resolve();
    const progress = (bytes: number): void => {
      if (size <= settings.progressAboveBytes || bytes >= size || Date.now() - lastShown < settings.progressEveryMs)
        return;
      lastShown = Date.now();
      showing = showing
        .then(async () => {
          current = (await store.chatUploads.update(upload.id, { transferredBytes: bytes })) ?? current;
          await this.deps.notifier.show(current);
        })
        .catch((error: unknown) => logger.warn({ err: error, uploadId: upload.id }, 'progress card not updated'));
    };

    let stored;
    try {
      stored = await box.upload({
        folderId: folder.id,
        fileName: upload.fileName,
        sizeBytes: size,
        content: sniffed(opened.content),
        resumeSessionId: upload.uploadSessionId,
        sessionOpened: async (sessionId) => {
          await store.chatUploads.update(upload.id, { uploadSessionId: sessionId });
        },
        progress,
      });
    } catch (error) {
      opened.cancel();
      await showing;
      if (error instanceof ContentLengthMismatchError) {
        await store.chatUploads.update(upload.id, { transferredBytes: error.received });
        return this.fail(upload, 'incomplete_download', error.message);
      }
      throw error;
    }
    await showing;
    const kind = classifyContent(Buffer.concat(head), upload.fileName);
    const duplicate = (await intake.findBySha256(stored.sha256)).find((found) => found.fileId !== stored.fileId);
    if (duplicate) {
      await box.deleteFile(stored.fileId);
      const marked = await store.transaction(async (tx) => {
        const moved = await tx.chatUploads.transition(upload.id, ['receiving'], {
          state: 'duplicate',
          downloadUrl: null,
          uploadSessionId: null,
          sha256: stored.sha256,
          transferredBytes: size,
          isVideo: kind.isVideo,
          duplicateOfFileId: duplicate.fileId,
          duplicateOfName: duplicate.fileName,
        });
        if (moved)
          await tx.audit.append({
            actor: SYSTEM_ACTOR,
            action: 'chat_upload_duplicate',
            target: chatUploadTarget(upload.id),
            details: { sha256: stored.sha256, duplicateOf: duplicate.fileId },
          });
        return moved;
      });
      if (marked) await this.deps.notifier.show(marked);
      return;
    }
    const staged = await store.transaction(async (tx) => {
      const moved = await tx.chatUploads.transition(upload.id, ['receiving'], {
        state: 'staged',
        downloadUrl: null,
        uploadSessionId: null,
        stagedFileId: stored.fileId,
        sha256: stored.sha256,
        transferredBytes: size,
        isVideo: kind.isVideo,
      });
      if (moved) {
        await tx.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'chat_upload_staged',
          target: chatUploadTarget(upload.id),
          details: {
            boxFileId: stored.fileId,
            sha256: stored.sha256,
            sizeBytes: size,
            method: stored.method,
            contentType: kind.contentType,
          },
        });
      }
      return moved;
    });
    if (!staged) return;
    const handed = staged.description ? await this.deps.service.handOver(staged) : staged;
    if (handed.state === 'staged' && handed.description === staged.description) await this.deps.notifier.show(handed);
  }

  private async fail(upload: ChatUpload, failure: ChatUploadFailure, error: string): Promise<void> {
    const { store } = this.deps;
    const failed = await store.transaction(async (tx) => {
      const moved = await tx.chatUploads.transition(upload.id, ['receiving'], {
        state: 'failed',
        failure,
        error,
        downloadUrl: null,
        uploadSessionId: null,
      });
      if (moved)
        await tx.audit.append({
          actor: SYSTEM_ACTOR,
          action: 'chat_upload_failed',
          target: chatUploadTarget(upload.id),
          details: { failure, error },
        });
      return moved;
    });
    if (failed) await this.deps.notifier.show(failed);
  }
}

/** The recurring reminder about staged files nobody described. */
export class StagingReminderJob implements JobHandler {
  readonly kind = CHAT_UPLOAD_JOB_KINDS.stagingReminder;

  constructor(
    private readonly service: Pick<ChatUploadService, 'remindStale'>,
    private readonly stagingDays: number,
  ) {}

  async handle(): Promise<JobOutcome> {
    const reminded = await this.service.remindStale(this.stagingDays);
    if (reminded > 0) logger.info({ reminded }, 'officers reminded of staged chat uploads');
    return { kind: 'done' };
  }
}

/**
 * The chunks of `content`, failing when one is awaited for longer than `idleMs`: `cancel` then
 * closes the source, and the error says the link stopped sending.
 */
async function* withIdleLimit(
  content: AsyncIterable<Uint8Array>,
  idleMs: number,
  cancel: () => void,
): AsyncGenerator<Uint8Array> {
  const chunks = content[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        cancel();
        reject(new Error(`the download link sent nothing for ${Math.round(idleMs / 1000)} s`));
      }, idleMs);
    });
    const next = chunks.next();
    // Once given up on, the source's own failure (from cancel) has nobody left to hear it.
    next.catch(() => undefined);
    let result: IteratorResult<Uint8Array>;
    try {
      result = await Promise.race([next, stalled]);
    } finally {
      clearTimeout(timer);
    }
    if (result.done) return;
    // The clock is stopped while the upload takes the chunk (it may wait for Box).
    yield result.value;
  }
}
