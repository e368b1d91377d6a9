/**
 * One request through the emulator: read the body, find the route, apply any injected fault,
 * authenticate, run the handler, and answer — checking request and response against Box's OpenAPI
 * document on the way when asked to.
 */

import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { logger } from '../log';
import { authenticate } from './auth';
import type { Services } from './context';
import { BoxApiError, methodNotAllowed, newRequestId, notFound, OAuthError } from './errors';
import { faultError, type Faults, type FaultStatus } from './faults';
import { redactPath, type HostGuard } from './host-guard';
import type { EmulatorRequest, EmulatorResponse } from './http';
import { parseUploadBody } from './multipart';
import type { RequestLog } from './request-log';
import type { Router } from './router';
import type { SpecValidator, SpecViolation } from './spec/validator';

const log = logger.child({ component: 'box-emulator' });

const MAX_BODY_BYTES = 256 * 1024 * 1024;
const MAX_VIOLATIONS = 1000;

export interface Pipeline {
  router: Router;
  services: Services;
  faults: Faults;
  log: RequestLog;
  violations: SpecViolation[];
  validator?: SpecValidator;
  guard: HostGuard;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The upload host's paths (`/api/2.0/...`) are served from the same origin as the API's. */
export function normalisePath(rawPath: string): string {
  return rawPath.replace(/^\/api(?=\/2\.0\/)/, '');
}

function errorResponse(error: unknown, requestId: string): EmulatorResponse {
  if (error instanceof BoxApiError)
    return { kind: 'json', status: error.status, body: error.toBody(requestId), headers: error.headers };
  if (error instanceof OAuthError)
    return { kind: 'json', status: error.status, body: { error: error.error, error_description: error.description } };
  log.error({ err: error }, 'Box emulator handler failed');
  return {
    kind: 'json',
    status: 500,
    body: new BoxApiError(500, 'internal_server_error', 'Internal Server Error').toBody(requestId),
  };
}

/** The body as the spec describes it, for validation only. */
async function bodyForValidation(req: EmulatorRequest): Promise<unknown> {
  const type = req.headers['content-type']?.split(';')[0].trim().toLowerCase();
  if (req.body.length === 0) return undefined;
  try {
    if (type === 'application/json' || type === 'application/json-patch+json')
      return JSON.parse(req.body.toString('utf8'));
    if (type === 'application/x-www-form-urlencoded')
      return Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
    if (type === 'multipart/form-data') {
      const upload = await parseUploadBody(req.headers, req.body);
      return { attributes: upload.attributes, file: '<binary>' };
    }
  } catch {
    return undefined; // the handler reports malformed bodies itself
  }
  return undefined;
}

async function route(
  p: Pipeline,
  req: EmulatorRequest,
  rawPath: string,
): Promise<{ response: EmulatorResponse; fault: boolean; checked: boolean }> {
  const match = p.router.match(req.method, req.path);
  const access = match.route?.access;
  try {
    p.guard.checkHost(req.headers);
    if (access === 'control') p.guard.checkControl(req.method, req.headers, req.body.length > 0);
  } catch (error) {
    return { response: errorResponse(error, req.requestId), fault: false, checked: false };
  }
  const rule = p.faults.take(
    `${req.method} ${rawPath}`,
    access === 'token' || access === 'control' || access === undefined,
  );
  if (rule?.latencyMs) await sleep(rule.latencyMs);
  if (rule?.status)
    return {
      response: errorResponse(faultError(rule as typeof rule & { status: FaultStatus }), req.requestId),
      fault: true,
      checked: false,
    };
  const checked = p.validator !== undefined && (access === 'api' || access === 'token' || access === undefined);
  if (checked)
    record(
      p,
      p.validator?.validateRequest({
        ...req,
        contentType: req.headers['content-type'],
        body: await bodyForValidation(req),
        hasBody: req.body.length > 0,
      }),
    );
  try {
    if (!match.route) throw match.methodMismatch ? methodNotAllowed() : notFound();
    req.params = match.params;
    const r = match.route;
    const response =
      r.access === 'api'
        ? await r.handler(req, p.services, authenticate(req, p.services))
        : await r.handler(req, p.services);
    return { response, fault: rule !== undefined, checked };
  } catch (error) {
    return { response: errorResponse(error, req.requestId), fault: rule !== undefined, checked };
  }
}

function record(p: Pipeline, violation: SpecViolation | undefined): void {
  if (!violation) return;
  if (p.violations.length < MAX_VIOLATIONS) p.violations.push(violation);
  log.warn(
    { operation: violation.operation, direction: violation.direction, errors: violation.errors.slice(0, 5) },
    'Box OpenAPI violation',
  );
}

function send(res: ServerResponse, response: EmulatorResponse, requestId: string): void {
  const headers: Record<string, string | number> = { 'box-request-id': requestId, ...response.headers };
  switch (response.kind) {
    case 'json': {
      const body = Buffer.from(JSON.stringify(response.body));
      res.writeHead(response.status, { ...headers, 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
      return;
    }
    case 'bytes':
      res.writeHead(response.status, {
        ...headers,
        'content-type': response.contentType,
        'content-length': response.body.length,
      });
      res.end(response.body);
      return;
    case 'file': {
      const length = Math.max(0, response.end - response.start + 1);
      res.writeHead(response.status, { ...headers, 'content-type': response.contentType, 'content-length': length });
      if (length === 0) return void res.end();
      createReadStream(response.path, { start: response.start, end: response.end })
        .on('error', () => res.destroy())
        .pipe(res);
      return;
    }
    case 'empty':
      res.writeHead(response.status, headers);
      res.end();
  }
}

export async function handleRequest(p: Pipeline, incoming: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedAt = Date.now();
  const requestId = newRequestId();
  const url = new URL(incoming.url ?? '/', 'http://emulator');
  const method = (incoming.method ?? 'GET').toUpperCase();
  let response: EmulatorResponse;
  let fault = false;
  let checked = false;
  const req: EmulatorRequest = {
    method,
    path: normalisePath(url.pathname),
    query: url.searchParams,
    headers: incoming.headers,
    body: Buffer.alloc(0),
    params: {},
    requestId,
  };
  try {
    if (p.router.match(method, req.path).route?.streaming) req.stream = incoming;
    else req.body = await readBody(incoming);
    ({ response, fault, checked } = await route(p, req, url.pathname));
    // A streaming handler that answered without reading everything: drain the rest so the client gets the answer.
    if (req.stream && !incoming.readableEnded) incoming.resume();
  } catch (error) {
    response =
      error instanceof BodyTooLarge
        ? errorResponse(new BoxApiError(413, 'request_entity_too_large', 'Request Entity Too Large'), requestId)
        : errorResponse(error, requestId);
  }
  if (checked && p.validator) {
    const contentType =
      response.kind === 'json' ? 'application/json' : response.kind === 'empty' ? undefined : response.contentType;
    record(
      p,
      p.validator.validateResponse(method, req.path, {
        status: response.status,
        contentType,
        body: response.kind === 'json' ? response.body : undefined,
      }),
    );
  }
  send(res, response, requestId);
  const safePath = redactPath(url.pathname);
  p.log.add({
    method,
    path: safePath,
    status: response.status,
    startedAt,
    durationMs: Date.now() - startedAt,
    requestId,
    fault,
  });
  log.debug(
    { method, path: safePath, status: response.status, durationMs: Date.now() - startedAt },
    'Box emulator request',
  );
}
