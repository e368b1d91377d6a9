/**
 * What a person may open right now, from the bot's own record of the grants it made (no Box call):
 * the results card shows thumbnails and "Open in Box" only for these.
 */
import type { AccessRequest, Store } from '../ports/store';

export interface ActiveGrant {
  openUrl: string;
  expiresAt: Date;
}

/** Requests an officer holds at most; their newest requests are the ones that can still be live. */
const REQUESTS_SCANNED = 200;

/** Box's own page for a file, for when no shared link was made (policy) or it is gone. */
export function boxFileUrl(fileId: string): string {
  return `https://app.box.com/file/${encodeURIComponent(fileId)}`;
}

/** The link the officer is given for one recording of a request. */
export function openUrlFor(recording: { boxFileId: string; sharedLinkUrl: string | null }): string {
  return recording.sharedLinkUrl ?? boxFileUrl(recording.boxFileId);
}

export function isActive(request: AccessRequest, now: Date): boolean {
  return (
    (request.status === 'granted' || request.status === 'partially_failed') &&
    request.expiresAt !== null &&
    request.expiresAt.getTime() > now.getTime()
  );
}

/** Box file id → how to open it and until when; the longest-lasting grant wins when several cover a file. */
export async function activeGrantsFor(
  store: Pick<Store, 'requests'>,
  aadObjectId: string,
  now: Date,
): Promise<Map<string, ActiveGrant>> {
  const grants = new Map<string, ActiveGrant>();
  const requests = await store.requests.listByRequester(aadObjectId, { limit: REQUESTS_SCANNED });
  for (const request of requests) {
    if (!isActive(request, now) || !request.expiresAt) continue;
    for (const recording of request.recordings) {
      if (recording.state !== 'granted') continue;
      const existing = grants.get(recording.boxFileId);
      if (existing && existing.expiresAt >= request.expiresAt) continue;
      grants.set(recording.boxFileId, { openUrl: openUrlFor(recording), expiresAt: request.expiresAt });
    }
  }
  return grants;
}
