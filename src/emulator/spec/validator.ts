/**
 * Checks requests and responses against Box's OpenAPI document. Operations are matched by method and
 * path template; validators are compiled on first use and cached, since compiling the whole
 * document up front would cost seconds on every start.
 */

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import {
  loadOpenApi,
  type Json,
  type JsonObject,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
} from './openapi';

export interface SpecError {
  /** Where: `body`, `query.limit`, `header.digest`, `path.file_id`, `operation`, `status`. */
  location: string;
  instancePath: string;
  message: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

export interface SpecViolation {
  /** The operation as the spec names it, e.g. `GET /files/{file_id}`; the raw path when none matched. */
  operation: string;
  operationId?: string;
  direction: 'request' | 'response';
  method: string;
  path: string;
  status?: number;
  errors: SpecError[];
}

export interface MatchedOperation {
  method: string;
  template: string;
  operation: OpenApiOperation;
  pathParams: Record<string, string>;
}

export interface RequestForValidation {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  contentType?: string;
  /** The body as the spec describes it: parsed JSON, form fields, multipart parts; undefined when empty or binary. */
  body?: unknown;
  hasBody: boolean;
}

export interface ResponseForValidation {
  status: number;
  contentType?: string;
  body?: unknown;
}

const DOC_ID = 'https://box.emulator/openapi.json';

interface Matcher {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  literalLength: number;
  operation: OpenApiOperation;
}

function serverPrefix(operation: OpenApiOperation, doc: OpenApiDocument): string {
  const server: { url: string; variables?: Record<string, { default: string }> } =
    operation.servers?.[0] ?? doc.servers[0];
  const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? 'host');
  // The upload server lives under /api; the emulator serves both hosts from one origin without it.
  return new URL(url).pathname.replace(/^\/api(?=\/|$)/, '').replace(/\/$/, '');
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
}

function buildMatchers(doc: OpenApiDocument): Matcher[] {
  const matchers: Matcher[] = [];
  for (const [template, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const full = serverPrefix(operation, doc) + template;
      const names: string[] = [];
      const pattern = full.split(/(\{[^}]+\})/).map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (!param) return escapeRegex(part);
        names.push(param[1]);
        return '([^/]+)';
      });
      matchers.push({
        method: method.toUpperCase(),
        template,
        regex: new RegExp(`^${pattern.join('')}$`),
        names,
        literalLength: full.replace(/\{[^}]+\}/g, '').length,
        operation,
      });
    }
  }
  // Literal paths before templated ones: /users/me must not match /users/{user_id}.
  return matchers.sort((a, b) => b.literalLength - a.literalLength);
}

/** Rewrites document-local refs so a schema compiled on its own still resolves them in the document. */
function anchorRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(anchorRefs);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string' && value.startsWith('#') ? DOC_ID + value : anchorRefs(value),
    ]),
  );
}

function toSpecErrors(location: string, errors: ErrorObject[] | null | undefined): SpecError[] {
  return (errors ?? []).map((e) => ({
    location,
    instancePath: e.instancePath,
    message: e.message ?? 'invalid',
    keyword: e.keyword,
    params: e.params,
  }));
}

/** Query and path values arrive as text; the spec types them, so convert before validating. */
function coerce(raw: string, schema: JsonObject | undefined): Json {
  const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (type === 'array') return raw.split(',');
  return raw;
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0].trim().toLowerCase();
}

export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly matchers: Matcher[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument = loadOpenApi()) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormats(this.ajv);
    for (const name of [
      'token',
      'html',
      'timezone',
      'urn',
      '<width>x<height>',
      'digest',
      'jwt',
      'space_delimited_list',
    ])
      this.ajv.addFormat(name, true);
    this.ajv.addFormat('url', (value: string) => URL.canParse(value));
    this.ajv.addSchema({ $id: DOC_ID, components: doc.components } as object);
    this.matchers = buildMatchers(doc);
  }

  match(method: string, path: string): MatchedOperation | undefined {
    for (const m of this.matchers) {
      if (m.method !== method) continue;
      const found = m.regex.exec(path);
      if (!found) continue;
      const pathParams = Object.fromEntries(m.names.map((name, i) => [name, decodeURIComponent(found[i + 1])]));
      return { method, template: m.template, operation: m.operation, pathParams };
    }
    return undefined;
  }

  private validator(key: string, schema: () => JsonObject): ValidateFunction {
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(anchorRefs(schema()) as object);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  private check(key: string, location: string, schema: () => JsonObject, value: unknown): SpecError[] {
    const fn = this.validator(key, schema);
    return fn(value) ? [] : toSpecErrors(location, fn.errors);
  }

  private checkParameters(op: MatchedOperation, req: RequestForValidation): SpecError[] {
    const params = op.operation.parameters ?? [];
    const errors: SpecError[] = [];
    const declaredQuery = new Set(params.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(req.query.keys())) {
      if (!declaredQuery.has(name))
        errors.push({
          location: `query.${name}`,
          instancePath: '',
          message: 'query parameter not defined by the operation',
        });
    }
    for (const p of params) {
      const raw = this.rawParameter(p, op, req);
      const location = `${p.in}.${p.name}`;
      if (raw === undefined) {
        if (p.required) errors.push({ location, instancePath: '', message: 'required parameter missing' });
        continue;
      }
      if (!p.schema) continue;
      const schema = p.schema;
      errors.push(
        ...this.check(`${op.method} ${op.template} ${location}`, location, () => schema, coerce(raw, schema)),
      );
    }
    return errors;
  }

  private rawParameter(p: OpenApiParameter, op: MatchedOperation, req: RequestForValidation): string | undefined {
    if (p.in === 'path') return op.pathParams[p.name];
    if (p.in === 'query') return req.query.get(p.name) ?? undefined;
    if (p.in === 'header') {
      const value = req.headers[p.name.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    }
    return undefined;
  }

  private checkBody(op: MatchedOperation, req: RequestForValidation): SpecError[] {
    const declared = op.operation.requestBody;
    const type = mediaType(req.contentType);
    if (!declared)
      return req.hasBody ? [{ location: 'body', instancePath: '', message: 'operation takes no request body' }] : [];
    if (!req.hasBody)
      return declared.required ? [{ location: 'body', instancePath: '', message: 'request body required' }] : [];
    const media = type ? declared.content[type] : undefined;
    if (!media)
      return [
        {
          location: 'body',
          instancePath: '',
          message: `content type ${type ?? '(none)'} not accepted; expected ${Object.keys(declared.content).join(', ')}`,
        },
      ];
    const schema = media.schema;
    if (!schema || req.body === undefined) return [];
    return this.check(`${op.method} ${op.template} body ${type}`, 'body', () => schema, req.body);
  }

  validateRequest(req: RequestForValidation): SpecViolation | undefined {
    const op = this.match(req.method, req.path);
    if (!op) {
      return {
        operation: `${req.method} ${req.path}`,
        direction: 'request',
        method: req.method,
        path: req.path,
        errors: [
          { location: 'operation', instancePath: '', message: 'no operation in the spec matches this method and path' },
        ],
      };
    }
    const errors = [...this.checkParameters(op, req), ...this.checkBody(op, req)];
    return errors.length ? this.violation(op, 'request', req.path, errors) : undefined;
  }

  validateResponse(method: string, path: string, res: ResponseForValidation): SpecViolation | undefined {
    const op = this.match(method, path);
    if (!op) return undefined; // already reported on the request side
    const responses = op.operation.responses;
    const status = String(res.status);
    const success = Object.keys(responses).filter((s) => s.startsWith('2'));
    // Some operations document the wrong 2xx (GET metadata instance says 201; Box sends 200).
    const key =
      status in responses
        ? status
        : res.status < 300 && success.length === 1
          ? success[0]
          : `${status[0]}XX` in responses
            ? `${status[0]}XX`
            : 'default';
    const entry = responses[key];
    if (!entry)
      return this.violation(
        op,
        'response',
        path,
        [{ location: 'status', instancePath: '', message: `status ${status} not documented` }],
        res.status,
      );
    const type = mediaType(res.contentType);
    if (res.body === undefined || type !== 'application/json') return undefined;
    const schema = entry.content?.['application/json']?.schema;
    if (!schema) {
      return this.violation(
        op,
        'response',
        path,
        [{ location: 'body', instancePath: '', message: `no JSON body documented for ${status}` }],
        res.status,
      );
    }
    const errors = this.check(`${op.method} ${op.template} response ${key}`, 'body', () => schema, res.body);
    return errors.length ? this.violation(op, 'response', path, errors, res.status) : undefined;
  }

  private violation(
    op: MatchedOperation,
    direction: 'request' | 'response',
    path: string,
    errors: SpecError[],
    status?: number,
  ): SpecViolation {
    return {
      operation: `${op.method} ${op.template}`,
      operationId: op.operation.operationId,
      direction,
      method: op.method,
      path,
      status,
      errors,
    };
  }
}

let shared: SpecValidator | undefined;

/** One validator per process: its compiled schemas are the expensive part and are safe to share. */
export function sharedSpecValidator(): SpecValidator {
  shared ??= new SpecValidator();
  return shared;
}
