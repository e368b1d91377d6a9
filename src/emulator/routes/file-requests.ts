/**
 * File requests, as Box's API offers them: read, change, delete, and copy an existing one (a
 * template) onto another folder, which is the only way to make one. The form itself is served by
 * the public upload page (`/f/<token>`).
 */

import type { Caller, Services } from '../context';
import { BoxApiError, badRequest, notFound } from '../errors';
import { empty, isObject, json, jsonBody, type EmulatorRequest } from '../http';
import { assertEtag, loadVisible, parseItemId, requireCapability, type VisibleItem } from '../items';
import type { Route } from '../router';
import {
  deleteFileRequest,
  effectiveStatus,
  getFileRequest,
  insertFileRequest,
  settingsOf,
  updateFileRequest,
  type FileRequestRow,
  type FileRequestSettings,
} from '../state/file-requests';
import { getItem } from '../state/items';
import { getUser } from '../state/users';
import { boxDateTime, parseDateTime } from '../time';
import { folderMini } from '../views/items';
import { NO_USER, userMini } from '../views/users';

export function fileRequestView(services: Services, row: FileRequestRow, now: number): Record<string, unknown> {
  const folder = getItem(services.db, row.folder_id);
  const creator = getUser(services.db, row.created_by);
  const updater = getUser(services.db, row.updated_by);
  return {
    id: String(row.id),
    type: 'file_request',
    title: row.title,
    description: row.description,
    status: effectiveStatus(row, now),
    is_email_required: row.is_email_required === 1,
    is_description_required: row.is_description_required === 1,
    // The document does not let expires_at be null: Box leaves it out when there is none.
    ...(row.expires_at === null ? {} : { expires_at: boxDateTime(row.expires_at) }),
    folder: folder ? folderMini(folder) : { type: 'folder', id: String(row.folder_id) },
    // Box answers with the form's path on its web app (app.box.com), not a full URL.
    url: `/f/${row.token}`,
    etag: String(row.etag),
    created_by: creator ? userMini(creator) : NO_USER,
    created_at: boxDateTime(row.created_at),
    updated_by: updater ? userMini(updater) : NO_USER,
    updated_at: boxDateTime(row.updated_at),
  };
}

/** A file request the caller can reach through its folder (404 otherwise, as for the folder). */
function loadFileRequest(
  services: Services,
  caller: Caller,
  req: EmulatorRequest,
): { row: FileRequestRow; folder: VisibleItem } {
  const raw = req.params.file_request_id;
  const row = /^\d+$/.test(raw) ? getFileRequest(services.db, Number(raw)) : undefined;
  if (!row) throw notFound({ name: 'file_request_id', id: raw });
  try {
    return { row, folder: loadVisible(services, caller, row.folder_id, 'folder', 'folder') };
  } catch (error) {
    if (error instanceof BoxApiError && error.status === 404) throw notFound({ name: 'file_request_id', id: raw });
    throw error;
  }
}

function invalid(name: string, value: unknown): BoxApiError {
  return badRequest('Bad Request', {
    errors: [{ reason: 'invalid_parameter', name, message: `Invalid value '${String(value)}' for '${name}'` }],
  });
}

/** The settings a PUT or copy body asks for, on top of the current (or template's) ones. */
function applySettings(base: FileRequestSettings, body: Record<string, unknown>): FileRequestSettings {
  const next = { ...base };
  if (body.title !== undefined) {
    if (typeof body.title !== 'string' || body.title.trim() === '') throw invalid('title', body.title);
    next.title = body.title;
  }
  if (body.description !== undefined) {
    if (body.description !== null && typeof body.description !== 'string')
      throw invalid('description', body.description);
    next.description = body.description;
  }
  if (body.status !== undefined) {
    if (body.status !== 'active' && body.status !== 'inactive') throw invalid('status', body.status);
    next.status = body.status;
  }
  for (const [key, field] of [
    ['is_email_required', 'isEmailRequired'],
    ['is_description_required', 'isDescriptionRequired'],
  ] as const) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== 'boolean') throw invalid(key, body[key]);
    next[field] = body[key];
  }
  if (body.expires_at !== undefined) {
    const ms = body.expires_at === null ? null : parseDateTime(body.expires_at);
    if (body.expires_at !== null && ms === null) throw invalid('expires_at', body.expires_at);
    next.expiresAt = ms;
  }
  return next;
}

export const fileRequestRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/file_requests/:file_request_id/copy',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const created = services.db.transaction(() => {
        const { row } = loadFileRequest(services, caller, req);
        const folderId = isObject(body.folder) ? body.folder.id : undefined;
        if (typeof folderId !== 'string')
          throw badRequest("'folder' is required", {
            errors: [{ reason: 'missing_parameter', name: 'folder', message: "'folder' is required" }],
          });
        const target = loadVisible(services, caller, parseItemId(folderId, 'folder', 'd_'), 'folder', 'folder');
        requireCapability(target, 'edit');
        // A copy starts active unless told otherwise; the template's own status does not carry over.
        const settings = applySettings({ ...settingsOf(row), status: 'active' }, body);
        return insertFileRequest(services.db, target.item.id, settings, caller.user.id, caller.now);
      })();
      return json(200, fileRequestView(services, created, caller.now));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/file_requests/:file_request_id',
    access: 'api',
    handler: (req, services, caller) =>
      json(200, fileRequestView(services, loadFileRequest(services, caller, req).row, caller.now)),
  },
  {
    method: 'PUT',
    pattern: '/2.0/file_requests/:file_request_id',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const updated = services.db.transaction(() => {
        const { row, folder } = loadFileRequest(services, caller, req);
        requireCapability(folder, 'edit');
        assertEtag(req, row.etag);
        updateFileRequest(services.db, row.id, applySettings(settingsOf(row), body), caller.user.id, caller.now);
        return getFileRequest(services.db, row.id) as FileRequestRow;
      })();
      return json(200, fileRequestView(services, updated, caller.now));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/file_requests/:file_request_id',
    access: 'api',
    handler: (req, services, caller) => {
      services.db.transaction(() => {
        const { row, folder } = loadFileRequest(services, caller, req);
        requireCapability(folder, 'edit');
        deleteFileRequest(services.db, row.id);
      })();
      return empty(204);
    },
  },
];
