/**
 * Box's plain JSON calls (a JSON or form body or none, a JSON answer: the metadata query every
 * search makes, and most others) sent with node:http on the gateway's keep-alive agents instead of
 * the SDK's node-fetch. The SDK still builds each call (its managers, serialisation, auth and the
 * session's retry strategy) and reads the answer (its JSON parsing and schemas); only the transport
 * is leaner: node-fetch's Request, Headers, body streams and AbortController per call cost the bot
 * more CPU than the rest of a search's Box call together (a profile of a search turn).
 *
 * It keeps the SDK's BoxNetworkClient behaviour for these calls: the same headers, the per-attempt
 * timeout counted as "no response", the retry strategy asked after every attempt (a failure to
 * connect or an unreadable body counts as no response, status 0), redirects followed (auth only to
 * the same origin), and the same BoxApiError / BoxSdkError for a final failure. Anything else
 * (uploads, downloads, multipart, interceptors, a proxy) takes the SDK's own client.
 */
import { BoxApiError, BoxSdkError } from 'box-node-sdk/box';
import {
  FetchOptions,
  userAgentHeader,
  xBoxUaHeader,
  type FetchResponse,
  type NetworkSession,
} from 'box-node-sdk/networking';
import {
  jsonToSerializedData,
  sdIsMap,
  sdToJson,
  sdToUrlParams,
  type SerializedData,
} from 'box-node-sdk/serialization';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

type AgentForUrl = (url: URL) => http.Agent;

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Whether the lean transport can carry this call exactly as the SDK's client would. */
export function isPlainJsonCall(options: FetchOptions): boolean {
  const session = options.networkSession;
  const contentType = options.contentType ?? JSON_TYPE;
  return (
    session !== undefined &&
    options.responseFormat === 'json' &&
    options.fileStream === undefined &&
    options.multipartData === undefined &&
    (contentType === JSON_TYPE || contentType === FORM) &&
    session.interceptors.length === 0 &&
    // Only the gateway's own direct agents (agent.ts); with a proxy the SDK's agent and client are kept.
    typeof (session.agent as unknown) === 'function'
  );
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Sends a call that isPlainJsonCall accepted, with the session's retries; answers as BoxNetworkClient does. */
export async function sendJsonCall(options: FetchOptions): Promise<FetchResponse> {
  const session = options.networkSession as NetworkSession;
  const agentFor = session.agent as unknown as AgentForUrl;
  const timeoutMs = session.timeoutConfig?.timeoutMs;
  const method = options.method ?? 'GET';
  const contentType = options.contentType ?? JSON_TYPE;
  const params = options.params ?? {};
  const url = ''.concat(
    options.url,
    Object.keys(params).length === 0 || options.url.endsWith('?') ? '' : '?',
    new URLSearchParams(params as Record<string, string>).toString(),
  );
  const body =
    options.data === undefined
      ? undefined
      : contentType === FORM
        ? sdToUrlParams(options.data)
        : sdToJson(options.data);
  for (let attempt = 1, exceptions = 0; ; attempt += 1) {
    // Built per attempt: a retry after a 401 carries the refreshed token.
    const headers: Record<string, string> = {
      ...(method !== 'GET' ? { 'Content-Type': contentType } : {}),
      ...(options.headers as Record<string, string> | undefined),
      ...(options.auth ? { Authorization: await options.auth.retrieveAuthorizationHeader(session) } : {}),
      'User-Agent': userAgentHeader,
      'X-Box-UA': xBoxUaHeader,
      ...session.additionalHeaders,
    };
    let response: FetchResponse;
    let text = '';
    let failure: Error | undefined;
    try {
      const answer = await send(new URL(url), method, headers, body, agentFor, timeoutMs);
      text = answer.text;
      response = {
        url,
        status: answer.status,
        headers: answer.headers,
        data: text ? jsonToSerializedData(text) : undefined,
      };
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
      exceptions += 1;
      response = { status: 0, headers: {} };
    }
    const retryCount = failure ? exceptions : attempt;
    if (await session.retryStrategy.shouldRetry(options, response, retryCount)) {
      await sleep(session.retryStrategy.retryAfter(options, response, retryCount) * 1000);
      continue;
    }
    const location = response.headers['location'];
    if (response.status >= 300 && response.status < 400 && options.followRedirects !== false) {
      if (!location) throw new BoxSdkError({ message: `Unable to follow redirect for ${options.url}` });
      const sameOrigin = new URL(location).origin === new URL(options.url).origin;
      return sendJsonCall(
        new FetchOptions({ ...options, params: undefined, auth: sameOrigin ? options.auth : undefined, url: location }),
      );
    }
    if (response.status >= 200 && response.status < 400) return response;
    if (response.status === 0) {
      throw new BoxSdkError({
        message: failure?.message || 'Unexpected Error occurred',
        timestamp: `${Date.now()}`,
        error: failure,
      });
    }
    throw apiError(options, { method, url: options.url, headers, body }, response, text);
  }
}

/** The SDK's BoxApiError for a final non-success answer, field for field. */
function apiError(
  options: FetchOptions,
  request: { method: string; url: string; headers: Record<string, string>; body: string | undefined },
  response: FetchResponse,
  text: string,
): BoxApiError {
  const data: SerializedData = response.data;
  const field = (key: string): string | undefined => (sdIsMap(data) ? sdToJson(data[key]) : undefined);
  const code = field('code');
  const requestId = field('request_id');
  const message = field('message');
  const error = field('error');
  const contextInfo = sdIsMap(data) && sdIsMap(data['context_info']) ? data['context_info'] : undefined;
  return new BoxApiError({
    message: [
      [response.status, code, message].filter(Boolean).join(' '),
      requestId && `Request ID: ${requestId}`,
      error && `${error} - ${field('error_description')}`,
    ]
      .filter(Boolean)
      .join('; '),
    timestamp: `${Date.now()}`,
    requestInfo: {
      contentType: options.contentType,
      method: request.method,
      url: request.url,
      queryParams: (options.params ?? {}) as Record<string, string>,
      headers: request.headers,
      body: request.body,
    },
    responseInfo: {
      statusCode: response.status,
      headers: response.headers,
      body: data,
      rawBody: text,
      code,
      contextInfo: contextInfo as Record<string, unknown> | undefined,
      requestId,
      helpUrl: field('help_url'),
    },
    dataSanitizer: options.networkSession?.dataSanitizer,
  });
}

function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  agentFor: AgentForUrl,
  timeoutMs: number | undefined,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      reject(error);
    };
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      {
        method,
        agent: agentFor(url),
        headers: body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', fail);
        response.on('end', () => {
          clearTimeout(timer);
          resolve({
            status: response.statusCode ?? 0,
            headers: flatHeaders(response.headers),
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    if (timeoutMs !== undefined && timeoutMs > 0) {
      timer = setTimeout(() => request.destroy(new Error(`Connection timeout after ${timeoutMs}ms`)), timeoutMs);
      timer.unref();
    }
    request.on('error', fail);
    request.end(body);
  });
}

/** Header names in lower case, repeated headers joined as fetch's Headers joins them. */
function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
