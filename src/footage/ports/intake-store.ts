/**
 * What the footage-request flow needs from durable state: the requests, the webhook deliveries
 * received (a delivery id is kept once, so a replay is recognised) and the files processed.
 */
import type {
  ArrivalSource,
  FootageRequest,
  FootageRequestStatus,
  IntakeFile,
  NewFootageRequest,
  RequestedCamera,
  WebhookDelivery,
} from '../footage-requests/types';

export interface CameraLink {
  intakeFolderId: string;
  fileRequestId: string;
  uploadUrl: string;
}

export type FootageTransition =
  | { outcome: 'transitioned'; request: FootageRequest }
  | { outcome: 'wrong_state'; request: FootageRequest }
  | { outcome: 'not_found' };

export interface FootageRequestRepository {
  /** Idempotent by idempotencyKey: `created` is false and the first request returned on a repeat. */
  create(request: NewFootageRequest): Promise<{ created: boolean; request: FootageRequest }>;
  get(id: string): Promise<FootageRequest | undefined>;
  /** Newest first. */
  listByRequester(aadObjectId: string, options?: { limit?: number }): Promise<FootageRequest[]>;
  /** Oldest first; `expiresBefore` keeps those whose links close at or before it. */
  listByStatus(
    statuses: readonly FootageRequestStatus[],
    options?: { expiresBefore?: Date; limit?: number },
  ): Promise<FootageRequest[]>;
  /** The request and camera whose intake folder this is. */
  findByIntakeFolder(folderId: string): Promise<{ request: FootageRequest; camera: RequestedCamera } | undefined>;
  /**
   * Claims the making of a camera's upload link: true for exactly one caller while the camera has no
   * link and no claim newer than `staleBefore` (a claim whose maker died is taken over after that).
   */
  claimCameraLink(requestId: string, cameraId: string, staleBefore: Date): Promise<boolean>;
  /** Gives a claim back (making the link failed), so that the next try need not wait for it to go stale. */
  releaseCameraLink(requestId: string, cameraId: string): Promise<void>;
  setCameraLink(requestId: string, cameraId: string, link: CameraLink): Promise<void>;
  /**
   * Records that a camera's link was closed after its owner's submission: `closed` is true for
   * exactly one caller. Closings of the same request are serialized, so the caller that closes the
   * last link sees every camera closed.
   */
  markCameraLinkClosed(
    requestId: string,
    cameraId: string,
  ): Promise<{ closed: boolean; request: FootageRequest } | undefined>;
  /** Compare-and-set on the status; `endedBy` is recorded with a move to cancelled/expired/complete. */
  transition(
    id: string,
    input: { from: readonly FootageRequestStatus[]; to: FootageRequestStatus; endedBy?: string },
  ): Promise<FootageTransition>;
  /** Moves the link expiry, only while the request is in one of `from`. */
  extend(
    id: string,
    input: { from: readonly FootageRequestStatus[]; expiresAt: Date; linkDays: number },
  ): Promise<FootageTransition>;
  /** Counts one more catalogued file and moves waiting → receiving. */
  countArrival(id: string): Promise<FootageRequest | undefined>;
}

export interface WebhookDeliveryRepository {
  /** False when the delivery id was seen before (a replay): nothing is stored then. */
  record(delivery: WebhookDelivery & { body: string }): Promise<{ created: boolean }>;
  get(deliveryId: string): Promise<(WebhookDelivery & { body: string }) | undefined>;
}

export interface NewIntakeFile {
  boxFileId: string;
  requestId: string;
  cameraId: string;
  fileName: string;
  source: ArrivalSource;
}

export type IntakeFileUpdate = Partial<
  Pick<
    IntakeFile,
    | 'state'
    | 'fileName'
    | 'sizeBytes'
    | 'contentType'
    | 'sha256'
    | 'isVideo'
    | 'duplicateOfFileId'
    | 'duplicateOfName'
    | 'uploadedBy'
    | 'uploadedAt'
    | 'error'
    | 'notified'
  >
>;

export interface IntakeFileRepository {
  /** Inserts the file in state `processing` unless it is already known; returns it either way. */
  begin(file: NewIntakeFile): Promise<{ created: boolean; file: IntakeFile }>;
  get(boxFileId: string): Promise<IntakeFile | undefined>;
  update(boxFileId: string, update: IntakeFileUpdate): Promise<IntakeFile | undefined>;
  /** Oldest first. */
  listByRequest(requestId: string): Promise<IntakeFile[]>;
}

export interface IntakeRepositories {
  readonly footageRequests: FootageRequestRepository;
  readonly webhookDeliveries: WebhookDeliveryRepository;
  readonly intakeFiles: IntakeFileRepository;
}
