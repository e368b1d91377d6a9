/**
 * Files attached in the chat, from the officer's side: each attachment recorded once and its copy
 * into staging queued at once (the transfer job does the copying), the officer's description
 * checked on the server, and a described, staged file handed to the one arrival path as a footage
 * request that is complete from the start (so it is hashed, catalogued, moved, granted and
 * announced exactly like an owner's upload).
 */
import { randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../audit';
import { enqueueArrival } from '../footage-requests/jobs';
import type { Person } from '../people';
import type { ChatUploadBoxPort } from '../ports/chat-upload-box';
import type { Store } from '../ports/store';
import { chatUploadTarget } from './audit';
import {
  checkChatUploadForm,
  type ChatUploadFormField,
  type ChatUploadFormInput,
  type ChatUploadRegistry,
} from './form';
import type { ChatUploadNotifier } from './ports';
import type { ChatUpload, ChatUploadDescription } from './types';

export const CHAT_UPLOAD_JOB_KINDS = {
  transfer: 'chatUpload.transfer',
  stagingReminder: 'chatUpload.stagingReminder',
} as const;

export function transferJobKey(uploadId: string): string {
  return `chat-upload:${uploadId}`;
}

export interface AttachedFile {
  /** Teams' id for the file; with the message id, the idempotency key. */
  uniqueId: string;
  name: string;
  fileType: string | null;
  downloadUrl: string;
}

export type DescribeOutcome =
  | { kind: 'described'; upload: ChatUpload }
  | { kind: 'already'; upload: ChatUpload }
  | { kind: 'invalid'; upload: ChatUpload; field: ChatUploadFormField | 'keepNonFootage'; problem: string }
  | { kind: 'refused'; reason: string };

export interface ChatUploadServiceDeps {
  store: Store;
  box: Pick<ChatUploadBoxPort, 'deleteFile'>;
  registry: ChatUploadRegistry;
  notifier: ChatUploadNotifier;
  now: () => Date;
  /** Called after a job is enqueued, so a local worker starts on it at once. */
  jobEnqueued?: () => void;
}

export class ChatUploadService {
  constructor(private readonly deps: ChatUploadServiceDeps) {}

  /** One upload per attachment (the same message delivered twice makes none new), each copy queued. */
  async receive(person: Person, messageId: string, files: readonly AttachedFile[]): Promise<ChatUpload[]> {
    const { store } = this.deps;
    const uploads: ChatUpload[] = [];
    for (const file of files) {
      const upload = await store.transaction(async (tx) => {
        const made = await tx.chatUploads.create({
          id: randomBytes(6).toString('hex'),
          idempotencyKey: `${messageId}:${file.uniqueId}`,
          uploaderAadObjectId: person.aadObjectId,
          fileName: safeFileName(file.name),
          fileType: file.fileType,
          downloadUrl: file.downloadUrl,
        });
        if (made.created) {
          await tx.audit.append({
            actor: person.aadObjectId,
            action: 'chat_upload_received',
            target: chatUploadTarget(made.upload.id),
            details: { fileName: made.upload.fileName, fileType: file.fileType },
          });
          await tx.jobs.enqueue({
            kind: CHAT_UPLOAD_JOB_KINDS.transfer,
            uniqueKey: transferJobKey(made.upload.id),
            payload: { uploadId: made.upload.id },
          });
        }
        return made.upload;
      });
      uploads.push(upload);
    }
    this.deps.jobEnqueued?.();
    return uploads;
  }

  async get(uploadId: string): Promise<ChatUpload | undefined> {
    return this.deps.store.chatUploads.get(uploadId);
  }

  /** The officer's form: checked, kept, and (once the bytes are staged) handed over. */
  async describe(person: Person, uploadId: string, input: ChatUploadFormInput): Promise<DescribeOutcome> {
    const { store } = this.deps;
    const upload = await store.chatUploads.get(uploadId);
    if (!upload || upload.uploaderAadObjectId !== person.aadObjectId)
      return { kind: 'refused', reason: 'Only the officer who attached this file can describe it.' };
    if (upload.state === 'submitted') return { kind: 'already', upload };
    if (upload.state !== 'receiving' && upload.state !== 'staged')
      return { kind: 'refused', reason: endedReason(upload) };
    const check = checkChatUploadForm(input, this.deps.registry, this.deps.now());
    if (!check.ok) return { kind: 'invalid', upload, field: check.field, problem: check.problem };
    if (upload.isVideo === false && !check.description.keepNonFootage)
      return { kind: 'invalid', upload, field: 'keepNonFootage', problem: notFootageProblem(upload) };
    const kept = await store.chatUploads.transition(uploadId, ['receiving', 'staged'], {
      state: upload.state,
      description: check.description,
    });
    if (!kept) return this.describe(person, uploadId, input);
    if (kept.state === 'staged') return { kind: 'described', upload: await this.handOver(kept) };
    return { kind: 'described', upload: kept };
  }

  /** A file that is not footage, which the officer chose not to keep: removed from staging. */
  async discard(person: Person, uploadId: string): Promise<ChatUpload | { refused: string }> {
    const { store, box } = this.deps;
    const upload = await store.chatUploads.get(uploadId);
    if (!upload || upload.uploaderAadObjectId !== person.aadObjectId)
      return { refused: 'Only the officer who attached this file can remove it.' };
    if (upload.state !== 'staged')
      return {
        refused:
          upload.state === 'receiving'
            ? 'The file is still being copied; try again when the card says it is in Box.'
            : endedReason(upload),
      };
    if (upload.stagedFileId) await box.deleteFile(upload.stagedFileId);
    const discarded = await store.transaction(async (tx) => {
      const moved = await tx.chatUploads.transition(uploadId, ['staged'], { state: 'discarded', stagedFileId: null });
      if (moved)
        await tx.audit.append({
          actor: person.aadObjectId,
          action: 'chat_upload_discarded',
          target: chatUploadTarget(uploadId),
          details: { fileName: upload.fileName },
        });
      return moved;
    });
    return discarded ?? upload;
  }

  /**
   * A staged file with its description becomes a footage request complete from the start (the
   * officer is the requester), and its arrival is queued on the shared path. Idempotent: called
   * from the form and from the end of the transfer, whichever comes second does nothing new.
   */
  async handOver(upload: ChatUpload): Promise<ChatUpload> {
    const { store, registry } = this.deps;
    const description = upload.description;
    if (upload.state !== 'staged' || !description || !upload.stagedFileId) return upload;
    if (upload.isVideo === false && !description.keepNonFootage) {
      // The bytes said "not footage" after the form was sent: ask again rather than keep it silently.
      const asked =
        (await store.chatUploads.transition(upload.id, ['staged'], { state: 'staged', description: null })) ?? upload;
      await this.deps.notifier.show(asked, notFootageProblem(asked));
      return asked;
    }
    const unregistered = description.unregistered
      ? { cameraId: description.cameraId, ownerType: 'business' as const, ...description.unregistered }
      : undefined;
    const camera = registry.camera(description.cameraId) ?? unregistered;
    if (!camera) throw new Error(`camera ${description.cameraId} left the registry`);
    const uploader = await store.people.findByAadObjectId(upload.uploaderAadObjectId);
    const now = this.deps.now();
    const { request } = await store.intake.footageRequests.create({
      idempotencyKey: `chat-upload:${upload.id}`,
      requesterAadObjectId: upload.uploaderAadObjectId,
      cameras: [
        {
          cameraId: camera.cameraId,
          cameraName: camera.cameraName,
          borough: camera.borough,
          latitude: camera.latitude,
          longitude: camera.longitude,
          owner: camera.owner,
          ownerType: camera.ownerType,
          ownerEmail: uploader?.email ?? 'unknown@invalid.example',
        },
      ],
      windowStart: new Date(description.windowStart),
      windowEnd: new Date(description.windowEnd),
      caseReference: description.caseReference,
      whatHappened:
        `Attached in the chat by ${uploader?.name ?? 'an officer'}. Came from: ${description.cameFrom}`.slice(0, 500),
      ownerEmail: uploader?.email ?? 'unknown@invalid.example',
      linkDays: 1,
      expiresAt: now,
    });
    // No upload link was ever open: the request is complete from the start, never "waiting".
    await store.intake.footageRequests.transition(request.id, {
      from: ['waiting', 'receiving'],
      to: 'complete',
      endedBy: upload.uploaderAadObjectId,
    });
    const handed = await store.transaction(async (tx) => {
      const moved = await tx.chatUploads.transition(upload.id, ['staged'], {
        state: 'submitted',
        footageRequestId: request.id,
      });
      if (!moved) return undefined;
      await tx.audit.append({
        actor: upload.uploaderAadObjectId,
        action: 'chat_upload_described',
        target: chatUploadTarget(upload.id),
        details: { footageRequestId: request.id, boxFileId: upload.stagedFileId, ...describeForAudit(description) },
      });
      return moved;
    });
    const current = handed ?? (await store.chatUploads.get(upload.id)) ?? upload;
    if (current.state === 'submitted' && current.stagedFileId) {
      const queued = await enqueueArrival(store, {
        boxFileId: current.stagedFileId,
        requestId: request.id,
        cameraId: camera.cameraId,
        source: 'chat_upload',
        uploadedBy: uploader?.email ?? upload.uploaderAadObjectId,
      });
      if (queued) this.deps.jobEnqueued?.();
    }
    return current;
  }

  /** Staged files nobody described, oldest first (the admin command and the reminders). */
  waiting(options: { olderThan?: Date; limit?: number } = {}): Promise<ChatUpload[]> {
    return this.deps.store.chatUploads.listByState(['staged'], {
      createdBefore: options.olderThan,
      limit: options.limit,
    });
  }

  /** Reminds each officer once of files staged longer than `days` without a description. */
  async remindStale(days: number): Promise<number> {
    const { store, notifier } = this.deps;
    const due = await this.waiting({ olderThan: new Date(this.deps.now().getTime() - days * 86_400_000), limit: 200 });
    let reminded = 0;
    for (const upload of due) {
      if (upload.remindedAt) continue;
      const marked = await store.chatUploads.transition(upload.id, ['staged'], {
        state: 'staged',
        remindedAt: this.deps.now(),
      });
      if (!marked) continue;
      const sent = await notifier.remind(marked);
      await store.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'chat_upload_reminded',
        target: chatUploadTarget(upload.id),
        details: { stagedDays: days, officerReached: sent },
      });
      reminded += 1;
    }
    return reminded;
  }
}

function describeForAudit(description: ChatUploadDescription): Record<string, string | boolean> {
  const { unregistered, ...rest } = description;
  return {
    ...rest,
    ...(unregistered ? { unregisteredOwner: unregistered.owner, unregisteredBorough: unregistered.borough } : {}),
  };
}

function notFootageProblem(upload: ChatUpload): string {
  return `${upload.fileName} is not a video file. Tick "Keep it with the footage" if it belongs with the recordings (an exported player, a README), or remove it.`;
}

function endedReason(upload: ChatUpload): string {
  switch (upload.state) {
    case 'duplicate':
      return 'This file was already in Box, so it was not stored again.';
    case 'failed':
      return 'This upload did not complete and nothing was kept; send the file again.';
    case 'discarded':
      return 'This file was removed at your request.';
    default:
      return 'This upload has already been dealt with.';
  }
}

/** Box refuses names with slashes, leading/trailing spaces or over 255 characters. */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((c) => (c === '/' || c === '\\' || c.charCodeAt(0) < 0x20 ? '_' : c))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'attachment' : cleaned;
}
