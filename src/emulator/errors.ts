/**
 * Errors in Box's JSON shape. Handlers throw these; the server renders them, so a route never
 * builds an error body by hand and every error carries the same fields Box sends.
 */

import { randomBytes } from 'node:crypto';

export const HELP_URL = 'http://developers.box.com/docs/#errors';

export interface ErrorBody {
  type: 'error';
  status: number;
  code: string;
  message: string;
  context_info?: Record<string, unknown>;
  help_url: string;
  request_id: string;
}

export class BoxApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly contextInfo?: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'BoxApiError';
  }

  toBody(requestId: string): ErrorBody {
    return {
      type: 'error',
      status: this.status,
      code: this.code,
      message: this.message,
      ...(this.contextInfo ? { context_info: this.contextInfo } : {}),
      help_url: HELP_URL,
      request_id: requestId,
    };
  }
}

/** The token endpoint answers in OAuth 2.0's shape ({error, error_description}), not Box's. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}

/** Box request ids are short opaque strings; only their presence and uniqueness matter. */
export function newRequestId(): string {
  return randomBytes(8).toString('hex');
}

const WWW_AUTHENTICATE_INVALID =
  'Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid."';
const WWW_AUTHENTICATE_SCOPE =
  'Bearer realm="Service", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token."';

export function badRequest(message: string, contextInfo?: Record<string, unknown>, code = 'bad_request'): BoxApiError {
  return new BoxApiError(400, code, message, contextInfo);
}

/** A parameter Box names in context_info.errors, as it does for invalid ids and values. */
export function unauthorized(): BoxApiError {
  return new BoxApiError(401, 'unauthorized', 'Unauthorized', undefined, {
    'www-authenticate': WWW_AUTHENTICATE_INVALID,
  });
}

export function insufficientScope(
  message = 'The request requires higher privileges than provided by the access token.',
): BoxApiError {
  return new BoxApiError(403, 'access_denied_insufficient_permissions', message, undefined, {
    'www-authenticate': WWW_AUTHENTICATE_SCOPE,
  });
}

export function forbidden(message = 'Access denied - insufficient permission'): BoxApiError {
  return new BoxApiError(403, 'access_denied_insufficient_permissions', message);
}

/** Box answers 404 for items the caller cannot see, naming the parameter that was not found. */
export function notFound(what?: { name: string; id: string; prefix?: string }): BoxApiError {
  if (!what) return new BoxApiError(404, 'not_found', 'Not Found');
  const value = `${what.prefix ?? ''}${what.id}`;
  return new BoxApiError(404, 'not_found', 'Not Found', {
    errors: [
      {
        reason: 'invalid_parameter',
        name: what.name,
        message: `Invalid value '${value}'. '${what.name}' with value '${value}' not found`,
      },
    ],
  });
}

export function conflict(code: string, message: string, contextInfo?: Record<string, unknown>): BoxApiError {
  return new BoxApiError(409, code, message, contextInfo);
}

export function methodNotAllowed(): BoxApiError {
  return new BoxApiError(405, 'method_not_allowed', 'Method Not Allowed');
}
