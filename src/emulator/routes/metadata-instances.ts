/** Metadata instances on files: one per template per file, typed by the template. */

import type { Caller, Services } from '../context';
import { BoxApiError, badRequest, conflict } from '../errors';
import { empty, header, json, jsonArrayBody, jsonBody, type EmulatorRequest } from '../http';
import { loadVisible, parseItemId, requireCapability, type VisibleItem } from '../items';
import { applyJsonPatch } from '../json-patch';
import { validateValues } from '../metadata-values';
import type { Route } from '../router';
import { sql } from '../state/db';
import {
  getInstance,
  getTemplate,
  insertInstance,
  instancesOfItem,
  updateInstanceValues,
  type MetadataInstance,
  type MetadataTemplate,
} from '../state/metadata';
import { instanceView } from '../views/metadata';
import { templateFromPath } from './metadata-templates';

function file(req: EmulatorRequest, services: Services, caller: Caller): VisibleItem {
  return loadVisible(services, caller, parseItemId(req.params.file_id, 'file', 'f_'), 'file', 'file');
}

/** The file and template a write names: the caller must be able to edit the file. */
function writeTarget(
  req: EmulatorRequest,
  services: Services,
  caller: Caller,
  missingTemplateCode: string,
): { visible: VisibleItem; template: MetadataTemplate } {
  const visible = file(req, services, caller);
  requireCapability(visible, 'edit');
  return { visible, template: templateFromPath(req, services, missingTemplateCode) };
}

function existingInstance(services: Services, visible: VisibleItem, template: MetadataTemplate): MetadataInstance {
  const instance = getInstance(services.db, visible.item.id, template.scope, template.templateKey);
  if (!instance) throw new BoxApiError(404, 'instance_not_found', 'Instance not found.');
  return instance;
}

export const metadataInstanceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/2.0/files/:file_id/metadata',
    access: 'api',
    handler: (req, services, caller) => {
      const visible = file(req, services, caller);
      const entries = instancesOfItem(services.db, visible.item.id).flatMap((instance) => {
        const template = getTemplate(services.db, instance.scope, instance.templateKey);
        return template ? [instanceView(instance, template, visible.item, visible.caps.edit)] : [];
      });
      return json(200, { entries, limit: 100 });
    },
  },
  {
    method: 'POST',
    pattern: '/2.0/files/:file_id/metadata/:scope/:template_key',
    access: 'api',
    handler: (req, services, caller) => {
      const { visible, template } = writeTarget(req, services, caller, 'instance_tuple_not_found');
      const values = validateValues(template, jsonBody(req));
      const instance = services.db.transaction(() => {
        if (getInstance(services.db, visible.item.id, template.scope, template.templateKey)) {
          throw conflict('tuple_already_exists', 'A metadata instance of this template already exists on the file.');
        }
        return insertInstance(services.db, visible.item.id, template.scope, template.templateKey, values);
      })();
      return json(201, instanceView(instance, template, visible.item, true));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/files/:file_id/metadata/:scope/:template_key',
    access: 'api',
    handler: (req, services, caller) => {
      const visible = file(req, services, caller);
      const template = templateFromPath(req, services, 'instance_not_found');
      return json(
        200,
        instanceView(existingInstance(services, visible, template), template, visible.item, visible.caps.edit),
      );
    },
  },
  {
    method: 'PUT',
    pattern: '/2.0/files/:file_id/metadata/:scope/:template_key',
    access: 'api',
    handler: (req, services, caller) => {
      if (header(req, 'content-type')?.split(';')[0].trim() !== 'application/json-patch+json') {
        throw badRequest("Metadata updates must be sent as 'application/json-patch+json'");
      }
      const operations = jsonArrayBody(req);
      const { visible, template } = writeTarget(req, services, caller, 'instance_not_found');
      const updated = services.db.transaction(() => {
        const instance = existingInstance(services, visible, template);
        const values = validateValues(template, applyJsonPatch(instance.values, operations));
        return updateInstanceValues(services.db, instance, values);
      })();
      return json(200, instanceView(updated, template, visible.item, true));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/files/:file_id/metadata/:scope/:template_key',
    access: 'api',
    handler: (req, services, caller) => {
      const { visible, template } = writeTarget(req, services, caller, 'instance_not_found');
      const instance = existingInstance(services, visible, template);
      sql(services.db, 'DELETE FROM metadata_instances WHERE id = ?').run(instance.id);
      return empty(204);
    },
  },
];
