/**
 * Teams' download link for an attached file, opened as a stream: the size from Content-Length, the
 * body read only as fast as Box takes it. A link that answers 401/403/404/410 has expired (Teams'
 * links last minutes); any other failure is passed on to be retried.
 *
 * Read with node:http(s) rather than fetch: fetch's web streams, turned back into a Node stream,
 * cost the bot about twice the CPU per byte, and the download shares one event loop with the
 * hashing and the upload of the parts.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AttachmentSource, OpenedAttachment } from '../../footage/chat-upload';

const EXPIRED_STATUSES = new Set([401, 403, 404, 410]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
/** A link that does not even answer within this is retried later rather than holding the job. */
const ANSWER_TIMEOUT_MS = 60_000;

export const teamsDownloads: AttachmentSource = {
  async open(downloadUrl: string): Promise<OpenedAttachment> {
    let url = new URL(downloadUrl);
    for (let redirects = 0; ; redirects += 1) {
      const response = await answer(url);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(status) && location && redirects < MAX_REDIRECTS) {
        response.destroy();
        url = new URL(location, url);
        continue;
      }
      if (EXPIRED_STATUSES.has(status)) {
        response.destroy();
        return { kind: 'expired', status };
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        throw new Error(`the download link answered ${status}`);
      }
      const length = response.headers['content-length'];
      const sizeBytes = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
      // A reader sees a failure through its iteration; without a listener the same error would also
      // be thrown as an unhandled 'error' event.
      response.on('error', () => undefined);
      return { kind: 'open', sizeBytes, content: response, cancel: () => response.destroy() };
    }
  },
};

/** The response head of one GET; the body is left unread. */
function answer(url: URL): Promise<IncomingMessage> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return Promise.reject(new Error(`the download link is not http(s): ${url.protocol}`));
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET' }, (res) => {
      clearTimeout(timer);
      resolve(res);
    });
    const timer = setTimeout(
      () => req.destroy(new Error(`the download link did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`)),
      ANSWER_TIMEOUT_MS,
    );
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}
