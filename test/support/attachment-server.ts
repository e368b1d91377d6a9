/**
 * Teams' side of a file attached in the chat: the bytes served at a pre-authorised download URL
 * that expires (Teams' links last minutes; here a test chooses how long). A file can also be set to
 * stop half way (the connection closes after some bytes, as a dropped download does).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import { closeServer, listenOnLoopback, originOf } from './loopback-server';

export interface ServedFile {
  /** The bytes, or a file on disk streamed as it is read (for big files). */
  bytes?: Buffer;
  path?: string;
  sizeBytes?: number;
  /** Milliseconds the link works for; default 10 minutes. */
  ttlMs?: number;
  /** Close the connection after this many bytes (a download that stops half way). */
  stopAfterBytes?: number;
  /** Send this many bytes, then nothing more while keeping the connection open (a stalled link). */
  stallAfterBytes?: number;
  /** Leave out Content-Length. */
  noLength?: boolean;
  /** Serve at about this rate (a slow phone connection), so a test can act during the download. */
  bytesPerSecond?: number;
}

interface Entry extends ServedFile {
  expiresAt: number;
}

export class AttachmentServer {
  private server: http.Server | undefined;
  private readonly files = new Map<string, Entry>();
  /** GETs answered per token, for tests that check a link was (not) read again. */
  readonly reads = new Map<string, number>();

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.answer(req, res));
    await listenOnLoopback(this.server);
    return this;
  }

  /** A fresh download URL for the file. */
  serve(file: ServedFile): string {
    const token = randomBytes(16).toString('hex');
    this.files.set(token, { ...file, expiresAt: Date.now() + (file.ttlMs ?? 600_000) });
    return `${originOf(this.server, 'attachment server')}/download/${token}?sig=${randomBytes(8).toString('hex')}`;
  }

  /** Ends a link now (as Teams' links end). */
  expire(url: string): void {
    const entry = this.files.get(tokenOf(url));
    if (entry) entry.expiresAt = 0;
  }

  readsOf(url: string): number {
    return this.reads.get(tokenOf(url)) ?? 0;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = /^\/download\/([0-9a-f]{32})/.exec(req.url ?? '')?.[1] ?? '';
    const entry = this.files.get(token);
    this.reads.set(token, (this.reads.get(token) ?? 0) + 1);
    if (!entry || req.method !== 'GET') {
      res.writeHead(404);
      res.end();
      return;
    }
    if (Date.now() >= entry.expiresAt) {
      // SharePoint answers an expired pre-authorised link with 401 (tempauth token expired).
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":{"code":"unauthenticated","message":"Token expired"}}');
      return;
    }
    const size = entry.bytes?.length ?? entry.sizeBytes ?? 0;
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      ...(entry.noLength ? {} : { 'content-length': String(size) }),
    });
    if (entry.bytes) {
      if (entry.stallAfterBytes !== undefined) {
        res.write(entry.bytes.subarray(0, entry.stallAfterBytes));
        return;
      }
      if (entry.stopAfterBytes !== undefined) {
        res.write(entry.bytes.subarray(0, entry.stopAfterBytes), () => res.destroy());
        return;
      }
      if (entry.bytesPerSecond) {
        void trickle(res, entry.bytes, entry.bytesPerSecond);
        return;
      }
      res.end(entry.bytes);
      return;
    }
    if (entry.path) createReadStream(entry.path).pipe(res);
  }
}

/** Writes the bytes in tenth-of-a-second slices; stops quietly if the reader goes away. */
async function trickle(res: http.ServerResponse, bytes: Buffer, bytesPerSecond: number): Promise<void> {
  const slice = Math.max(1, Math.floor(bytesPerSecond / 10));
  for (let at = 0; at < bytes.length && !res.destroyed; at += slice) {
    res.write(bytes.subarray(at, at + slice));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  res.end();
}

function tokenOf(url: string): string {
  return /\/download\/([0-9a-f]{32})/.exec(url)?.[1] ?? '';
}
