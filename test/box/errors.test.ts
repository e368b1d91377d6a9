import { BoxApiError, BoxSdkError } from 'box-node-sdk/box';
import { inspect } from 'node:util';
import { BoxCallFailure, failureCode, toDomainError } from '../../src/box/errors';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  UpstreamUnavailableError,
} from '../../src/footage/errors';

/** A BoxApiError exactly as the SDK builds one, Authorization header and all. */
function apiError(
  status: number,
  code: string,
  options: { url?: string; contextInfo?: Record<string, unknown> } = {},
): BoxApiError {
  return new BoxApiError({
    message: `${status} ${code}`,
    timestamp: '0',
    requestInfo: {
      method: 'POST',
      url: options.url ?? 'https://api.box.com/2.0/folders?fields=id',
      queryParams: {},
      headers: { Authorization: 'Bearer secret-token-value' },
      body: '{"client_secret":"very-secret"}',
    },
    // As the SDK fills it: code and request id as JSON text, the parsed body beside them.
    responseInfo: {
      statusCode: status,
      headers: {},
      body: { type: 'error', status, code, request_id: 'req-1' },
      code: JSON.stringify(code),
      contextInfo: options.contextInfo,
      requestId: JSON.stringify('req-1'),
    },
  });
}

describe('toDomainError', () => {
  it('maps Box statuses to the domain errors', () => {
    expect(toDomainError(apiError(404, 'not_found'), 'x')).toBeInstanceOf(NotFoundError);
    expect(toDomainError(apiError(403, 'access_denied_insufficient_permissions'), 'x')).toBeInstanceOf(
      PermissionDeniedError,
    );
    expect(toDomainError(apiError(400, 'bad_request'), 'x')).toBeInstanceOf(InvalidInputError);
    for (const status of [429, 500, 503]) {
      const mapped = toDomainError(apiError(status, 'whatever'), 'x');
      expect(mapped).toBeInstanceOf(UpstreamUnavailableError);
      expect((mapped as UpstreamUnavailableError).status).toBe(status);
    }
    expect(toDomainError(new BoxSdkError({ message: 'connect ECONNREFUSED' }), 'x')).toBeInstanceOf(
      UpstreamUnavailableError,
    );
  });

  it('names the existing item of a 409 (array form for items, object form for upload sessions)', () => {
    const items = toDomainError(
      apiError(409, 'item_name_in_use', { contextInfo: { conflicts: [{ type: 'file', id: '123' }] } }),
      'x',
    );
    expect(items).toBeInstanceOf(ConflictError);
    expect((items as ConflictError).existingId).toBe('123');
    const session = toDomainError(
      apiError(409, 'item_name_in_use', { contextInfo: { conflicts: { type: 'file', id: 456 } } }),
      'x',
    );
    expect((session as ConflictError).existingId).toBe('456');
  });

  it('treats a refused token request as Box being unusable, not as bad input', () => {
    const mapped = toDomainError(
      apiError(400, 'invalid_client', { url: 'https://api.box.com/oauth2/token' }),
      'Reading',
    );
    expect(mapped).toBeInstanceOf(UpstreamUnavailableError);
  });

  it('keeps only safe fields of the Box error as the cause', () => {
    const mapped = toDomainError(apiError(409, 'item_name_in_use'), 'Creating a folder');
    expect(mapped.cause).toBeInstanceOf(BoxCallFailure);
    expect(failureCode(mapped)).toBe('item_name_in_use');
    expect((mapped.cause as BoxCallFailure).path).toBe('/2.0/folders');
    expect((mapped.cause as BoxCallFailure).requestId).toBe('req-1');
    const printed = inspect(mapped, { depth: 10 }) + JSON.stringify(mapped) + JSON.stringify(mapped.cause);
    expect(printed).not.toMatch(/secret-token-value|very-secret|authorization/i);
  });

  it('lets programming errors through unchanged', () => {
    const bug = new TypeError('undefined is not a function');
    expect(toDomainError(bug, 'x')).toBe(bug);
  });
});
