/** Status of an exported recording in the evidence workflow (demo data and the cctvFootage template). */
export type RecordingStatus = 'received' | 'reviewed' | 'evidential' | 'not_relevant';

export type OwnerType = 'local_authority' | 'transport' | 'business';

/**
 * What the cctvFootage metadata template holds for one recording. Times are ISO 8601 instants (UTC);
 * they are shown to people in Europe/London time.
 */
export interface RecordingMetadata {
  footageId: string;
  cameraId: string;
  cameraName: string;
  borough: string;
  latitude: number;
  longitude: number;
  owner: string;
  ownerType: OwnerType;
  recordedFrom: string;
  recordedTo: string;
  caseReference: string | null;
  exhibitReference: string | null;
  status: RecordingStatus;
  sha256: string | null;
  /** How the file reached Box: absent for exports the force loaded itself. */
  source?: RecordingSource | null;
  /** The footage request it answered, when an owner uploaded it. */
  requestId?: string | null;
  /** Who uploaded it and when, as Box reports it. */
  uploadedBy?: string | null;
  uploadedAt?: string | null;
  /** Sniffed from the bytes; anything not video/* is flagged on the cards. */
  contentType?: string | null;
  sizeBytes?: number | null;
}

export type RecordingSource = 'file_request' | 'chat_upload';

/**
 * The fields every recording has, whoever loaded it: the cctvFootage template as first made, before
 * the optional upload fields above were added to it.
 */
export const EXPORT_METADATA_KEYS: ReadonlyArray<keyof RecordingMetadata> = [
  'footageId',
  'cameraId',
  'cameraName',
  'borough',
  'latitude',
  'longitude',
  'owner',
  'ownerType',
  'recordedFrom',
  'recordedTo',
  'caseReference',
  'exhibitReference',
  'status',
  'sha256',
];

/** A recording as the domain sees it: its Box file and its metadata. */
export interface Recording extends RecordingMetadata {
  fileId: string;
  fileName: string;
}
