/**
 * A Box upload body: the `attributes` JSON part, then the file part. Box refuses bodies that put
 * the file first (metadata_after_file_contents), because it streams the file straight to storage
 * knowing where it goes.
 */

import busboy from 'busboy';
import type { IncomingHttpHeaders } from 'node:http';
import { badRequest } from './errors';

export interface UploadBody {
  attributes: Record<string, unknown>;
  fileName?: string;
  content: Buffer;
}

export function parseUploadBody(headers: IncomingHttpHeaders, body: Buffer): Promise<UploadBody> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { files: 1, fields: 10 } });
    } catch {
      reject(badRequest('Expected a multipart/form-data body'));
      return;
    }
    let attributes: Record<string, unknown> | undefined;
    let fileSeen = false;
    let fileName: string | undefined;
    const chunks: Buffer[] = [];
    let failure: Error | undefined;
    parser.on('field', (name, value) => {
      if (name !== 'attributes') return;
      if (fileSeen) {
        failure ??= badRequest('Metadata after file contents', undefined, 'metadata_after_file_contents');
        return;
      }
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          attributes = parsed as Record<string, unknown>;
        else failure ??= badRequest("'attributes' must be a JSON object");
      } catch {
        failure ??= badRequest("'attributes' is not valid JSON");
      }
    });
    parser.on('file', (_name, stream, info) => {
      fileSeen = true;
      fileName = info.filename;
      if (!attributes)
        failure ??= badRequest('Metadata after file contents', undefined, 'metadata_after_file_contents');
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    });
    parser.on('error', () => reject(badRequest('Malformed multipart body')));
    parser.on('close', () => {
      if (failure) return reject(failure);
      if (!attributes)
        return reject(
          badRequest("'attributes' is required", {
            errors: [{ reason: 'missing_parameter', name: 'attributes', message: "'attributes' is required" }],
          }),
        );
      if (!fileSeen)
        return reject(
          badRequest("'file' is required", {
            errors: [{ reason: 'missing_parameter', name: 'file', message: "'file' is required" }],
          }),
        );
      resolve({ attributes, fileName, content: Buffer.concat(chunks) });
    });
    parser.end(body);
  });
}
