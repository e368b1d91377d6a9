/**
 * A browser's multipart form post, read as it arrives: each file goes straight to a temp file in
 * the blob store while its SHA-1 is computed, so a file of any size costs a few buffers of memory.
 */

import busboy from 'busboy';
import { createHash } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './state/blobs';

export interface ReceivedFile {
  name: string;
  tmpPath: string;
  sha1: string;
  size: number;
}

export interface ReceivedForm {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

export class FormError extends Error {}

const MAX_FILES = 100;

export async function receiveForm(req: IncomingMessage, blobs: BlobStore): Promise<ReceivedForm> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: req.headers, limits: { files: MAX_FILES, fields: 20, fieldSize: 64 * 1024 } });
  } catch {
    throw new FormError('The upload must be sent as multipart/form-data.');
  }
  const fields: Record<string, string> = {};
  const files: ReceivedFile[] = [];
  const writes: Array<Promise<void>> = [];
  parser.on('field', (name, value) => {
    fields[name] = value;
  });
  parser.on('file', (_field, stream, info) => {
    // Browsers send an empty part when no file was chosen.
    const name = (info.filename ?? '').split(/[\\/]/).pop() ?? '';
    if (name === '') {
      stream.resume();
      return;
    }
    const file: ReceivedFile = { name, tmpPath: blobs.tempPath(), sha1: '', size: 0 };
    files.push(file);
    const hash = createHash('sha1');
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        file.size += chunk.length;
        done(null, chunk);
      },
    });
    const written = pipeline(stream, measure, createWriteStream(file.tmpPath)).then(() => {
      file.sha1 = hash.digest('hex');
    });
    written.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
    writes.push(written);
  });
  try {
    await pipeline(req, parser);
    await Promise.all(writes);
  } catch (error) {
    discard(files);
    throw error instanceof FormError ? error : new FormError('The upload was interrupted or malformed.');
  }
  return { fields, files };
}

/** Removes the temp files of a form that was refused. */
export function discard(files: ReceivedFile[]): void {
  for (const file of files) rmSync(file.tmpPath, { force: true });
}
