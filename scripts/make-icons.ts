/**
 * Draws the two Teams app icons into appPackage/ (run: `npx tsx scripts/make-icons.ts`; the PNGs are
 * committed, so this only runs when the glyph changes).
 *
 * The glyph is a speech bubble with a tick: a conversation (supervision) that has been done and
 * recorded. Teams wants a 192x192 full-colour icon and a 32x32 outline icon that is white on a
 * transparent background; both are drawn here from signed distance functions with 4x4 supersampling,
 * so edges are anti-aliased and the outline icon holds only white pixels with varying alpha.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** The app's accent colour (also `accentColor` in the manifest). */
export const ACCENT = { r: 0x1e, g: 0x6b, b: 0x74 };

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(p: Point, x0: number, y0: number, x1: number, y1: number, radius: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(p.x - cx) - ((x1 - x0) / 2 - radius);
  const qy = Math.abs(p.y - cy) - ((y1 - y0) / 2 - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Signed distance to a simple polygon (negative inside), by edge distance and crossing parity. */
function polygon(p: Point, vertices: readonly Point[]): number {
  let distance = Infinity;
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const a = vertices[i];
    const b = vertices[j];
    distance = Math.min(distance, distanceToSegment(p, a, b));
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside ? -distance : distance;
}

/** Signed distance to a stroked polyline of the given width, with round joins and caps. */
function stroke(p: Point, points: readonly Point[], width: number): number {
  let distance = Infinity;
  for (let i = 1; i < points.length; i++) distance = Math.min(distance, distanceToSegment(p, points[i - 1], points[i]));
  return distance - width / 2;
}

/** The glyph in unit coordinates (0..1), so one drawing serves both sizes. */
interface Glyph {
  bubble(p: Point): number;
  tick(p: Point): number;
}

function glyph(inset: number, tickWidth: number): Glyph {
  // Bubble body, tail at the lower left, tick centred in the body.
  const s = (v: number) => inset + v * (1 - 2 * inset);
  const pt = (x: number, y: number): Point => ({ x: s(x), y: s(y) });
  const body = { x0: s(0), y0: s(0.04), x1: s(1), y1: s(0.76), r: 0.2 * (1 - 2 * inset) };
  const tail = [pt(0.16, 0.7), pt(0.44, 0.7), pt(0.12, 0.98)];
  const tickPath = [pt(0.27, 0.42), pt(0.43, 0.57), pt(0.73, 0.25)];
  return {
    bubble: (p) => Math.min(roundedRect(p, body.x0, body.y0, body.x1, body.y1, body.r), polygon(p, tail)),
    tick: (p) => stroke(p, tickPath, tickWidth),
  };
}

const SUBSAMPLES = 4;

/** Fraction of the pixel's subsamples for which `covered` holds. */
function coverage(px: number, py: number, size: number, covered: (p: Point) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUBSAMPLES; sy++) {
    for (let sx = 0; sx < SUBSAMPLES; sx++) {
      const p = { x: (px + (sx + 0.5) / SUBSAMPLES) / size, y: (py + (sy + 0.5) / SUBSAMPLES) / size };
      if (covered(p)) hits++;
    }
  }
  return hits / (SUBSAMPLES * SUBSAMPLES);
}

/** 192x192: white bubble on the accent colour, the tick cut out in the accent colour. */
export function drawColorIcon(): PNG {
  const size = 192;
  const g = glyph(0.2, 0.075);
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const white = coverage(x, y, size, (p) => g.bubble(p) <= 0 && g.tick(p) > 0);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(ACCENT.r + (255 - ACCENT.r) * white);
      png.data[i + 1] = Math.round(ACCENT.g + (255 - ACCENT.g) * white);
      png.data[i + 2] = Math.round(ACCENT.b + (255 - ACCENT.b) * white);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32x32: the bubble's outline and the tick in white, everything else transparent. */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const g = glyph(0.06, 0.1);
  const ring = 2 / size; // a 2 px outline
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = coverage(x, y, size, (p) => {
        const d = g.bubble(p);
        return (d <= 0 && d >= -ring) || g.tick(p) <= 0;
      });
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = Math.round(255 * alpha);
    }
  }
  return png;
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'appPackage');
  writeFileSync(path.join(dir, 'color.png'), PNG.sync.write(drawColorIcon()));
  writeFileSync(path.join(dir, 'outline.png'), PNG.sync.write(drawOutlineIcon()));
  process.stdout.write(`wrote ${path.join('appPackage', 'color.png')} and ${path.join('appPackage', 'outline.png')}\n`);
}
