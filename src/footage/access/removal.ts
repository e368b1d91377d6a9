/**
 * Ends a request's access in Box: its collaborations and, when no other live grant needs it, the
 * file's shared link. Used on revocation, at expiry and to roll back a grant that failed halfway.
 * Idempotent (a collaboration already gone is not an error), so it can simply run again after a
 * crash or a Box outage; each recording's state says how far it got.
 */
import type { BoxPort } from '../ports/box';
import type { AccessRequest, Store } from '../ports/store';
import { audit, describeError, requestTarget, SYSTEM_ACTOR } from './audit';
import { collaborationFor, liveGrantsExcept, type LiveGrant } from './live-grants';

export interface RemovalDeps {
  store: Store;
  box: Pick<BoxPort, 'removeCollaboration' | 'removeSharedLink' | 'grantAccess'>;
  now: () => Date;
}

export interface RemovalResult {
  /** Recordings whose access could not be removed (Box refused or was unavailable). */
  failed: Array<{ boxFileId: string; error: string }>;
}

export async function removeBoxAccess(
  deps: RemovalDeps,
  request: AccessRequest,
  requesterLogin: string | null,
): Promise<RemovalResult> {
  const { store, box } = deps;
  const live = await liveGrantsExcept(store.requests, request.id, deps.now());
  const failed: RemovalResult['failed'] = [];
  for (const recording of request.recordings) {
    if (recording.state === 'revoked') continue;
    if (!recording.collaborationId) {
      // Never reached Box: nothing to remove, but a pending state must not suggest access is coming.
      if (recording.state === 'pending')
        await store.requests.updateGrant(request.id, recording.boxFileId, { state: 'revoked' });
      continue;
    }
    const others = live.filter((g) => g.boxFileId === recording.boxFileId);
    try {
      await endCollaboration(
        box,
        recording.collaborationId,
        recording.boxFileId,
        others.filter(
          (g) =>
            g.requesterAadObjectId === request.requesterAadObjectId && g.collaborationId === recording.collaborationId,
        ),
        requesterLogin,
      );
      if (recording.sharedLinkUrl && !others.some((g) => g.sharedLinkUrl))
        await box.removeSharedLink(recording.boxFileId);
      // A recording whose grant failed keeps saying so; its half-made collaboration is gone now.
      await store.requests.updateGrant(request.id, recording.boxFileId, {
        state: recording.state === 'failed' ? 'failed' : 'revoked',
        ...(recording.state === 'failed' ? {} : { error: null }),
      });
    } catch (error) {
      const message = describeError(error);
      failed.push({ boxFileId: recording.boxFileId, error: message });
      await store.requests.updateGrant(request.id, recording.boxFileId, { state: 'revoke_failed', error: message });
      await audit(store.audit, SYSTEM_ACTOR, 'revoke_failed', requestTarget(request.id), {
        boxFileId: recording.boxFileId,
        collaborationId: recording.collaborationId,
        error: message,
      });
    }
  }
  return { failed };
}

/**
 * The same officer may hold the same collaboration under another live request: then it is set back
 * to what that request allows instead of being removed.
 */
async function endCollaboration(
  box: RemovalDeps['box'],
  collaborationId: string,
  fileId: string,
  sameOfficer: LiveGrant[],
  requesterLogin: string | null,
): Promise<void> {
  if (sameOfficer.length === 0 || !requesterLogin) {
    await box.removeCollaboration(collaborationId);
    return;
  }
  const [first, ...rest] = sameOfficer;
  const { role, expiresAt } = collaborationFor(first, rest);
  await box.grantAccess({ login: requesterLogin, fileId, role, expiresAt });
}
