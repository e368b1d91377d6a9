/**
 * What a file is, from its first bytes (and its name when the bytes say nothing): owners send what
 * their recorder exports, which is often a video plus a player program, a README or a zip. Those
 * are kept and flagged, never rejected; only the bytes decide whether something is video.
 */
import { createHash } from 'node:crypto';

/** Bytes kept from the start of the content for sniffing. */
export const SNIFF_BYTES = 64;

export interface ContentDigest {
  sha256: string;
  sizeBytes: number;
  /** The first SNIFF_BYTES bytes (fewer for a smaller file). */
  head: Buffer;
}

/**
 * SHA-256 and size of a stream, read chunk by chunk: memory stays at one chunk whatever the file's
 * size (Box streams the download; nothing is buffered whole).
 */
export async function digestContent(content: AsyncIterable<Uint8Array>): Promise<ContentDigest> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const headParts: Buffer[] = [];
  let headLength = 0;
  for await (const chunk of content) {
    hash.update(chunk);
    sizeBytes += chunk.length;
    if (headLength < SNIFF_BYTES) {
      const part = Buffer.from(chunk.subarray(0, SNIFF_BYTES - headLength));
      headParts.push(part);
      headLength += part.length;
    }
  }
  return { sha256: hash.digest('hex'), sizeBytes, head: Buffer.concat(headParts) };
}

export interface ContentKind {
  contentType: string;
  isVideo: boolean;
}

interface Signature {
  contentType: string;
  matches(head: Buffer): boolean;
}

const ascii = (head: Buffer, offset: number, text: string): boolean =>
  head.subarray(offset, offset + text.length).toString('latin1') === text;
const bytes = (head: Buffer, offset: number, values: number[]): boolean =>
  values.every((value, i) => head[offset + i] === value);

const VIDEO_SIGNATURES: readonly Signature[] = [
  // ISO base media (MP4, MOV, 3GP): a box whose type is ftyp, or QuickTime's older atoms.
  { contentType: 'video/quicktime', matches: (h) => ascii(h, 4, 'ftypqt') },
  { contentType: 'video/mp4', matches: (h) => ascii(h, 4, 'ftyp') },
  {
    contentType: 'video/quicktime',
    matches: (h) => ['moov', 'mdat', 'wide', 'free', 'skip'].some((atom) => ascii(h, 4, atom)),
  },
  { contentType: 'video/x-msvideo', matches: (h) => ascii(h, 0, 'RIFF') && ascii(h, 8, 'AVI ') },
  { contentType: 'video/x-matroska', matches: (h) => bytes(h, 0, [0x1a, 0x45, 0xdf, 0xa3]) },
  { contentType: 'video/x-ms-asf', matches: (h) => bytes(h, 0, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]) },
  { contentType: 'video/x-flv', matches: (h) => ascii(h, 0, 'FLV') },
  {
    contentType: 'video/mpeg',
    matches: (h) => bytes(h, 0, [0x00, 0x00, 0x01, 0xba]) || bytes(h, 0, [0x00, 0x00, 0x01, 0xb3]),
  },
  // Raw H.264/H.265 elementary streams, as many DVRs export them.
  {
    contentType: 'video/h264',
    matches: (h) => bytes(h, 0, [0x00, 0x00, 0x00, 0x01]) && [0x67, 0x27, 0x09].includes(h[4] ?? -1),
  },
  {
    contentType: 'video/h265',
    matches: (h) => bytes(h, 0, [0x00, 0x00, 0x00, 0x01]) && [0x40, 0x42, 0x46].includes(h[4] ?? -1),
  },
];

const OTHER_SIGNATURES: readonly Signature[] = [
  {
    contentType: 'application/zip',
    matches: (h) => bytes(h, 0, [0x50, 0x4b, 0x03, 0x04]) || bytes(h, 0, [0x50, 0x4b, 0x05, 0x06]),
  },
  { contentType: 'application/vnd.microsoft.portable-executable', matches: (h) => ascii(h, 0, 'MZ') },
  { contentType: 'application/pdf', matches: (h) => ascii(h, 0, '%PDF') },
  { contentType: 'image/jpeg', matches: (h) => bytes(h, 0, [0xff, 0xd8, 0xff]) },
  { contentType: 'image/png', matches: (h) => bytes(h, 0, [0x89, 0x50, 0x4e, 0x47]) },
  { contentType: 'application/x-7z-compressed', matches: (h) => bytes(h, 0, [0x37, 0x7a, 0xbc, 0xaf]) },
  { contentType: 'application/x-rar-compressed', matches: (h) => ascii(h, 0, 'Rar!') },
];

const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  log: 'text/plain',
  html: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
};

export function classifyContent(head: Buffer, fileName: string): ContentKind {
  const video = VIDEO_SIGNATURES.find((signature) => signature.matches(head));
  if (video) return { contentType: video.contentType, isVideo: true };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  // MPEG transport streams start with a sync byte that plain text can start with too: the name decides.
  if (head[0] === 0x47 && extension !== undefined && ['ts', 'mts', 'm2ts'].includes(extension))
    return { contentType: 'video/mp2t', isVideo: true };
  const other = OTHER_SIGNATURES.find((signature) => signature.matches(head));
  if (other) return { contentType: other.contentType, isVideo: false };
  const byName = extension ? BY_EXTENSION[extension] : undefined;
  if (byName) return { contentType: byName, isVideo: false };
  return { contentType: looksLikeText(head) ? 'text/plain' : 'application/octet-stream', isVideo: false };
}

function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  return [...head].every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80);
}
