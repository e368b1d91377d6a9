/**
 * Files: read (with `fields`), change (name, description, shared link, move), delete, download
 * (a redirect to a short-lived link) and thumbnails, each checked against the caller's role.
 */

import type { Capabilities } from '../access';
import { fileDownloaded, itemActivity } from '../activity';
import type { Caller, Services } from '../context';
import { badRequest } from '../errors';
import { empty, isObject, json, jsonBody, type EmulatorRequest } from '../http';
import {
  assertEtag,
  assertNameFree,
  loadVisible,
  parseItemId,
  requireCapability,
  targetFolder,
  validateName,
  type VisibleItem,
} from '../items';
import type { Route } from '../router';
import { applySharedLink } from '../shared-links';
import { deleteSubtree, moveItem, nameKey, renameItem, setDescription, setSharedLink } from '../state/items';
import { chooseSize, jpegThumbnail, JPG_SIZES, PNG_SIZES, pngThumbnail, type SizeLimits } from '../thumbnails';
import { requestedFields } from '../views/fields';
import { fileView } from '../views/items';

function fileIdParam(req: EmulatorRequest): number {
  return parseItemId(req.params.file_id, 'file', 'f_');
}

/** The file a path names, which the caller must see (404) and may use as asked (403). */
function fileFor(
  req: EmulatorRequest,
  services: Services,
  caller: Caller,
  capability: keyof Capabilities,
): VisibleItem {
  const visible = loadVisible(services, caller, fileIdParam(req), 'file', 'file');
  requireCapability(visible, capability);
  return visible;
}

function sizeLimits(req: EmulatorRequest): SizeLimits {
  const read = (name: string): number | undefined => {
    const raw = req.query.get(name);
    if (raw === null) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 32 || value > 320)
      throw badRequest(`Invalid value '${raw}' for query parameter '${name}'`);
    return value;
  };
  return {
    minWidth: read('min_width'),
    minHeight: read('min_height'),
    maxWidth: read('max_width'),
    maxHeight: read('max_height'),
  };
}

export const fileRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/2.0/files/:file_id',
    access: 'api',
    handler: (req, services, caller) => {
      const { item } = loadVisible(services, caller, fileIdParam(req), 'file', 'file');
      return json(200, fileView(item, services, caller, { fields: requestedFields(req) }));
    },
  },
  {
    method: 'PUT',
    pattern: '/2.0/files/:file_id',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      let sharedLinkCreated = false;
      const updated = services.db.transaction(() => {
        const visible = loadVisible(services, caller, fileIdParam(req), 'file', 'file');
        const { item } = visible;
        assertEtag(req, item.etag);
        if ('shared_link' in body) {
          requireCapability(visible, 'edit');
          const link = applySharedLink(item, body.shared_link, caller.now);
          setSharedLink(services.db, item.id, link ? JSON.stringify(link) : null, caller.user.id, caller.now);
          if (link && !item.shared_link) sharedLinkCreated = true;
        }
        if (body.name !== undefined && body.name !== item.name) {
          requireCapability(visible, 'edit');
          const name = validateName(body.name);
          if (nameKey(name) !== item.name_key) assertNameFree(services, item.parent_id, name, item.owner_id, 'list');
          renameItem(services.db, item.id, name, caller.user.id, caller.now);
        }
        if (body.parent !== undefined) {
          const parentId = isObject(body.parent) ? body.parent.id : undefined;
          requireCapability(visible, 'edit');
          const target = targetFolder(services, caller, parentId, 'parent');
          if (target.folderId !== item.parent_id) {
            const name = typeof body.name === 'string' ? body.name : item.name;
            assertNameFree(services, target.folderId, name, target.ownerId, 'list');
            moveItem(services.db, item.id, target.folderId, target.ownerId, caller.user.id, caller.now);
          }
        }
        if (typeof body.description === 'string') {
          requireCapability(visible, 'edit');
          setDescription(services.db, item.id, body.description, caller.user.id, caller.now);
        }
        return loadVisible(services, caller, item.id, 'file', 'file').item;
      })();
      if (sharedLinkCreated)
        itemActivity(services, updated, caller.user.id, {
          userEventType: 'ITEM_SHARED',
          enterpriseEventType: 'SHARE',
          trigger: 'SHARED_LINK.CREATED',
        });
      return json(200, fileView(updated, services, caller, { fields: requestedFields(req) }));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/files/:file_id',
    access: 'api',
    handler: (req, services, caller) => {
      services.db.transaction(() => {
        const visible = loadVisible(services, caller, fileIdParam(req), 'file', 'file');
        requireCapability(visible, 'delete');
        assertEtag(req, visible.item.etag);
        deleteSubtree(services.db, visible.item.id, caller.user.id, caller.now);
      })();
      return empty(204);
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/files/:file_id/content',
    access: 'api',
    handler: (req, services, caller) => {
      const visible = fileFor(req, services, caller, 'download');
      const version = req.query.get('version');
      if (version !== null && version !== String(visible.item.version_id))
        throw badRequest(`Invalid value '${version}' for query parameter 'version'`);
      fileDownloaded(services, visible.item, caller.user.id);
      // Box answers with a redirect to its download host; the SDK follows it (without the token when the host differs).
      return {
        kind: 'empty',
        status: 302,
        headers: { location: services.downloads.create(visible.item.id, visible.item.sha1 ?? '') },
      };
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/files/:file_id/thumbnail.:extension',
    access: 'api',
    handler: (req, services, caller) => {
      fileFor(req, services, caller, 'preview');
      const extension = req.params.extension;
      const limits = sizeLimits(req);
      if (extension === 'png')
        return {
          kind: 'bytes',
          status: 200,
          body: pngThumbnail(chooseSize(PNG_SIZES, limits)),
          contentType: 'image/png',
        };
      if (extension === 'jpg')
        return {
          kind: 'bytes',
          status: 200,
          body: jpegThumbnail(chooseSize(JPG_SIZES, limits)),
          contentType: 'image/jpeg',
        };
      throw badRequest(`Invalid value '${extension}' for path parameter 'extension'`);
    },
  },
];
