/**
 * A file's watermark (`imprint: default`, the only one Box offers). Anyone who can see the file can
 * read it; only the owner or a co-owner may set or remove it, as in Box.
 */

import type { Caller, Services } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { empty, isObject, json, jsonBody, type EmulatorRequest } from '../http';
import { loadVisible, parseItemId, type VisibleItem } from '../items';
import type { Route } from '../router';
import { deleteWatermark, getWatermark, putWatermark, type WatermarkRow } from '../state/watermarks';
import { boxDateTime } from '../time';

function watermarkView(row: WatermarkRow): Record<string, unknown> {
  return { watermark: { created_at: boxDateTime(row.created_at), modified_at: boxDateTime(row.modified_at) } };
}

function file(req: EmulatorRequest, services: Services, caller: Caller): VisibleItem {
  return loadVisible(services, caller, parseItemId(req.params.file_id, 'file', 'f_'), 'file', 'file');
}

function requireOwner(visible: VisibleItem): void {
  if (visible.role !== 'owner' && visible.role !== 'co-owner') throw forbidden();
}

export const watermarkRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/2.0/files/:file_id/watermark',
    access: 'api',
    handler: (req, services, caller) => {
      const row = getWatermark(services.db, file(req, services, caller).item.id);
      if (!row) throw notFound({ name: 'watermark', id: req.params.file_id });
      return json(200, watermarkView(row));
    },
  },
  {
    method: 'PUT',
    pattern: '/2.0/files/:file_id/watermark',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      if (!isObject(body.watermark) || body.watermark.imprint !== 'default')
        throw badRequest("'watermark.imprint' must be 'default'");
      const visible = file(req, services, caller);
      requireOwner(visible);
      const created = putWatermark(services.db, visible.item.id, caller.now);
      return json(created ? 201 : 200, watermarkView(getWatermark(services.db, visible.item.id) as WatermarkRow));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/files/:file_id/watermark',
    access: 'api',
    handler: (req, services, caller) => {
      const visible = file(req, services, caller);
      requireOwner(visible);
      if (!deleteWatermark(services.db, visible.item.id)) throw notFound({ name: 'watermark', id: req.params.file_id });
      return empty(204);
    },
  },
];
