/**
 * Teams' download link for an attached file, opened as a stream: the size from Content-Length, the
 * body read only as fast as Box takes it. A link that answers 401/403/404/410 has expired (Teams'
 * links last minutes); any other failure is passed on to be retried.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AttachmentSource, OpenedAttachment } from '../../footage/chat-upload';

const EXPIRED_STATUSES = new Set([401, 403, 404, 410]);
/** A link that does not even answer within this is retried later rather than holding the job. */
const ANSWER_TIMEOUT_MS = 60_000;

export const teamsDownloads: AttachmentSource = {
  async open(downloadUrl: string): Promise<OpenedAttachment> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ANSWER_TIMEOUT_MS);
    let response: Response;
    try {
      response = await fetch(downloadUrl, { redirect: 'follow', signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
    if (EXPIRED_STATUSES.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'expired', status: response.status };
    }
    if (!response.ok || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new Error(`the download link answered ${response.status}`);
    }
    const length = response.headers.get('content-length');
    const sizeBytes = length !== null && /^\d+$/.test(length) ? Number(length) : null;
    const content = Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
    // A reader sees a failure through its iteration; without a listener the same error would also
    // be thrown as an unhandled 'error' event.
    content.on('error', () => undefined);
    return { kind: 'open', sizeBytes, content, cancel: () => content.destroy() };
  },
};
