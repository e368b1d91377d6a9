/** Footage requests and arrivals as card view models: the domain's records plus names from the roster. */
import type { ArrivalView, FootageRequestListItem, FootageRequestView } from '../../cards';
import {
  describeFootageStatus,
  OPEN_STATUSES,
  ownerMessage,
  type FootageRequest,
  type ForceIdentity,
  type IntakeFile,
} from '../../footage/footage-requests';
import type { Store } from '../../footage/ports/store';

export class FootageRequestViews {
  constructor(
    private readonly store: Store,
    private readonly force: ForceIdentity,
  ) {}

  async request(request: FootageRequest, notice?: FootageRequestView['notice']): Promise<FootageRequestView> {
    const requester = await this.store.people.findByAadObjectId(request.requesterAadObjectId);
    const open = OPEN_STATUSES.includes(request.status);
    return {
      requestId: request.id,
      caseReference: request.caseReference,
      windowStart: request.windowStart,
      windowEnd: request.windowEnd,
      expiresAt: request.expiresAt,
      statusLabel: describeFootageStatus(request),
      open,
      cameras: request.cameras.map((camera) => ({
        cameraId: camera.cameraId,
        cameraName: camera.cameraName,
        owner: camera.owner,
        ownerEmail: camera.ownerEmail,
        uploadUrl: camera.uploadUrl,
        ownerMessage: camera.uploadUrl
          ? ownerMessage(this.force, request, camera, requester?.name ?? 'The investigating officer')
          : null,
        linkClosed: camera.linkClosedAt !== null,
      })),
      // The requester's client keeps the card current; without a known Teams id, the MRI of their object id.
      refreshUserIds: [requester?.teamsId ?? `8:orgid:${request.requesterAadObjectId}`],
      ...(notice ? { notice } : {}),
    };
  }

  listItem(request: FootageRequest): FootageRequestListItem {
    return {
      requestId: request.id,
      caseReference: request.caseReference,
      cameraIds: request.cameras.map((c) => c.cameraId),
      windowStart: request.windowStart,
      windowEnd: request.windowEnd,
      statusLabel: describeFootageStatus(request),
      createdAt: request.createdAt,
    };
  }

  arrival(request: FootageRequest, files: IntakeFile[]): ArrivalView {
    const camera = request.cameras.find((c) => c.cameraId === files[0]?.cameraId) ?? request.cameras[0];
    const first = files[0];
    return {
      requestId: request.id,
      caseReference: request.caseReference,
      cameraId: camera.cameraId,
      cameraName: camera.cameraName,
      windowStart: request.windowStart,
      windowEnd: request.windowEnd,
      uploadedBy: first?.uploadedBy ?? null,
      uploadedAt: first?.uploadedAt ?? null,
      files: files.map((file) => ({
        boxFileId: file.boxFileId,
        fileName: file.fileName,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        contentType: file.contentType,
        isVideo: file.isVideo ?? false,
        duplicateOf: file.duplicateOfFileId
          ? { fileId: file.duplicateOfFileId, fileName: file.duplicateOfName ?? `Box file ${file.duplicateOfFileId}` }
          : null,
        linkClosed: camera.linkClosedAt !== null,
      })),
    };
  }
}
