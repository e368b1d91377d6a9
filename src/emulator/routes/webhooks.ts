/**
 * Webhooks (v2): an address notified of triggers on a file or folder. Each belongs to the user
 * who made it and is visible only to them. Deliveries are made by the WebhookDispatcher.
 */

import type { Caller, Services } from '../context';
import { badRequest, conflict, notFound } from '../errors';
import { empty, intParam, isObject, json, jsonBody, type EmulatorRequest } from '../http';
import { loadVisible, parseItemId } from '../items';
import type { Route } from '../router';
import { loadOpenApi } from '../spec/openapi';
import { getUser } from '../state/users';
import {
  deleteWebhook,
  findWebhook,
  getWebhook,
  insertWebhook,
  triggersOf,
  updateWebhook,
  webhooksOf,
  type WebhookRow,
  type WebhookSettings,
} from '../state/webhooks';
import { boxDateTime } from '../time';
import { NO_USER, userMini } from '../views/users';

let knownTriggers: Set<string> | undefined;

/** The trigger names Box's OpenAPI document lists for a webhook. */
function triggerNames(): Set<string> {
  if (knownTriggers) return knownTriggers;
  const found = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    if (node.title === 'Webhook Trigger' && Array.isArray(node.enum))
      node.enum.forEach((name) => found.add(String(name)));
    Object.values(node).forEach(walk);
  };
  walk(loadOpenApi().components.schemas.Webhook);
  knownTriggers = found;
  return found;
}

function webhookMini(row: WebhookRow): Record<string, unknown> {
  return { id: String(row.id), type: 'webhook', target: { id: String(row.target_id), type: row.target_type } };
}

function webhookView(services: Services, row: WebhookRow): Record<string, unknown> {
  const creator = getUser(services.db, row.created_by);
  return {
    ...webhookMini(row),
    created_by: creator ? userMini(creator) : NO_USER,
    created_at: boxDateTime(row.created_at),
    address: row.address,
    triggers: triggersOf(row),
  };
}

function missing(name: string): ReturnType<typeof badRequest> {
  return badRequest(`'${name}' is required`, {
    errors: [{ reason: 'missing_parameter', name, message: `'${name}' is required` }],
  });
}

function invalid(name: string, value: unknown, why: string): ReturnType<typeof badRequest> {
  return badRequest('Bad Request', {
    errors: [{ reason: 'invalid_parameter', name, message: `Invalid value '${String(value)}'. ${why}` }],
  });
}

/**
 * Box wants an https address on port 443. The emulator also takes plain http on this machine,
 * since test receivers have no certificate.
 */
function checkAddress(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') throw missing('address');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('address', raw, 'It must be a URL.');
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw invalid('address', raw, 'It must be an https URL.');
  return raw;
}

function checkTriggers(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0) throw missing('triggers');
  const known = triggerNames();
  for (const trigger of raw)
    if (typeof trigger !== 'string' || !known.has(trigger)) throw invalid('triggers', trigger, 'Unknown trigger.');
  return [...new Set(raw as string[])];
}

/** The target must be an item the caller can see. */
function checkTarget(
  services: Services,
  caller: Caller,
  raw: unknown,
): { targetType: 'file' | 'folder'; targetId: number } {
  if (!isObject(raw)) throw missing('target');
  const type = raw.type;
  if (type !== 'file' && type !== 'folder') throw invalid('target.type', type, "It must be 'file' or 'folder'.");
  const id = parseItemId(typeof raw.id === 'string' ? raw.id : undefined, 'target', type === 'file' ? 'f_' : 'd_');
  loadVisible(services, caller, id, type, 'target');
  return { targetType: type, targetId: id };
}

function loadWebhook(services: Services, caller: Caller, req: EmulatorRequest): WebhookRow {
  const raw = req.params.webhook_id;
  const row = /^\d+$/.test(raw) ? getWebhook(services.db, Number(raw)) : undefined;
  if (!row || row.created_by !== caller.user.id) throw notFound({ name: 'webhook_id', id: raw });
  return row;
}

function assertUnique(services: Services, settings: WebhookSettings, exceptId?: number): void {
  const existing = findWebhook(services.db, settings.targetType, settings.targetId, settings.address);
  if (existing && existing.id !== exceptId)
    throw conflict('conflict', 'Webhook:' + existing.id + ' already exists on the requested target.');
}

export const webhookRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/2.0/webhooks',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const row = services.db.transaction(() => {
        const settings: WebhookSettings = {
          ...checkTarget(services, caller, body.target),
          address: checkAddress(body.address),
          triggers: checkTriggers(body.triggers),
        };
        assertUnique(services, settings);
        return insertWebhook(services.db, settings, caller.user.id, caller.now);
      })();
      return json(201, webhookView(services, row));
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/webhooks',
    access: 'api',
    handler: (req, services, caller) => {
      const limit = intParam(req, 'limit', 100, 1, 200);
      const marker = req.query.get('marker');
      const after = marker ? Number(Buffer.from(marker, 'base64url').toString('utf8')) : 0;
      if (!Number.isInteger(after)) throw badRequest(`Invalid marker '${marker}'`, undefined, 'invalid_marker');
      const rows = webhooksOf(services.db, caller.user.id).filter((row) => row.id > after);
      const entries = rows.slice(0, limit);
      const nextMarker =
        rows.length > limit ? Buffer.from(String(entries[entries.length - 1].id)).toString('base64url') : null;
      return json(200, { limit, next_marker: nextMarker, prev_marker: null, entries: entries.map(webhookMini) });
    },
  },
  {
    method: 'GET',
    pattern: '/2.0/webhooks/:webhook_id',
    access: 'api',
    handler: (req, services, caller) => json(200, webhookView(services, loadWebhook(services, caller, req))),
  },
  {
    method: 'PUT',
    pattern: '/2.0/webhooks/:webhook_id',
    access: 'api',
    handler: (req, services, caller) => {
      const body = jsonBody(req);
      const row = services.db.transaction(() => {
        const current = loadWebhook(services, caller, req);
        const settings: WebhookSettings = {
          ...(body.target === undefined
            ? { targetType: current.target_type, targetId: current.target_id }
            : checkTarget(services, caller, body.target)),
          address: body.address === undefined ? current.address : checkAddress(body.address),
          triggers: body.triggers === undefined ? triggersOf(current) : checkTriggers(body.triggers),
        };
        assertUnique(services, settings, current.id);
        updateWebhook(services.db, current.id, settings);
        return getWebhook(services.db, current.id) as WebhookRow;
      })();
      return json(200, webhookView(services, row));
    },
  },
  {
    method: 'DELETE',
    pattern: '/2.0/webhooks/:webhook_id',
    access: 'api',
    handler: (req, services, caller) => {
      deleteWebhook(services.db, loadWebhook(services, caller, req).id);
      return empty(204);
    },
  },
];
