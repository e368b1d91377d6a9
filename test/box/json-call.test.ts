/**
 * Which Box calls take the lean JSON transport (json-call.ts) and which keep the SDK's own client;
 * what the lean transport sends and answers is covered end to end by gateway.e2e and retries.e2e.
 */
import { FetchOptions, NetworkSession } from 'box-node-sdk/networking';
import { Readable } from 'node:stream';
import { directAgentUnlessProxied } from '../../src/box/agent';
import { isPlainJsonCall } from '../../src/box/json-call';

const direct = new NetworkSession({ agent: directAgentUnlessProxied({})! as never });
const url = 'https://api.box.com/2.0/metadata_queries/execute_read';

function call(fields: Partial<ConstructorParameters<typeof FetchOptions>[0]>): FetchOptions {
  return new FetchOptions({ url, method: 'POST', networkSession: direct, ...fields });
}

describe('isPlainJsonCall', () => {
  test('a JSON or form body (or none) answered with JSON, on the direct agents: lean', () => {
    expect(
      isPlainJsonCall(call({ data: { from: 'x' }, contentType: 'application/json', responseFormat: 'json' })),
    ).toBe(true);
    expect(isPlainJsonCall(call({ method: 'GET', responseFormat: 'json' }))).toBe(true);
    expect(
      isPlainJsonCall(
        call({ data: { grant_type: 'x' }, contentType: 'application/x-www-form-urlencoded', responseFormat: 'json' }),
      ),
    ).toBe(true);
  });

  test('downloads, uploads, multipart, interceptors and the SDK agent keep the SDK client', () => {
    expect(isPlainJsonCall(call({ method: 'GET', responseFormat: 'binary' }))).toBe(false);
    expect(isPlainJsonCall(call({ method: 'GET', responseFormat: 'no_content' }))).toBe(false);
    expect(
      isPlainJsonCall(
        call({ contentType: 'application/octet-stream', fileStream: Readable.from([]), responseFormat: 'json' }),
      ),
    ).toBe(false);
    expect(
      isPlainJsonCall(
        call({ contentType: 'multipart/form-data', multipartData: [{ partName: 'a' }], responseFormat: 'json' }),
      ),
    ).toBe(false);
    const intercepted = direct.withInterceptors([{ beforeRequest: (o) => o, afterRequest: (r) => r }]);
    expect(isPlainJsonCall(call({ networkSession: intercepted, responseFormat: 'json' }))).toBe(false);
    expect(isPlainJsonCall(call({ networkSession: new NetworkSession({}), responseFormat: 'json' }))).toBe(false);
    expect(isPlainJsonCall(call({ networkSession: undefined, responseFormat: 'json' }))).toBe(false);
  });
});
