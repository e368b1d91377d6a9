/**
 * A footage request: an officer asks the owners of one or more cameras outside the force to upload
 * what they recorded in a time window. Each camera gets its own intake folder and Box upload link;
 * files that arrive there are hashed, catalogued and moved next to the force's other recordings.
 */
import type { RecordingMetadata } from '../recording';

/** Stored states. `receiving` shows as "N files received"; `complete` is an ended request with files. */
export const FOOTAGE_REQUEST_STATUSES = ['waiting', 'receiving', 'complete', 'expired', 'cancelled'] as const;
export type FootageRequestStatus = (typeof FOOTAGE_REQUEST_STATUSES)[number];

/** States in which the upload links are open (and may be cancelled or extended). */
export const OPEN_STATUSES: readonly FootageRequestStatus[] = ['waiting', 'receiving'];

/** A camera as the request remembers it: the registry's facts at the time of asking. */
export interface RequestedCamera extends Pick<
  RecordingMetadata,
  'cameraId' | 'cameraName' | 'borough' | 'latitude' | 'longitude' | 'owner' | 'ownerType'
> {
  /** Who this camera's link and message go to: cameras of different owners each have their own. */
  ownerEmail: string;
  /** Set once Box has the camera's intake folder and upload link. */
  intakeFolderId: string | null;
  fileRequestId: string | null;
  uploadUrl: string | null;
  /** Set when the owner's submission settled and the link was closed: one submission per link. */
  linkClosedAt: Date | null;
}

export interface FootageRequest {
  id: string;
  idempotencyKey: string;
  requesterAadObjectId: string;
  cameras: RequestedCamera[];
  windowStart: Date;
  windowEnd: Date;
  caseReference: string;
  /** Shown to the owner: what happened, so they know what to look for. */
  whatHappened: string;
  /** The first camera's owner email (each camera carries its own in `cameras`). */
  ownerEmail: string;
  linkDays: number;
  /** When the upload links close. */
  expiresAt: Date;
  status: FootageRequestStatus;
  filesReceived: number;
  endedBy: string | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewFootageRequest = Omit<
  FootageRequest,
  'id' | 'status' | 'filesReceived' | 'endedBy' | 'endedAt' | 'createdAt' | 'updatedAt' | 'cameras'
> & {
  cameras: Array<Omit<RequestedCamera, 'intakeFolderId' | 'fileRequestId' | 'uploadUrl' | 'linkClosedAt'>>;
};

/** Where a file came from: an owner's upload link, or a file an officer attached in chat. */
export type ArrivalSource = 'file_request' | 'chat_upload';

export const INTAKE_FILE_STATES = ['processing', 'catalogued', 'failed'] as const;
export type IntakeFileState = (typeof INTAKE_FILE_STATES)[number];

/** One file that arrived for a request, as the bot processed it. */
export interface IntakeFile {
  boxFileId: string;
  requestId: string;
  cameraId: string;
  fileName: string;
  source: ArrivalSource;
  state: IntakeFileState;
  sizeBytes: number | null;
  contentType: string | null;
  sha256: string | null;
  isVideo: boolean | null;
  /** The recording already in Box with the same content, when there is one. */
  duplicateOfFileId: string | null;
  duplicateOfName: string | null;
  uploadedBy: string | null;
  uploadedAt: Date | null;
  error: string | null;
  /** The officer was told (arrival card or failure): never twice. */
  notified: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A Box webhook delivery as received: kept so that processing survives a restart. */
export interface WebhookDelivery {
  deliveryId: string;
  trigger: string;
  sourceType: string | null;
  sourceId: string | null;
  /** The folder the file was uploaded into, as the payload names it. */
  parentFolderId: string | null;
  receivedAt: Date;
}
