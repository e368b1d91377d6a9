/**
 * Folders: create, read (root `0` is each user's All Files), list items (offset or marker paging)
 * and delete (recursively only when asked).
 */

import type { Caller, Services } from '../context';
import { badRequest, forbidden } from '../errors';
import { empty, intParam, isObject, json, jsonBody, type EmulatorRequest } from '../http';
import {
  assertEtag,
  assertNameFree,
  loadVisible,
  parseItemId,
  requireCapability,
  targetFolder,
  validateName,
} from '../items';
import { markerPage, offsetPage, visibleChildren } from '../listing';
import type { Route } from '../router';
import { children, deleteSubtree, insertItem, ROOT_ID } from '../state/items';
import { requestedFields } from '../views/fields';
import { DEFAULT_ORDER, folderView, itemView, rootView } from '../views/items';

function folderIdParam(req: EmulatorRequest): number {
  return parseItemId(req.params.folder_id, 'folder', 'd_');
}

/** The folder must be the caller's root or a folder they can see. */
function assertFolderVisible(services: Services, caller: Caller, folderId: number): void {
  if (folderId !== ROOT_ID) loadVisible(services, caller, folderId, 'folder', 'folder');
}

export const folderRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/folders',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const name = validateName(body.name);
      const parent = isObject(body.parent) ? body.parent.id : undefined;
      const folder = services.db.transaction(() => {
        const target = targetFolder(services, caller, parent, 'parent');
        assertNameFree(services, target.folderId, name, caller.user.id, 'list');
        return insertItem(
          services.db,
          { type: 'folder', name, parentId: target.folderId, ownerId: target.ownerId, actorId: caller.user.id },
          caller.now,
        );
      })();
      return json(201, folderView(folder, services, caller, { fields: requestedFields(req) }));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/folders/:folder_id',
    access: 'api',
    handler: (req, services, caller) => {
      const folderId = folderIdParam(req);
      const fields = requestedFields(req);
      if (folderId === ROOT_ID) return json(200, rootView(services, caller, fields));
      const { item } = loadVisible(services, caller, folderId, 'folder', 'folder');
      return json(200, folderView(item, services, caller, { fields }));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/folders/:folder_id',
    access: 'api',
    handler: (req, services, caller) => {
      const folderId = folderIdParam(req);
      if (folderId === ROOT_ID) throw forbidden('The root folder cannot be deleted');
      services.db.transaction(() => {
        const visible = loadVisible(services, caller, folderId, 'folder', 'folder');
        requireCapability(visible, 'delete');
        assertEtag(req, visible.item.etag);
        if (req.query.get('recursive') !== 'true' && children(services.db, folderId).length > 0) {
          throw badRequest('Cannot delete - folder not empty', undefined, 'folder_not_empty');
        }
        deleteSubtree(services.db, folderId, caller.user.id, caller.now);
      })();
      return empty(204);
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/folders/:folder_id/items',
    access: 'api',
    handler: (req, services, caller) => {
      const folderId = folderIdParam(req);
      assertFolderVisible(services, caller, folderId);
      const items = visibleChildren(services, caller, folderId);
      const fields = requestedFields(req);
      const limit = intParam(req, 'limit', 100, 1, 1000);
      // Entries default to the mini form; `fields` switches them to exactly the fields asked for.
      const view = (item: (typeof items)[number]): Record<string, unknown> =>
        itemView(item, services, caller, {
          fields: fields ?? [
            'type',
            'id',
            'etag',
            'sequence_id',
            'name',
            ...(item.type === 'file' ? ['sha1', 'file_version'] : []),
          ],
        });
      if (req.query.get('usemarker') === 'true') {
        const page = markerPage(items, req.query.get('marker'), limit);
        return json(200, { entries: page.entries.map(view), limit, next_marker: page.nextMarker ?? null });
      }
      const offset = intParam(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
      const page = offsetPage(items, offset, limit);
      return json(200, {
        total_count: page.totalCount,
        entries: page.entries.map(view),
        offset,
        limit,
        order: DEFAULT_ORDER,
      });
    },
  },
];
