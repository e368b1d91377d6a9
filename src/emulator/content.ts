/**
 * Serving a file's bytes as Box's download host does: content type from the extension, a download
 * filename, and single byte ranges.
 */

import { BoxApiError } from './errors';
import type { EmulatorResponse } from './http';
import type { BlobStore } from './state/blobs';
import { extensionOf } from './views/shared-link';

const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  txt: 'text/plain',
  json: 'application/json',
  zip: 'application/zip',
};

export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extensionOf(name)] ?? 'application/octet-stream';
}

/** A file's bytes, honouring a single `Range: bytes=a-b` as Box's download host does. */
export function serveContent(
  blobs: BlobStore,
  sha1: string,
  name: string,
  range: string | undefined,
): EmulatorResponse {
  const size = blobs.size(sha1);
  const headers = {
    'content-disposition': `attachment; filename="${name.replace(/["\\]/g, '_')}"`,
    'accept-ranges': 'bytes',
  };
  const contentType = contentTypeOf(name);
  const path = blobs.pathOf(sha1);
  if (!range) return { kind: 'file', status: 200, path, start: 0, end: size - 1, contentType, headers };
  const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start = match?.[1] ? Number(match[1]) : undefined;
  let end = match?.[2] ? Number(match[2]) : undefined;
  if (match && start === undefined && end !== undefined) {
    start = Math.max(0, size - end); // suffix range: the last N bytes
    end = size - 1;
  }
  if (!match || start === undefined || start >= size || (end !== undefined && end < start)) {
    throw new BoxApiError(416, 'requested_range_not_satisfiable', 'Requested Range Not Satisfiable', undefined, {
      'content-range': `bytes */${size}`,
    });
  }
  const last = Math.min(end ?? size - 1, size - 1);
  return {
    kind: 'file',
    status: 206,
    path,
    start,
    end: last,
    contentType,
    headers: { ...headers, 'content-range': `bytes ${start}-${last}/${size}` },
  };
}
