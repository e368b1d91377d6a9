/**
 * The one arrival path: whatever brought a file into Box for a footage request (an owner's upload
 * link announced by a webhook, the poller finding it, or a file an officer attached in chat and the
 * bot put in a staging folder), it is processed here, the same way:
 *
 *   stream it from Box and hash it (SHA-256, never holding the file in memory), sniff what it is,
 *   look for the same content already in Box, write the cctvFootage metadata, move it into
 *   CCTV/<Borough>/<CameraId>/, then grant the requesting officer access as an approved request
 *   would (the access flow's own grant job) and tell the officer and the borough's supervisors.
 *
 * Each step is recorded before the next, so a run that stops halfway resumes where it stopped:
 * a file already catalogued is never hashed, moved, granted or announced twice.
 */
import { SYSTEM_ACTOR } from '../../audit';
import { requestTarget } from '../access/audit';
import { ACCESS_JOB_KINDS, grantJobKey, requestJobPayload } from '../access/jobs';
import type { BoxPort } from '../ports/box';
import type { IntakeBoxPort } from '../ports/intake-box';
import type { Store } from '../ports/store';
import type { RecordingMetadata } from '../recording';
import { footageRequestTarget, intakeFileTarget } from './audit';
import { classifyContent, digestContent } from './content';
import type { FootageRequestNotifier } from './notifier';
import { scheduleLinkClose } from './submission';
import { OPEN_STATUSES, type ArrivalSource, type FootageRequest, type IntakeFile, type RequestedCamera } from './types';

export interface ArrivalTarget {
  requestId: string;
  cameraId: string;
  source: ArrivalSource;
  /** Who brought the file, when Box's own record would name the bot (a file attached in the chat). */
  uploadedBy?: string;
}

export interface ArrivalSettings {
  /** The footage tree's root folder path, e.g. ['CCTV']. */
  footageRoot: readonly string[];
  /** Days of access the requesting officer gets on arrival (as an approval of the default duration). */
  accessDays: number;
  /**
   * FOOTAGE_SUBMISSION_SETTLE_MINUTES: how long after a camera's first file its link closes, so the
   * rest of the same submission (one webhook per file) still lands.
   */
  submissionSettleMs: number;
}

export interface ArrivalDeps {
  store: Store;
  box: Pick<BoxPort, 'setRecordingMetadata' | 'ensureFolderPath'>;
  intake: Pick<IntakeBoxPort, 'getFileInfo' | 'download' | 'moveFile' | 'findBySha256'>;
  notifier: FootageRequestNotifier;
  settings: ArrivalSettings;
  /** Called after the grant job is enqueued, so a local worker starts on it at once. */
  jobEnqueued?: () => void;
  /** Default: the system clock. */
  now?: () => Date;
}

export type ArrivalOutcome =
  { kind: 'catalogued'; file: IntakeFile; request: FootageRequest } | { kind: 'unknown_request' };

export class ArrivalService {
  constructor(private readonly deps: ArrivalDeps) {}

  async process(boxFileId: string, target: ArrivalTarget): Promise<ArrivalOutcome> {
    const { store } = this.deps;
    const request = await store.intake.footageRequests.get(target.requestId);
    const camera = request?.cameras.find((c) => c.cameraId === target.cameraId);
    if (!request || !camera) return { kind: 'unknown_request' };
    // Before anything can fail: a file that cannot be processed still ended its owner's submission.
    await this.settleSubmission(request, camera, target.source);
    const boxInfo = await this.deps.intake.getFileInfo(boxFileId);
    const info = target.uploadedBy ? { ...boxInfo, uploadedBy: target.uploadedBy } : boxInfo;
    const begun = await store.intake.intakeFiles.begin({
      boxFileId,
      requestId: request.id,
      cameraId: camera.cameraId,
      fileName: info.name,
      source: target.source,
    });
    let file = begun.file;
    if (begun.created) {
      await store.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'file_arrived',
        target: intakeFileTarget(boxFileId),
        details: {
          footageRequestId: request.id,
          cameraId: camera.cameraId,
          fileName: info.name,
          source: target.source,
        },
      });
    }
    if (file.state !== 'catalogued') file = await this.catalogue(file, request, camera, info);
    const current = (await store.intake.footageRequests.get(request.id)) ?? request;
    await this.grant(file, current);
    await this.announce(file, current);
    return { kind: 'catalogued', file: (await store.intake.intakeFiles.get(boxFileId)) ?? file, request: current };
  }

  /**
   * The first file on an owner's link starts the settle period after which the link closes (one
   * submission per link); later files of the same submission find the close already scheduled.
   * Files an officer attached in the chat have no owner's link to close.
   */
  private async settleSubmission(request: FootageRequest, camera: RequestedCamera, source: ArrivalSource) {
    if (source !== 'file_request' || camera.linkClosedAt || !OPEN_STATUSES.includes(request.status)) return;
    const now = this.deps.now?.() ?? new Date();
    await scheduleLinkClose(
      this.deps.store,
      { requestId: request.id, cameraId: camera.cameraId },
      new Date(now.getTime() + this.deps.settings.submissionSettleMs),
    );
  }

  /** A file that could not be processed after the retries: it stays where it is and the officer is told. */
  async giveUp(boxFileId: string, target: ArrivalTarget, reason: string): Promise<void> {
    const { store, notifier } = this.deps;
    const request = await store.intake.footageRequests.get(target.requestId);
    if (!request) return;
    const known = await store.intake.intakeFiles.get(boxFileId);
    const file =
      known ??
      (
        await store.intake.intakeFiles.begin({
          boxFileId,
          requestId: request.id,
          cameraId: target.cameraId,
          fileName: `Box file ${boxFileId}`,
          source: target.source,
        })
      ).file;
    if (file.state === 'catalogued' || file.notified) return;
    const failed = (await store.intake.intakeFiles.update(boxFileId, { state: 'failed', error: reason })) ?? file;
    await store.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'arrival_failed',
      target: intakeFileTarget(boxFileId),
      details: { footageRequestId: request.id, error: reason },
    });
    await notifier.arrivalFailed(request, failed, reason);
    await store.intake.intakeFiles.update(boxFileId, { notified: true });
  }

  private async catalogue(
    file: IntakeFile,
    request: FootageRequest,
    camera: RequestedCamera,
    info: { name: string; uploadedBy: string | null; uploadedAt: Date | null },
  ): Promise<IntakeFile> {
    const { store, box, intake, settings } = this.deps;
    const digest = await digestContent(await intake.download(file.boxFileId));
    const kind = classifyContent(digest.head, info.name);
    const duplicate = (await intake.findBySha256(digest.sha256)).find((found) => found.fileId !== file.boxFileId);
    await store.intake.intakeFiles.update(file.boxFileId, {
      sha256: digest.sha256,
      sizeBytes: digest.sizeBytes,
      contentType: kind.contentType,
      isVideo: kind.isVideo,
      uploadedBy: info.uploadedBy,
      uploadedAt: info.uploadedAt,
      duplicateOfFileId: duplicate?.fileId ?? null,
      duplicateOfName: duplicate?.fileName ?? null,
    });
    await store.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'hashed',
      target: intakeFileTarget(file.boxFileId),
      details: {
        sha256: digest.sha256,
        sizeBytes: digest.sizeBytes,
        contentType: kind.contentType,
        isVideo: kind.isVideo,
        duplicateOf: duplicate?.fileId ?? null,
      },
    });
    await box.setRecordingMetadata(
      file.boxFileId,
      recordingMetadata(file, request, camera, {
        sha256: digest.sha256,
        sizeBytes: digest.sizeBytes,
        contentType: kind.contentType,
        uploadedBy: info.uploadedBy,
        uploadedAt: info.uploadedAt,
      }),
    );
    const folderId = await box.ensureFolderPath([...settings.footageRoot, camera.borough, camera.cameraId]);
    const moved = await intake.moveFile(file.boxFileId, folderId, info.name);
    const catalogued = await store.transaction(async (tx) => {
      const updated = await tx.intake.intakeFiles.update(file.boxFileId, {
        state: 'catalogued',
        fileName: moved.name,
        error: null,
      });
      await tx.intake.footageRequests.countArrival(request.id);
      await tx.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'catalogued',
        target: intakeFileTarget(file.boxFileId),
        details: {
          footageRequestId: request.id,
          cameraId: camera.cameraId,
          folderId,
          fileName: moved.name,
          caseReference: request.caseReference,
        },
      });
      return updated;
    });
    return catalogued ?? file;
  }

  /** Access for the officer who asked, through the access flow's grant job, as if a supervisor had approved it. */
  private async grant(file: IntakeFile, request: FootageRequest): Promise<void> {
    const { store, settings } = this.deps;
    const enqueued = await store.transaction(async (tx) => {
      const created = await tx.requests.create({
        idempotencyKey: `arrival:${file.boxFileId}`,
        requesterAadObjectId: request.requesterAadObjectId,
        recordings: [{ boxFileId: file.boxFileId, fileName: file.fileName }],
        caseReference: request.caseReference,
        reason: `Footage the officer requested from the camera owner (footage request ${request.id}) arrived.`,
        access: 'view',
        downloadJustification: null,
        durationDays: settings.accessDays,
      });
      if (!created.created) return false;
      const decided = await tx.requests.decide({
        requestId: created.request.id,
        deciderAadObjectId: SYSTEM_ACTOR,
        decision: 'approved',
        comment: 'Granted on arrival to the requesting officer.',
        approvedDurationDays: settings.accessDays,
      });
      if (decided.outcome !== 'decided') return false;
      await tx.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'approved',
        target: requestTarget(created.request.id),
        details: {
          onArrival: true,
          footageRequestId: request.id,
          boxFileId: file.boxFileId,
          to: request.requesterAadObjectId,
          approvedDurationDays: settings.accessDays,
          expiresAt: decided.request.expiresAt?.toISOString() ?? null,
        },
      });
      await tx.jobs.enqueue({
        kind: ACCESS_JOB_KINDS.grant,
        uniqueKey: grantJobKey(created.request.id),
        payload: requestJobPayload(created.request.id),
      });
      return true;
    });
    if (enqueued) this.deps.jobEnqueued?.();
  }

  private async announce(file: IntakeFile, request: FootageRequest): Promise<void> {
    const { store, notifier } = this.deps;
    const current = await store.intake.intakeFiles.get(file.boxFileId);
    if (!current || current.notified) return;
    const delivered = await notifier.filesArrived(request, [current]);
    const requester = await store.people.findByAadObjectId(request.requesterAadObjectId);
    const borough = requester?.borough ?? request.cameras[0]?.borough ?? null;
    const supervisors = (await store.people.listByRole('supervisor', borough ?? undefined)).filter(
      (p) => p.aadObjectId !== request.requesterAadObjectId,
    );
    await notifier.supervisorsNoticed(request, [current], supervisors);
    await store.intake.intakeFiles.update(file.boxFileId, { notified: true });
    await store.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'arrival_announced',
      target: footageRequestTarget(request.id),
      details: { boxFileId: file.boxFileId, officerReached: delivered, supervisors: supervisors.length },
    });
  }
}

interface Provenance {
  sha256: string;
  sizeBytes: number;
  contentType: string;
  uploadedBy: string | null;
  uploadedAt: Date | null;
}

/** The cctvFootage instance of an arrived file: the camera's facts, the request's window and case, and how it came. */
export function recordingMetadata(
  file: Pick<IntakeFile, 'boxFileId' | 'source'>,
  request: FootageRequest,
  camera: RequestedCamera,
  provenance: Provenance,
): RecordingMetadata {
  return {
    footageId: `${request.id}-${camera.cameraId}-${file.boxFileId}`,
    cameraId: camera.cameraId,
    cameraName: camera.cameraName,
    borough: camera.borough,
    latitude: camera.latitude,
    longitude: camera.longitude,
    owner: camera.owner,
    ownerType: camera.ownerType,
    recordedFrom: request.windowStart.toISOString(),
    recordedTo: request.windowEnd.toISOString(),
    caseReference: request.caseReference,
    exhibitReference: null,
    status: 'received',
    sha256: provenance.sha256,
    source: file.source,
    requestId: request.id,
    uploadedBy: provenance.uploadedBy,
    uploadedAt: provenance.uploadedAt ? provenance.uploadedAt.toISOString() : null,
    contentType: provenance.contentType,
    sizeBytes: provenance.sizeBytes,
  };
}
