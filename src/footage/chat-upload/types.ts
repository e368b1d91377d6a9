/**
 * A file an officer attached in the personal chat: copied at once into a staging folder in Box
 * (Teams' download link lasts minutes), described by the officer on a card, then handed to the one
 * arrival path that catalogues footage from owners too.
 */

/**
 * receiving: bytes on their way into staging. staged: in Box, waiting for the officer's form.
 * submitted: described and handed to the arrival path. duplicate: the same content was already in
 * Box, so the staged copy was removed. failed: nothing kept (the card said why). discarded: the
 * officer chose not to keep a file that is not footage.
 */
export const CHAT_UPLOAD_STATES = ['receiving', 'staged', 'submitted', 'duplicate', 'failed', 'discarded'] as const;
export type ChatUploadState = (typeof CHAT_UPLOAD_STATES)[number];

/** What the officer said the footage is (checked by the server, see form.ts). */
export interface ChatUploadDescription {
  cameraId: string;
  /** A camera not in the registry: what the officer said of it (the place's borough and position, the owner). */
  unregistered?: UnregisteredCamera;
  windowStart: string;
  windowEnd: string;
  caseReference: string;
  /** Where it came from: a shop's DVR, a council control room, a phone... */
  cameFrom: string;
  /** Explicit choice to keep a file whose bytes are not video. */
  keepNonFootage: boolean;
}

export interface UnregisteredCamera {
  cameraName: string;
  borough: string;
  latitude: number;
  longitude: number;
  owner: string;
}

/** Why a transfer ended with nothing kept, for the card. */
export const CHAT_UPLOAD_FAILURES = [
  'expired_link',
  'empty_file',
  'too_large',
  'incomplete_download',
  'unknown_size',
  'box_refused',
  'box_unavailable',
] as const;
export type ChatUploadFailure = (typeof CHAT_UPLOAD_FAILURES)[number];

export interface ChatUpload {
  id: string;
  /** The Teams message and attachment: the same attachment delivered twice is one upload. */
  idempotencyKey: string;
  uploaderAadObjectId: string;
  fileName: string;
  /** As Teams names it (`mp4`, `docx`). */
  fileType: string | null;
  state: ChatUploadState;
  /** Teams' pre-authorised download link, kept only until the bytes are in Box. */
  downloadUrl: string | null;
  sizeBytes: number | null;
  transferredBytes: number;
  stagingFolderId: string | null;
  stagedFileId: string | null;
  /** An open chunked upload session, kept so a restart can resume or abort it. */
  uploadSessionId: string | null;
  sha256: string | null;
  /** Sniffed from the first bytes. */
  isVideo: boolean | null;
  description: ChatUploadDescription | null;
  /** The record the arrival path keeps for it (a footage request made complete at once). */
  footageRequestId: string | null;
  duplicateOfFileId: string | null;
  duplicateOfName: string | null;
  /** The card in the chat that shows this upload, updated in place. */
  cardActivityId: string | null;
  failure: ChatUploadFailure | null;
  error: string | null;
  remindedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewChatUpload = Pick<
  ChatUpload,
  'id' | 'idempotencyKey' | 'uploaderAadObjectId' | 'fileName' | 'fileType' | 'downloadUrl'
>;

export type ChatUploadUpdate = Partial<
  Pick<
    ChatUpload,
    | 'state'
    | 'downloadUrl'
    | 'sizeBytes'
    | 'transferredBytes'
    | 'stagingFolderId'
    | 'stagedFileId'
    | 'uploadSessionId'
    | 'sha256'
    | 'isVideo'
    | 'description'
    | 'footageRequestId'
    | 'duplicateOfFileId'
    | 'duplicateOfName'
    | 'cardActivityId'
    | 'failure'
    | 'error'
    | 'remindedAt'
  >
>;
