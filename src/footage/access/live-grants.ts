/**
 * Box keeps one collaboration per person per file and one shared link per file, while the bot may
 * hold several requests over the same file (two officers, or one officer on two cases). What Box
 * is told is therefore worked out from every live grant on the file, so that ending one request
 * never cuts short another, and a weaker grant never downgrades a stronger one that is still live.
 */
import type { GrantRole } from '../ports/box';
import type { AccessLevel, AccessRequest, AccessRequestRepository, AccessRequestStatus } from '../ports/store';

export const LIVE_STATUSES: readonly AccessRequestStatus[] = ['approved', 'granting', 'granted', 'partially_failed'];

/** One recording's access in Box under one live request. */
export interface LiveGrant {
  requestId: string;
  requesterAadObjectId: string;
  boxFileId: string;
  access: AccessLevel;
  expiresAt: Date;
  collaborationId: string;
  sharedLinkUrl: string | null;
}

/** Requests looked at when working out a file's grants; far above what one force holds live at once. */
const LIVE_REQUEST_SCAN_LIMIT = 5000;

/** Every unexpired grant in Box under a live request other than `exceptRequestId`. */
export async function liveGrantsExcept(
  requests: AccessRequestRepository,
  exceptRequestId: string,
  now: Date,
): Promise<LiveGrant[]> {
  const live = await requests.listByStatus(LIVE_STATUSES, { limit: LIVE_REQUEST_SCAN_LIMIT });
  return live
    .filter((r) => r.id !== exceptRequestId)
    .flatMap(grantsIn)
    .filter((g) => g.expiresAt.getTime() > now.getTime());
}

/** The recordings of a request that hold a collaboration in Box (granted, or created mid-grant). */
export function grantsIn(request: AccessRequest): LiveGrant[] {
  if (!request.expiresAt) return [];
  const expiresAt = request.expiresAt;
  return request.recordings.flatMap((recording) =>
    recording.collaborationId && (recording.state === 'granted' || recording.state === 'pending')
      ? [
          {
            requestId: request.id,
            requesterAadObjectId: request.requesterAadObjectId,
            boxFileId: recording.boxFileId,
            access: request.access,
            expiresAt,
            collaborationId: recording.collaborationId,
            sharedLinkUrl: recording.sharedLinkUrl,
          },
        ]
      : [],
  );
}

export function roleFor(access: AccessLevel): GrantRole {
  return access === 'download' ? 'viewer' : 'previewer';
}

/** The person's collaboration must serve the strongest and longest of their live grants on the file. */
export function collaborationFor(
  own: { access: AccessLevel; expiresAt: Date },
  sameOfficer: readonly LiveGrant[],
): { role: GrantRole; expiresAt: Date } {
  const all = [own, ...sameOfficer];
  return {
    role: all.some((g) => g.access === 'download') ? 'viewer' : 'previewer',
    expiresAt: new Date(Math.max(...all.map((g) => g.expiresAt.getTime()))),
  };
}

/**
 * The file's link must last as long as any live grant on it. It allows download only when every
 * grant does: a link is shared by everyone on the file, and a downloader can still download in Box
 * through their own collaboration.
 */
export function sharedLinkFor(
  own: { access: AccessLevel; expiresAt: Date },
  others: readonly LiveGrant[],
): { unsharedAt: Date; canDownload: boolean } {
  const all = [own, ...others];
  return {
    unsharedAt: new Date(Math.max(...all.map((g) => g.expiresAt.getTime()))),
    canDownload: all.every((g) => g.access === 'download'),
  };
}
