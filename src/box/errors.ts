import { BoxApiError, BoxSdkError } from 'box-node-sdk/box';
import {
  ConflictError,
  DomainError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  UpstreamUnavailableError,
} from '../footage/errors';

/**
 * What is kept of a Box failure as the `cause` of a domain error. The SDK's BoxApiError carries the
 * request's headers (Authorization included) and bodies (the token request's client secret), so it
 * never leaves the gateway: anything that logs a domain error logs only these fields.
 */
export class BoxCallFailure extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly method: string | undefined,
    readonly path: string | undefined,
  ) {
    super(message);
    this.name = 'BoxCallFailure';
  }
}

/** The Box error code of a failure (e.g. `item_name_in_use`), if it was an API error. */
export function boxErrorCode(error: unknown): string | undefined {
  return error instanceof BoxApiError ? apiCode(error) : undefined;
}

/**
 * The SDK fills responseInfo.code and requestId with the JSON text of the value (quotes included),
 * so the parsed body is read first and the quoted form is unwrapped as a fallback.
 */
function apiCode(error: BoxApiError): string | undefined {
  const body = error.responseInfo.body;
  if (
    body &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    typeof (body as { code?: unknown }).code === 'string'
  ) {
    return (body as { code: string }).code;
  }
  return unquoted(error.responseInfo.code);
}

function unquoted(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return typeof parsed === 'string' ? parsed : raw;
  } catch {
    return raw;
  }
}

/**
 * Turns whatever a Box call threw into a domain error; `what` says what was being done, in words a
 * log reader (or, for some errors, an officer) understands. Programming errors pass through as they
 * are, so they are not disguised as Box being down.
 */
export function toDomainError(error: unknown, what: string): Error {
  if (error instanceof DomainError) return error;
  if (error instanceof BoxApiError) return fromApiError(error, what);
  if (error instanceof BoxSdkError) {
    const cause = new BoxCallFailure(error.message, undefined, undefined, undefined, undefined, undefined);
    return new UpstreamUnavailableError(`${what}: Box could not be reached`, undefined, { cause });
  }
  return error instanceof Error ? error : new Error(String(error));
}

function fromApiError(error: BoxApiError, what: string): DomainError {
  const { statusCode: status, contextInfo } = error.responseInfo;
  const code = apiCode(error);
  const requestId = unquoted(error.responseInfo.requestId);
  const path = safePath(error.requestInfo.url);
  const cause = new BoxCallFailure(
    `Box answered ${status}${code ? ` ${code}` : ''}`,
    status,
    code,
    requestId,
    error.requestInfo.method,
    path,
  );
  const options = { cause };
  if (path?.endsWith('/oauth2/token')) {
    return new UpstreamUnavailableError(`${what}: Box refused the app's credentials (${status})`, status, options);
  }
  if (status === 404) return new NotFoundError(`${what}: not found in Box`, options);
  if (status === 403)
    return new PermissionDeniedError(`${what}: Box denied access${code ? ` (${code})` : ''}`, options);
  if (status === 409)
    return new ConflictError(
      `${what}: already exists in Box${code ? ` (${code})` : ''}`,
      conflictId(contextInfo),
      options,
    );
  if (status === 429 || status >= 500)
    return new UpstreamUnavailableError(`${what}: Box is unavailable (${status})`, status, options);
  if (status === 401) return new UpstreamUnavailableError(`${what}: Box rejected the app's token`, status, options);
  return new InvalidInputError(`${what}: Box refused the request (${status}${code ? ` ${code}` : ''})`, options);
}

/** Box names the existing item in context_info.conflicts: an array for items, an object for sessions. */
function conflictId(contextInfo: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const conflicts = contextInfo?.conflicts;
  const first: unknown = Array.isArray(conflicts) ? conflicts[0] : conflicts;
  if (first && typeof first === 'object' && 'id' in first) {
    const id = (first as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

function safePath(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).pathname;
  } catch {
    return undefined;
  }
}

/** Runs one gateway step, turning any Box failure into a domain error that says what was being done. */
export async function boxStep<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toDomainError(error, what);
  }
}

/** Box's error code behind a domain error made by this module (e.g. `user_already_collaborator`). */
export function failureCode(error: unknown): string | undefined {
  return error instanceof Error && error.cause instanceof BoxCallFailure ? error.cause.code : undefined;
}
