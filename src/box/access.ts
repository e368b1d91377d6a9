import { DateTime } from 'box-node-sdk/internal';
import { ConflictError, InvalidInputError, NotFoundError, PermissionDeniedError } from '../footage/errors';
import type { Grant, GrantRequest, GrantRole, SharedLink, SharedLinkSettings } from '../footage/ports/box';
import type { BoxContext } from './context';
import { boxStep, failureCode } from './errors';
import { toSharedLink } from './mappers';
import { findUserByLogin } from './users';

export interface AccessPolicy {
  allowOpenSharedLinks: boolean;
}

/**
 * A collaboration on the file for one existing Box user, without Box's notification email (the bot
 * sends its own card). A login is resolved to a user first and must exist: Box would otherwise send
 * an invitation to whatever address it was given, which is access for someone nobody approved.
 */
export async function grantAccess(ctx: BoxContext, request: GrantRequest): Promise<Grant> {
  requireFuture(request.expiresAt, 'The access expiry');
  const userId = await resolveUserId(ctx, request);
  const expiresAt = new DateTime(request.expiresAt);
  try {
    const collaboration = await boxStep('Granting access in Box', () =>
      ctx.client.userCollaborations.createCollaboration(
        {
          item: { type: 'file', id: request.fileId },
          accessibleBy: { type: 'user', id: userId },
          role: request.role,
          expiresAt,
        },
        { queryParams: { notify: false, fields: ['id'] } },
      ),
    );
    return { collaborationId: collaboration.id, userId };
  } catch (error) {
    // A retried grant (after a crash or a lost response) finds the collaboration already there.
    const already = error instanceof ConflictError || failureCode(error) === 'user_already_collaborator';
    if (!already) throw error;
    return updateExisting(ctx, request.fileId, userId, request.role, expiresAt, error);
  }
}

async function resolveUserId(ctx: BoxContext, request: GrantRequest): Promise<string> {
  if ('userId' in request) return request.userId;
  const user = await findUserByLogin(ctx, request.login);
  if (!user) throw new NotFoundError(`No Box user has the login ${request.login}`);
  return user.id;
}

/**
 * The person already collaborates on the file. A retried grant finds its own collaboration, with
 * the same role and expiry, and leaves it alone; a different role or expiry is updated in place,
 * so the person never loses access in between.
 */
async function updateExisting(
  ctx: BoxContext,
  fileId: string,
  userId: string,
  role: GrantRole,
  expiresAt: DateTime,
  original: unknown,
): Promise<Grant> {
  const existing = await findCollaboration(ctx, fileId, userId);
  if (!existing) throw original;
  const sameExpiry =
    existing.expiresAt !== undefined && Math.abs(existing.expiresAt.getTime() - expiresAt.value.getTime()) < 1000;
  if (existing.role !== role || !sameExpiry) {
    await boxStep('Updating an existing grant in Box', () =>
      ctx.client.userCollaborations.updateCollaborationById(existing.id, { requestBody: { role, expiresAt } }),
    );
  }
  return { collaborationId: existing.id, userId };
}

async function findCollaboration(
  ctx: BoxContext,
  fileId: string,
  userId: string,
): Promise<{ id: string; role?: string; expiresAt?: Date } | undefined> {
  let marker: string | undefined;
  do {
    const page = await boxStep("Listing a file's collaborations in Box", () =>
      ctx.client.listCollaborations.getFileCollaborations(fileId, {
        queryParams: {
          fields: ['id', 'accessible_by', 'role', 'expires_at'],
          limit: 100,
          ...(marker ? { marker } : {}),
        },
      }),
    );
    const match = (page.entries ?? []).find((collaboration) => collaboration.accessibleBy?.id === userId);
    if (match) return { id: match.id, role: match.role, expiresAt: match.expiresAt?.value };
    marker = page.nextMarker ?? undefined;
  } while (marker);
  return undefined;
}

export async function removeCollaboration(ctx: BoxContext, collaborationId: string): Promise<boolean> {
  try {
    await boxStep('Removing a grant in Box', () =>
      ctx.client.userCollaborations.deleteCollaborationById(collaborationId),
    );
    return true;
  } catch (error) {
    if (error instanceof NotFoundError) return false;
    throw error;
  }
}

/**
 * Sets the file's shared link. `open` links (anyone with the URL) are refused here, whatever the
 * caller asks, unless the deployment allows them; even then they need a password and an expiry.
 */
export async function setSharedLink(
  ctx: BoxContext,
  policy: AccessPolicy,
  fileId: string,
  settings: SharedLinkSettings,
): Promise<SharedLink> {
  requireFuture(settings.unsharedAt, 'The link expiry');
  if (settings.access === 'open') {
    if (!policy.allowOpenSharedLinks)
      throw new PermissionDeniedError("Open shared links are not allowed by this deployment's policy");
    if (!settings.password) throw new InvalidInputError('An open shared link needs a password');
  }
  const file = await boxStep('Setting a shared link in Box', () =>
    ctx.client.sharedLinksFiles.addShareLinkToFile(
      fileId,
      {
        sharedLink: {
          access: settings.access,
          unsharedAt: new DateTime(settings.unsharedAt),
          permissions: { canDownload: settings.canDownload, canPreview: true },
          // Box accepts a password only on open links.
          ...(settings.access === 'open' ? { password: settings.password } : {}),
        },
      },
      { fields: 'shared_link' },
    ),
  );
  if (!file.sharedLink) throw new Error('Box set a shared link but did not return it');
  return toSharedLink(file.sharedLink);
}

export async function removeSharedLink(ctx: BoxContext, fileId: string): Promise<void> {
  try {
    await boxStep('Removing a shared link in Box', () =>
      ctx.client.sharedLinksFiles.removeSharedLinkFromFile(fileId, { sharedLink: null }, { fields: 'shared_link' }),
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
}

function requireFuture(date: Date, what: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime()) || date.getTime() <= Date.now()) {
    throw new InvalidInputError(`${what} must be a time in the future`);
  }
}
