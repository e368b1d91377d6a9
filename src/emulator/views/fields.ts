/**
 * Box's `fields` parameter: when given, a response carries the base fields of the object (type, id,
 * and etag for items) plus exactly the fields asked for, instead of the default set. Values are
 * computed lazily so an expensive field (a path, a folder size) costs nothing unless asked for.
 */

import type { EmulatorRequest } from '../http';

export type FieldProviders = Record<string, () => unknown>;

export function requestedFields(req: EmulatorRequest): string[] | undefined {
  const raw = req.query.get('fields');
  if (raw === null || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean);
}

/** Builds the object from the base fields, then the requested fields (or the default set). Unknown names are ignored, as Box ignores them. */
export function pick(
  providers: FieldProviders,
  base: readonly string[],
  fields: readonly string[] | undefined,
  defaults: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of [...base, ...(fields ?? defaults)]) {
    if (name in out || !Object.prototype.hasOwnProperty.call(providers, name)) continue;
    out[name] = providers[name]();
  }
  return out;
}

/** `metadata.<scope>.<templateKey>[.<field>]` requests, grouped by template. */
export interface MetadataFieldRequest {
  scope: string;
  templateKey: string;
  /** Field keys asked for; empty means the instance's system fields only. */
  fieldKeys: string[];
}

// A query's page views a hundred items with the same `fields` list: it is read once.
const readRequests = new WeakMap<readonly string[], MetadataFieldRequest[]>();

export function metadataFieldRequests(fields: readonly string[] | undefined): MetadataFieldRequest[] {
  if (!fields) return [];
  let requests = readRequests.get(fields);
  if (!requests) {
    requests = readMetadataFieldRequests(fields);
    readRequests.set(fields, requests);
  }
  return requests;
}

function readMetadataFieldRequests(fields: readonly string[]): MetadataFieldRequest[] {
  const byTemplate = new Map<string, MetadataFieldRequest>();
  for (const field of fields) {
    const parts = field.split('.');
    if (parts[0] !== 'metadata' || parts.length < 3) continue;
    const [, scope, templateKey, ...rest] = parts;
    const key = `${scope}.${templateKey}`;
    const entry = byTemplate.get(key) ?? { scope, templateKey, fieldKeys: [] };
    if (rest.length > 0) entry.fieldKeys.push(rest.join('.'));
    byTemplate.set(key, entry);
  }
  return [...byTemplate.values()];
}
