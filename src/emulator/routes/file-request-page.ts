/**
 * The page a file request's link opens (`/f/<token>`): a plain HTML form, and its multipart POST
 * that puts the files in the request's folder as Box does, attributed to the anonymous user with
 * the email given. Refused with a page that says why when the request is gone, inactive or expired.
 */

import { fileUploaded } from '../activity';
import type { Services } from '../context';
import { BoxApiError } from '../errors';
import { discard, FormError, receiveForm, type ReceivedFile } from '../form-upload';
import { escapeHtml, html, type EmulatorRequest, type EmulatorResponse } from '../http';
import { validateName } from '../items';
import type { Route } from '../router';
import {
  effectiveStatus,
  fileRequestByToken,
  recordAnonymousUpload,
  type FileRequestRow,
} from '../state/file-requests';
import { findByName, getItem, insertItem, type ItemRow } from '../state/items';
import { EMAIL_PATTERN } from '../state/users';
import { ANONYMOUS_USER_ID } from '../views/users';

function page(status: number, title: string, body: string): EmulatorResponse {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} | Box</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  );
}

/** The request behind a token, or the page that explains why it cannot take files. */
function openRequest(services: Services, token: string): FileRequestRow | EmulatorResponse {
  const row = fileRequestByToken(services.db, token);
  const folder = row ? getItem(services.db, row.folder_id) : undefined;
  if (!row || !folder)
    return page(404, 'File request not found', '<p>This file request does not exist or has been deleted.</p>');
  const now = services.settings.now();
  if (row.expires_at !== null && row.expires_at <= now)
    return page(410, 'File request expired', '<p>This file request has expired and no longer accepts files.</p>');
  if (effectiveStatus(row, now) !== 'active')
    return page(410, 'File request closed', '<p>This file request is no longer accepting files.</p>');
  return row;
}

function form(row: FileRequestRow): string {
  const email = `<p><label for="email">Email address${row.is_email_required ? ' (required)' : ''}</label><br><input id="email" name="email" type="email"${row.is_email_required ? ' required' : ''}></p>`;
  const description = `<p><label for="description">Description${row.is_description_required ? ' (required)' : ''}</label><br><textarea id="description" name="description"${row.is_description_required ? ' required' : ''}></textarea></p>`;
  return `${row.description ? `<p>${escapeHtml(row.description)}</p>` : ''}
<form method="post" enctype="multipart/form-data">
${email}
${description}
<p><label for="file">Files</label><br><input id="file" name="file" type="file" multiple required></p>
<p><button type="submit">Upload</button></p>
</form>`;
}

/** Box keeps both files when a name is taken by adding a counter, rather than refusing the visitor. */
function freeName(services: Services, folderId: number, name: string): string {
  if (!findByName(services.db, folderId, name, 0)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!findByName(services.db, folderId, candidate, 0)) return candidate;
  }
}

function problem(fields: Record<string, string>, files: ReceivedFile[], row: FileRequestRow): string | undefined {
  const email = (fields.email ?? '').trim();
  if (row.is_email_required && email === '') return 'Please give your email address.';
  if (email !== '' && !EMAIL_PATTERN.test(email)) return 'That email address does not look right.';
  if (row.is_description_required && (fields.description ?? '').trim() === '')
    return 'Please describe the files you are sending.';
  if (files.length === 0) return 'Please choose at least one file.';
  for (const file of files) {
    try {
      validateName(file.name);
    } catch {
      return `The file name "${file.name}" cannot be used in Box.`;
    }
  }
  return undefined;
}

async function submit(req: EmulatorRequest, services: Services): Promise<EmulatorResponse> {
  const opened = openRequest(services, req.params.token);
  if (!('token' in opened)) return opened;
  let received;
  try {
    received = await receiveForm(req.stream!, services.blobs);
  } catch (error) {
    if (error instanceof FormError) return page(400, 'Upload failed', `<p>${escapeHtml(error.message)}</p>`);
    throw error;
  }
  const { fields, files } = received;
  const reason = problem(fields, files, opened);
  if (reason) {
    discard(files);
    return page(400, 'Upload not accepted', `<p>${escapeHtml(reason)}</p>${form(opened)}`);
  }
  const email = (fields.email ?? '').trim() || null;
  const description = (fields.description ?? '').trim();
  let created: ItemRow[];
  try {
    created = services.db.transaction(() => {
      // The request may have been closed while the files were arriving.
      const current = openRequest(services, req.params.token);
      if (!('token' in current)) throw current;
      const folder = getItem(services.db, current.folder_id) as ItemRow;
      const now = services.settings.now();
      return files.map((file) => {
        services.blobs.adopt(file.tmpPath, file.sha1);
        const item = insertItem(
          services.db,
          {
            type: 'file',
            name: freeName(services, folder.id, file.name),
            parentId: folder.id,
            ownerId: folder.owner_id,
            actorId: ANONYMOUS_USER_ID,
            size: file.size,
            sha1: file.sha1,
            description,
          },
          now,
        );
        recordAnonymousUpload(services.db, item.id, email, current.id);
        return item;
      });
    })();
  } catch (error) {
    discard(files);
    if (error instanceof BoxApiError) throw error;
    if (isResponse(error)) return error;
    throw error;
  }
  for (const item of created) fileUploaded(services, item, ANONYMOUS_USER_ID);
  const list = created.map((item) => `<li>${escapeHtml(item.name)} (${item.size} bytes)</li>`).join('');
  return page(
    200,
    'Upload complete',
    `<p>Thank you. ${created.length === 1 ? 'Your file has' : `Your ${created.length} files have`} been sent.</p><ul>${list}</ul>`,
  );
}

function isResponse(value: unknown): value is EmulatorResponse {
  return typeof value === 'object' && value !== null && 'kind' in value && 'status' in value;
}

export const fileRequestPageRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/f/:token',
    access: 'public',
    handler: (req, services) => {
      const opened = openRequest(services, req.params.token);
      if (!('token' in opened)) return opened;
      return page(200, opened.title, form(opened));
    },
  },
  { method: 'POST', pattern: '/f/:token', access: 'public', streaming: true, handler: submit },
];
