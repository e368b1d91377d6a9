/**
 * Placeholder thumbnails in the sizes Box serves: a PNG with a "play" mark, and a plain grey
 * baseline JPEG. Generated here rather than taken from a library so the emulator needs nothing
 * beyond its runtime dependencies.
 */

import { deflateSync } from 'node:zlib';

export const PNG_SIZES = [32, 64, 128, 256] as const;
export const JPG_SIZES = [32, 94, 160, 320] as const;

export interface SizeLimits {
  minWidth?: number;
  minHeight?: number;
  maxWidth?: number;
  maxHeight?: number;
}

/** The smallest size meeting the minimums within the maximums, as Box picks one. */
export function chooseSize(sizes: readonly number[], limits: SizeLimits): number {
  const min = Math.max(limits.minWidth ?? 0, limits.minHeight ?? 0);
  const max = Math.min(limits.maxWidth ?? Infinity, limits.maxHeight ?? Infinity);
  const fitting = sizes.filter((s) => s >= min && s <= max);
  if (fitting.length > 0) return fitting[0];
  const belowMax = sizes.filter((s) => s <= max);
  return belowMax.length > 0 ? belowMax[belowMax.length - 1] : sizes[0];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A size×size RGB PNG: dark background, light triangle pointing right. */
export function pngThumbnail(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      const inTriangle = u >= 0.375 && u <= 0.7 && Math.abs(v - 0.5) <= (0.7 - u) * 0.6;
      const [r, g, b] = inTriangle ? [200, 204, 208] : [58, 63, 68];
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.current = (this.current << 1) | ((value >> i) & 1);
      this.count += 1;
      if (this.count === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    this.bytes.push(this.current);
    if (this.current === 0xff) this.bytes.push(0x00); // byte stuffing
    this.current = 0;
    this.count = 0;
  }

  finish(): Buffer {
    if (this.count > 0) this.write((1 << (8 - this.count)) - 1, 8 - this.count); // pad with 1s
    return Buffer.from(this.bytes);
  }
}

function segment(marker: number, data: number[]): Buffer {
  const length = data.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...data]);
}

/**
 * A size×size uniform grey baseline JPEG. Every 8×8 block has the same DC value and no AC terms, so
 * two tiny Huffman tables suffice: DC categories {0, 10} and AC end-of-block.
 */
export function jpegThumbnail(size: number, grey = 58): Buffer {
  const dc = 8 * (grey - 128); // DC coefficient of a flat block, quantiser 1
  const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
  const bits = new BitWriter();
  const blocks = Math.ceil(size / 8) ** 2;
  for (let i = 0; i < blocks; i++) {
    if (i === 0 && category > 0) {
      bits.write(0b01, 2); // DC symbol: the category
      bits.write(dc > 0 ? dc : dc + (1 << category) - 1, category);
    } else {
      bits.write(0b00, 2); // DC symbol: difference 0
    }
    bits.write(0b00, 2); // AC: end of block
  }
  const dcSymbols = category > 0 ? [0, category] : [0];
  const dcCounts = [0, dcSymbols.length, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    segment(0xc0, [8, size >> 8, size & 0xff, size >> 8, size & 0xff, 1, 1, 0x11, 0]),
    segment(0xc4, [0x00, ...dcCounts, ...dcSymbols, 0x10, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]),
    segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    bits.finish(),
    Buffer.from([0xff, 0xd9]),
  ]);
}
