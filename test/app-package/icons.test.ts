/**
 * The committed icons: the sizes Teams requires, the outline icon white on transparent only, the
 * colour icon on the brand colour with the glyph inside Teams' safe area, and both exactly what
 * scripts/make-icons.ts draws (so the PNGs never drift from the code that documents them).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { BRAND_COLOR, renderColorIcon, renderOutlineIcon } from '../../scripts/make-icons';

const teamsapp = path.resolve(__dirname, '..', '..', 'teamsapp');
const read = (name: string): PNG => PNG.sync.read(readFileSync(path.join(teamsapp, name)));

function pixel(png: PNG, x: number, y: number): [number, number, number, number] {
  const i = (y * png.width + x) * 4;
  return [png.data[i], png.data[i + 1], png.data[i + 2], png.data[i + 3]];
}

function brand(): [number, number, number, number] {
  const hex = BRAND_COLOR.slice(1);
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16), 255];
}

describe('teamsapp/color.png', () => {
  const png = read('color.png');

  it('is 192x192 and fully opaque', () => {
    expect([png.width, png.height]).toEqual([192, 192]);
    for (let i = 3; i < png.data.length; i += 4)
      if (png.data[i] !== 255) throw new Error(`transparent pixel at byte ${i}`);
  });

  it('is the brand colour outside the central 120x120, with a white glyph inside it', () => {
    const background = brand().join(',');
    const outsideNotBackground: string[] = [];
    let white = 0;
    for (let y = 0; y < 192; y++) {
      for (let x = 0; x < 192; x++) {
        const p = pixel(png, x, y);
        const inSafeArea = x >= 36 && x < 156 && y >= 36 && y < 156;
        if (!inSafeArea && p.join(',') !== background) outsideNotBackground.push(`${x},${y}`);
        else if (p[0] === 255 && p[1] === 255 && p[2] === 255) white++;
      }
    }
    expect(outsideNotBackground).toEqual([]);
    // A recognisable glyph, not a speck and not a filled square.
    expect(white).toBeGreaterThan(120 * 120 * 0.15);
    expect(white).toBeLessThan(120 * 120 * 0.6);
  });

  it('is what scripts/make-icons.ts draws', () => {
    expect(Buffer.compare(png.data, renderColorIcon().data)).toBe(0);
  });
});

describe('teamsapp/outline.png', () => {
  const png = read('outline.png');

  it('is 32x32', () => {
    expect([png.width, png.height]).toEqual([32, 32]);
  });

  it('has only white pixels (any opacity) and fully transparent ones', () => {
    const offending: string[] = [];
    let opaque = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = pixel(png, x, y);
        if (a === 255) opaque++;
        if (a > 0 && (r !== 255 || g !== 255 || b !== 255)) offending.push(`${x},${y}`);
      }
    }
    expect(offending).toEqual([]);
    expect(opaque).toBeGreaterThan(32 * 32 * 0.1);
    expect(opaque).toBeLessThan(32 * 32 * 0.6);
  });

  it('is transparent in the corners (no background)', () => {
    for (const [x, y] of [
      [0, 0],
      [31, 0],
      [0, 31],
      [31, 31],
    ])
      expect(pixel(png, x, y)[3]).toBe(0);
  });

  it('is what scripts/make-icons.ts draws', () => {
    expect(Buffer.compare(png.data, renderOutlineIcon().data)).toBe(0);
  });
});
