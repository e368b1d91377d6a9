/**
 * Draws the two Teams app icons (a wall-mounted CCTV camera) with pngjs, so the artwork is code that
 * can be reviewed and regenerated rather than a binary nobody can change.
 *
 *   color.png   192x192, white camera on the brand colour (Teams asks for the glyph to sit inside
 *               the central 120x120 so it survives the rounded-corner mask)
 *   outline.png  32x32, white camera on a transparent background (Teams shows it tinted, so only
 *               white and transparency are allowed)
 *
 * Run: `npm run icons` (writes teamsapp/color.png and teamsapp/outline.png).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { findRepoRoot } from './repo-root';

/** The app's accent colour: the manifest's accentColor and the colour icon's background. */
export const BRAND_COLOR = '#1B3A6B';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

type Point = readonly [number, number];

/** A shape in the unit square (0..1, y down): answers whether a point is inside it. */
type Shape = (x: number, y: number) => boolean;

/** A rectangle of the given length and thickness, centred on `c`, its long axis at `angle` radians. */
function rotatedRect(c: Point, length: number, thickness: number, angle: number): Shape {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return (x, y) => {
    const dx = x - c[0];
    const dy = y - c[1];
    const along = dx * cos + dy * sin;
    const across = -dx * sin + dy * cos;
    return Math.abs(along) <= length / 2 && Math.abs(across) <= thickness / 2;
  };
}

/** A thick line with round ends from `a` to `b`. */
function capsule(a: Point, b: Point, radius: number): Shape {
  const vx = b[0] - a[0];
  const vy = b[1] - a[1];
  const len2 = vx * vx + vy * vy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - a[0]) * vx + (y - a[1]) * vy) / len2));
    const px = a[0] + t * vx - x;
    const py = a[1] + t * vy - y;
    return px * px + py * py <= radius * radius;
  };
}

function circle(c: Point, radius: number): Shape {
  return (x, y) => (x - c[0]) ** 2 + (y - c[1]) ** 2 <= radius * radius;
}

/** Offsets a point along the camera's axis (`along`) and across it (`across`, negative = up). */
function onAxis(c: Point, angle: number, along: number, across: number): Point {
  return [
    c[0] + along * Math.cos(angle) - across * Math.sin(angle),
    c[1] + along * Math.sin(angle) + across * Math.cos(angle),
  ];
}

/**
 * The camera: a housing tilted to look down and to the left, a sun visor over it, a lens at the
 * front, an arm to a wall plate on the right, and a "recording" light cut out of the housing.
 */
function cameraGlyph(): { solid: Shape[]; holes: Shape[] } {
  const tilt = (-22 * Math.PI) / 180;
  const centre: Point = [0.42, 0.4];
  const housing = rotatedRect(centre, 0.6, 0.22, tilt);
  const visor = rotatedRect(onAxis(centre, tilt, -0.05, -0.14), 0.7, 0.05, tilt);
  const lens = rotatedRect(onAxis(centre, tilt, -0.32, 0), 0.07, 0.15, tilt);
  const armTop = onAxis(centre, tilt, 0.17, 0.1);
  const elbow: Point = [0.7, 0.68];
  const arm = capsule(armTop, elbow, 0.045);
  const foot = capsule(elbow, [0.86, 0.68], 0.045);
  const wallPlate = rotatedRect([0.885, 0.68], 0.07, 0.36, 0);
  const light = circle(onAxis(centre, tilt, 0.16, -0.01), 0.04);
  return { solid: [housing, visor, lens, arm, foot, wallPlate], holes: [light] };
}

type Glyph = ReturnType<typeof cameraGlyph>;

const insideGlyph = (g: Glyph, x: number, y: number): boolean =>
  g.solid.some((s) => s(x, y)) && !g.holes.some((s) => s(x, y));

/**
 * Scales and centres the glyph so its bounding box fills the unit square (keeping its proportions),
 * found by sampling: the shapes stay easy to tweak without re-deriving where they end up.
 */
function fitted(g: Glyph): Shape {
  const steps = 400;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let j = 0; j <= steps; j++) {
    for (let i = 0; i <= steps; i++) {
      const x = -0.25 + (1.5 * i) / steps;
      const y = -0.25 + (1.5 * j) / steps;
      if (!insideGlyph(g, x, y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const size = Math.max(maxX - minX, maxY - minY);
  const ox = minX - (size - (maxX - minX)) / 2;
  const oy = minY - (size - (maxY - minY)) / 2;
  return (x, y) => insideGlyph(g, ox + x * size, oy + y * size);
}

/** Fraction (0..1) of the pixel covered by the shape, from a 4x4 grid of samples (anti-aliasing). */
function coverage(px: number, py: number, size: number, inset: number, shape: Shape): number {
  const samples = 4;
  const span = size - 2 * inset;
  let hits = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const x = (px + (sx + 0.5) / samples - inset) / span;
      const y = (py + (sy + 0.5) / samples - inset) / span;
      if (x >= 0 && x <= 1 && y >= 0 && y <= 1 && shape(x, y)) hits++;
    }
  }
  return hits / (samples * samples);
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

/** 192x192: the brand colour everywhere, the camera blended on in white. */
export function renderColorIcon(): PNG {
  const size = COLOR_ICON_SIZE;
  // (192 - 120) / 2 = 36 keeps the glyph inside Teams' safe region.
  const inset = 36;
  const glyph = fitted(cameraGlyph());
  const [r, g, b] = hexToRgb(BRAND_COLOR);
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, inset, glyph);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(r + (255 - r) * a);
      png.data[i + 1] = Math.round(g + (255 - g) * a);
      png.data[i + 2] = Math.round(b + (255 - b) * a);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32x32: pure white whose alpha is the coverage, transparent elsewhere. */
export function renderOutlineIcon(): PNG {
  const size = OUTLINE_ICON_SIZE;
  const inset = 1;
  const glyph = fitted(cameraGlyph());
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = coverage(x, y, size, inset, glyph);
      const i = (y * size + x) * 4;
      // Fully transparent pixels are written as 0,0,0,0 so the file has exactly two kinds of pixel:
      // white (any alpha) and nothing.
      const white = a > 0 ? 255 : 0;
      png.data[i] = white;
      png.data[i + 1] = white;
      png.data[i + 2] = white;
      png.data[i + 3] = Math.round(a * 255);
    }
  }
  return png;
}

/** Writes color.png and outline.png into `dir` and returns their paths. */
export function writeIcons(dir: string): { color: string; outline: string } {
  mkdirSync(dir, { recursive: true });
  const color = path.join(dir, 'color.png');
  const outline = path.join(dir, 'outline.png');
  writeFileSync(color, PNG.sync.write(renderColorIcon()));
  writeFileSync(outline, PNG.sync.write(renderOutlineIcon()));
  return { color, outline };
}

if (require.main === module) {
  const root = findRepoRoot();
  const written = writeIcons(path.join(root, 'teamsapp'));
  console.log(`wrote ${path.relative(root, written.color)} and ${path.relative(root, written.outline)}`);
}
