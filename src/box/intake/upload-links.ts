/**
 * Box file requests as upload links. Box's API cannot make a file request from nothing: each link is
 * a copy of a template file request someone made once in the Box web app, re-pointed at the intake
 * folder and given its own wording and expiry.
 */
import { DateTime } from 'box-node-sdk/internal';
import { NotFoundError, PermissionDeniedError } from '../../footage/errors';
import type { FileRequestSpec, TemplateCheck, UploadLink } from '../../footage/ports/intake-box';
import type { BoxContext } from '../context';
import { boxStep } from '../errors';

export async function createUploadLink(
  ctx: BoxContext,
  appBaseUrl: string,
  templateId: string,
  spec: FileRequestSpec,
): Promise<UploadLink> {
  const copy = await boxStep('Creating an upload link (Box file request)', () =>
    ctx.client.fileRequests.createFileRequestCopy(templateId, {
      folder: { id: spec.folderId, type: 'folder' },
      title: spec.title,
      description: spec.description,
      isEmailRequired: true,
      isDescriptionRequired: false,
      status: 'active',
      expiresAt: new DateTime(spec.expiresAt),
    }),
  );
  if (!copy.url) throw new Error('Box made a file request without a URL');
  return { fileRequestId: copy.id, url: absoluteUrl(appBaseUrl, copy.url) };
}

export async function updateUploadLink(
  ctx: BoxContext,
  fileRequestId: string,
  change: { expiresAt?: Date; active?: boolean },
): Promise<void> {
  try {
    await boxStep('Updating an upload link (Box file request)', () =>
      ctx.client.fileRequests.updateFileRequestById(fileRequestId, {
        ...(change.expiresAt ? { expiresAt: new DateTime(change.expiresAt) } : {}),
        ...(change.active === undefined ? {} : { status: change.active ? 'active' : 'inactive' }),
      }),
    );
  } catch (error) {
    // Closing a link that someone deleted in Box is done already.
    if (error instanceof NotFoundError && change.active === false) return;
    throw error;
  }
}

export async function checkTemplate(ctx: BoxContext, templateId: string): Promise<TemplateCheck> {
  if (!templateId) return { ok: false, reason: 'BOX_FILE_REQUEST_TEMPLATE_ID is not set.' };
  try {
    const template = await boxStep('Reading the template file request', () =>
      ctx.client.fileRequests.getFileRequestById(templateId),
    );
    return { ok: true, title: template.title ?? '(untitled)' };
  } catch (error) {
    if (error instanceof NotFoundError)
      return {
        ok: false,
        reason: `Box has no file request ${templateId} (or the bot's service account cannot see it).`,
      };
    if (error instanceof PermissionDeniedError)
      return { ok: false, reason: `The bot's service account may not read file request ${templateId}.` };
    throw error;
  }
}

/** Box returns the page as a path (`/f/<id>`); owners need the whole address. */
export function absoluteUrl(appBaseUrl: string, url: string): string {
  return /^https?:\/\//i.test(url)
    ? url
    : new URL(url, appBaseUrl.endsWith('/') ? appBaseUrl : `${appBaseUrl}/`).toString();
}
