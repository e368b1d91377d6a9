/**
 * Enterprise metadata templates: created by the app's service account (Box requires an admin),
 * read by anyone in the enterprise, and changed by it through Box's template operations (which carry
 * over to the instances already on files).
 */

import type { Services } from '../context';
import { BoxApiError, badRequest, conflict, forbidden } from '../errors';
import { header, intParam, json, jsonArrayBody, jsonBody, type EmulatorRequest } from '../http';
import type { Route } from '../router';
import { getTemplate, insertTemplate, listTemplates, replaceTemplate, type MetadataTemplate } from '../state/metadata';
import { KEY_PATTERN, keyFromDisplayName, parseField } from '../template-fields';
import { applyTemplateOperations } from '../template-operations';
import { fullScope, templateView } from '../views/metadata';

function parseTemplate(body: Record<string, unknown>, services: Services): Omit<MetadataTemplate, 'id'> {
  if (body.scope !== 'enterprise')
    throw badRequest(`Invalid value '${String(body.scope)}' for 'scope'; templates are created in scope 'enterprise'`);
  if (typeof body.displayName !== 'string' || body.displayName.trim() === '' || body.displayName.length > 4096)
    throw badRequest("'displayName' is required");
  const templateKey = body.templateKey ?? keyFromDisplayName(body.displayName);
  if (typeof templateKey !== 'string' || !KEY_PATTERN.test(templateKey) || templateKey.length > 64)
    throw badRequest(`Invalid value '${String(templateKey)}' for 'templateKey'`);
  if (body.fields !== undefined && !Array.isArray(body.fields)) throw badRequest("'fields' must be a list");
  const fields = ((body.fields as unknown[] | undefined) ?? []).map((field, index) =>
    parseField(field, `fields[${index}]`),
  );
  const keys = new Set<string>();
  for (const field of fields) {
    if (keys.has(field.key)) throw badRequest(`Duplicate field key '${field.key}'`);
    keys.add(field.key);
  }
  return {
    scope: services.enterpriseScope,
    templateKey,
    displayName: body.displayName,
    hidden: body.hidden === true,
    copyInstanceOnItemCopy: body.copyInstanceOnItemCopy === true,
    fields,
  };
}

/** The template a path names (`/metadata_templates/:scope/:key/...` or the same under a file); 404 when absent. */
export function templateFromPath(req: EmulatorRequest, services: Services, code = 'not_found'): MetadataTemplate {
  const scope = fullScope(req.params.scope, services);
  const template = getTemplate(services.db, scope, req.params.template_key);
  if (!template) throw new BoxApiError(404, code, `Template not found: ${req.params.scope}.${req.params.template_key}`);
  return template;
}

export const metadataTemplateRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/metadata_templates/schema',
    access: 'api',
    handler: (req, services, caller) => {
      if (!caller.isServiceAccount)
        throw forbidden('Only an administrator of the enterprise can create metadata templates');
      const template = parseTemplate(jsonBody(req), services);
      const created = services.db.transaction(() => {
        if (getTemplate(services.db, template.scope, template.templateKey)) {
          throw conflict('conflict', `A metadata template with the key '${template.templateKey}' already exists`);
        }
        return insertTemplate(services.db, template);
      })();
      return json(201, templateView(created));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/metadata_templates/enterprise',
    access: 'api',
    handler: (req, services) => listResponse(req, listTemplates(services.db, services.enterpriseScope)),
  },
  {
    method: 'GET',
    pattern: '/2.0/metadata_templates/global',
    access: 'api',
    handler: (req, services) => listResponse(req, listTemplates(services.db, 'global')),
  },
  {
    method: 'GET',
    pattern: '/2.0/metadata_templates/:scope/:template_key/schema',
    access: 'api',
    handler: (req, services) => json(200, templateView(templateFromPath(req, services))),
  },
  {
    method: 'PUT',
    pattern: '/2.0/metadata_templates/:scope/:template_key/schema',
    access: 'api',
    handler: (req, services, caller) => {
      if (!caller.isServiceAccount)
        throw forbidden('Only an administrator of the enterprise can update metadata templates');
      // Box's own guide sends the operations as plain JSON; the SDKs send them as a JSON Patch document.
      const contentType = header(req, 'content-type')?.split(';')[0].trim();
      if (contentType !== 'application/json-patch+json' && contentType !== 'application/json') {
        throw badRequest("Template updates must be sent as 'application/json-patch+json'");
      }
      const operations = jsonArrayBody(req);
      const updated = services.db.transaction(() => {
        const update = applyTemplateOperations(templateFromPath(req, services), operations);
        replaceTemplate(services.db, update.template, update.rewriteValues);
        return update.template;
      })();
      return json(200, templateView(updated));
    },
  },
];

function listResponse(req: EmulatorRequest, templates: MetadataTemplate[]): ReturnType<typeof json> {
  const limit = intParam(req, 'limit', 100, 1, 1000);
  const marker = req.query.get('marker');
  const start = marker ? Number(Buffer.from(marker, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0)
    throw badRequest(`Invalid marker '${marker}'`, undefined, 'invalid_marker');
  const page = templates.slice(start, start + limit);
  const more = start + limit < templates.length;
  return json(200, {
    entries: page.map(templateView),
    limit,
    next_marker: more ? Buffer.from(String(start + limit)).toString('base64url') : null,
  });
}
