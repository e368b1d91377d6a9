/**
 * Box's OpenAPI 3.0 document, turned into JSON Schema that Ajv understands, plus the few patches
 * where the document disagrees with what Box actually sends (each one says why).
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonObject;
}

export interface OpenApiMedia {
  schema?: JsonObject;
}

export interface OpenApiResponse {
  content?: Record<string, OpenApiMedia>;
}

export interface OpenApiOperation {
  operationId?: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMedia> };
  responses: Record<string, OpenApiResponse>;
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
}

export interface OpenApiDocument {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonObject> };
}

const SPEC_RELATIVE = join('specs', 'box', 'openapi.json');

/** The project's copy of the spec, found upwards from here so it works from src/ (ts-jest) and dist/ alike. */
export function defaultSpecPath(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, SPEC_RELATIVE))) return join(dir, SPEC_RELATIVE);
    if (dirname(dir) === dir)
      throw new Error(`Box OpenAPI spec not found above ${__dirname} (expected ${SPEC_RELATIVE})`);
  }
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);

/**
 * OpenAPI 3.0 `nullable: true` becomes JSON Schema's null type (Ajv's own support needs `type` beside
 * it). Examples are dropped: Ajv walks every key, and sample metadata in them carries `$id` values
 * that it would take for schema ids.
 */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObject(schema)) return schema;
  if (schema.nullable !== true && Array.isArray(schema.allOf) && schema.allOf.some(isNullMarker)) {
    return toJsonSchema({ ...schema, allOf: schema.allOf.filter((member) => !isNullMarker(member)), nullable: true });
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'examples') continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(toJsonSchema);
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = toJsonSchema(value);
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, out] };
}

/**
 * The document often marks a property nullable with an `allOf` member that says only
 * `nullable: true` (e.g. File.shared_link); Box then sends null, so the whole schema is nullable.
 */
function isNullMarker(member: Json): boolean {
  return (
    isObject(member) &&
    member.nullable === true &&
    Object.keys(member).every((k) => k === 'nullable' || k === 'description')
  );
}

/** Converts every schema that sits under a `schema` key of a parameter, body or response. */
function convertOperation(operation: OpenApiOperation): OpenApiOperation {
  const media = (content: Record<string, OpenApiMedia>): Record<string, OpenApiMedia> =>
    Object.fromEntries(
      Object.entries(content).map(([type, m]) => [
        type,
        m.schema ? { schema: toJsonSchema(m.schema) as JsonObject } : {},
      ]),
    );
  return {
    ...operation,
    parameters: operation.parameters?.map((p) =>
      p.schema ? { ...p, schema: toJsonSchema(p.schema) as JsonObject } : p,
    ),
    requestBody: operation.requestBody
      ? { ...operation.requestBody, content: media(operation.requestBody.content) }
      : undefined,
    responses: Object.fromEntries(
      Object.entries(operation.responses).map(([status, r]) => [
        status,
        r.content ? { ...r, content: media(r.content) } : r,
      ]),
    ),
  };
}

/**
 * Known disagreements between the document and Box's live API:
 * - ClientError.code lists a handful of codes, but Box sends many more (item_name_in_use,
 *   user_login_already_used, tuple_already_exists, access_denied_insufficient_permissions,
 *   rate_limit_exceeded...). The enum is dropped so those answers validate.
 * - The shared_link objects require `accessed`, a property they do not define and Box never sends
 *   (box-node-sdk does not know it either).
 * - An event's `source` is oneOf user, file, folder, event source and a generic object; the generic
 *   member accepts anything, so every real source matches two members and oneOf fails. anyOf says
 *   what the document means.
 */
function patch(schemas: Record<string, JsonObject>): void {
  const code = (schemas.ClientError.properties as JsonObject).code as JsonObject;
  delete code.enum;
  const stripAccessed = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(stripAccessed);
    if (!isObject(node)) return;
    if (
      Array.isArray(node.required) &&
      node.required.includes('accessed') &&
      isObject(node.properties) &&
      !('accessed' in node.properties)
    ) {
      node.required = node.required.filter((name) => name !== 'accessed');
    }
    Object.values(node).forEach(stripAccessed);
  };
  Object.values(schemas).forEach(stripAccessed);
  const eventSource = schemas.EventSourceResource;
  if (eventSource && Array.isArray(eventSource.oneOf)) {
    eventSource.anyOf = eventSource.oneOf;
    delete eventSource.oneOf;
  }
}

let cached: { path: string; doc: OpenApiDocument } | undefined;

/** Loads and converts the document once per process: it is large, and every emulator shares it. */
export function loadOpenApi(path = defaultSpecPath()): OpenApiDocument {
  if (cached?.path === path) return cached.doc;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  const schemas = Object.fromEntries(
    Object.entries(raw.components.schemas).map(([name, s]) => [name, toJsonSchema(s) as JsonObject]),
  );
  patch(schemas);
  const paths = Object.fromEntries(
    Object.entries(raw.paths).map(([p, ops]) => [
      p,
      Object.fromEntries(Object.entries(ops).map(([m, op]) => [m, convertOperation(op)])),
    ]),
  );
  const doc: OpenApiDocument = { servers: raw.servers, paths, components: { schemas } };
  cached = { path, doc };
  return doc;
}
