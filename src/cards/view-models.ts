/**
 * The plain data the card builders take. The Teams layer fills these from the domain; nothing here
 * knows about Teams' SDKs, and times are instants (Date) that the cards show in London time.
 */
import type { Recording, RecordingStatus } from '../footage/recording';
import type { AccessLevel } from './verbs';

/** What every card says about a recording it names. */
export interface RecordingSummary {
  fileId: string;
  fileName: string;
  cameraId: string;
  cameraName: string;
  borough: string;
  from: Date;
  to: Date;
}

/**
 * What the viewer may do with a recording, from the bot's own record of active grants. Thumbnails
 * and links appear only with a grant: officers otherwise see metadata only.
 */
export type RecordingAccess =
  { kind: 'none' } | { kind: 'granted'; thumbnailDataUri?: string; openUrl: string; expiresAt: Date };

export interface ResultRecording extends RecordingSummary {
  durationMinutes: number;
  owner: string;
  caseReference?: string | null;
  status: RecordingStatus;
  /** Great-circle distance from the searched place, for place searches. */
  distanceMetres?: number;
  access: RecordingAccess;
}

/** A recording delivered by a grant: thumbnail (when Box has one) and its Box link. */
export interface GrantedRecording extends RecordingSummary {
  thumbnailDataUri?: string;
  openUrl: string;
}

export type RequestStatus = 'pending' | 'approved' | 'granted' | 'failed' | 'rejected' | 'expired' | 'revoked';

export interface RequestDecisionView {
  by: string;
  at: Date;
  comment?: string | null;
  /** The duration the approver granted (they may shorten the request). */
  durationDays?: number;
}

/** An access request as every card about it shows it. */
export interface RequestView {
  requestId: string;
  status: RequestStatus;
  requester: { name: string; borough: string | null };
  recordings: RecordingSummary[];
  caseReference: string;
  reason: string;
  access: AccessLevel;
  /** Why download is needed; present when access is download. */
  justification?: string | null;
  /** What the officer asked for. */
  durationDays: number;
  requestedAt: Date;
  /** False when no Box user has the officer's email: nothing can be granted until one exists. */
  requesterHasBoxUser: boolean;
  /** True when no supervisor could be reached: the request waits in the queue. */
  noApproverReachable?: boolean;
  decision?: RequestDecisionView;
  /** When access ends (or ended), once granted. */
  expiresAt?: Date;
  /** Why granting failed, safe to show. */
  failure?: string;
  revocation?: { by: string; at: Date };
}

const MINUTE_MS = 60_000;

export function recordingSummary(recording: Recording): RecordingSummary {
  return {
    fileId: recording.fileId,
    fileName: recording.fileName,
    cameraId: recording.cameraId,
    cameraName: recording.cameraName,
    borough: recording.borough,
    from: new Date(recording.recordedFrom),
    to: new Date(recording.recordedTo),
  };
}

/** A domain recording as a results-card row. */
export function resultRecording(
  recording: Recording,
  access: RecordingAccess,
  distanceMetres?: number,
): ResultRecording {
  const summary = recordingSummary(recording);
  return {
    ...summary,
    durationMinutes: Math.round((summary.to.getTime() - summary.from.getTime()) / MINUTE_MS),
    owner: recording.owner,
    caseReference: recording.caseReference,
    status: recording.status,
    ...(distanceMetres === undefined ? {} : { distanceMetres }),
    access,
  };
}
