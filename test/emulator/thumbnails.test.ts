/**
 * Placeholder thumbnails: valid PNG and JPEG images in the sizes Box serves, chosen by the limits asked for.
 */

import { inflateSync } from 'node:zlib';
import { chooseSize, jpegThumbnail, JPG_SIZES, PNG_SIZES, pngThumbnail } from '../../src/emulator/thumbnails';

describe('chooseSize', () => {
  it('takes the smallest size meeting the minimums within the maximums', () => {
    expect(chooseSize(PNG_SIZES, {})).toBe(32);
    expect(chooseSize(PNG_SIZES, { minWidth: 100, minHeight: 64 })).toBe(128);
    expect(chooseSize(JPG_SIZES, { minWidth: 161 })).toBe(320);
    expect(chooseSize(JPG_SIZES, { minWidth: 200, maxWidth: 170 })).toBe(160);
  });
});

describe('pngThumbnail', () => {
  it('is a valid PNG of the size asked for, dark at the corner and light at the centre', () => {
    const png = pngThumbnail(64);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([64, 64]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString()).toBe('IDAT');
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    const rowBytes = 1 + 64 * 3;
    expect(pixels.length).toBe(64 * rowBytes);
    expect([...pixels.subarray(1, 4)]).toEqual([58, 63, 68]);
    const centre = 32 * rowBytes + 1 + 32 * 3;
    expect([...pixels.subarray(centre, centre + 3)]).toEqual([200, 204, 208]);
  });
});

describe('jpegThumbnail', () => {
  it('is a baseline JPEG with the size in its frame header', () => {
    const jpg = jpegThumbnail(94);
    expect([...jpg.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect([...jpg.subarray(-2)]).toEqual([0xff, 0xd9]);
    const sof = jpg.indexOf(Buffer.from([0xff, 0xc0]));
    expect([jpg.readUInt16BE(sof + 5), jpg.readUInt16BE(sof + 7)]).toEqual([94, 94]);
  });
});
