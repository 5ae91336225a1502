/**
 * Draws the add-in's icons — a green round badge with a white "QB" — and writes them to
 * assets/icon-16.png, icon-32.png and icon-80.png: `npx tsx scripts/make-icons.ts`.
 *
 * The shapes are geometry, rendered with supersampling and encoded with node:zlib, so the PNGs
 * are reproducible byte for byte (a test compares the committed files with a fresh render)
 * and no image tool or third-party artwork is involved.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [16, 32, 80] as const;

/** The badge's fill: a QuickBooks-like green, so the command reads as "QuickBooks" at a glance. */
export const BADGE_RGB: readonly [number, number, number] = [0x2c, 0xa0, 0x1c];
const LETTER_RGB: readonly [number, number, number] = [0xff, 0xff, 0xff];

/** Samples per pixel side: 8×8 keeps the edges smooth even at 16 px. */
const SUPERSAMPLE = 8;

function inEllipse(u: number, v: number, cx: number, cy: number, rx: number, ry: number): boolean {
  const du = (u - cx) / rx;
  const dv = (v - cy) / ry;
  return du * du + dv * dv <= 1;
}

function inRing(u: number, v: number, cx: number, cy: number, rx: number, ry: number, stroke: number): boolean {
  return inEllipse(u, v, cx, cy, rx, ry) && !inEllipse(u, v, cx, cy, rx - stroke, ry - stroke);
}

/** Distance from (u,v) to the segment a–b is at most half the stroke. */
function inStroke(u: number, v: number, ax: number, ay: number, bx: number, by: number, stroke: number): boolean {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((u - ax) * dx + (v - ay) * dy) / (dx * dx + dy * dy)));
  const px = ax + t * dx - u;
  const py = ay + t * dy - v;
  return px * px + py * py <= (stroke / 2) * (stroke / 2);
}

/** A "D": straight bars from the stem to the centre line, a half ellipse to the right of it. */
function inBowl(u: number, v: number, left: number, cx: number, top: number, bottom: number, rx: number, stroke: number): boolean {
  const cy = (top + bottom) / 2;
  const ry = (bottom - top) / 2;
  if (u >= cx) return inRing(u, v, cx, cy, rx, ry, stroke);
  if (u < left) return false;
  return (v >= top && v <= top + stroke) || (v >= bottom - stroke && v <= bottom);
}

/** The letters "QB" in unit coordinates (0..1, y down); strokes thicken at small sizes to stay legible. */
function inLetters(u: number, v: number, size: number): boolean {
  const stroke = Math.max(0.08, 1.7 / size);
  const top = 0.3;
  const bottom = 0.7;
  const mid = 0.5;
  // Q: an elliptic ring and a diagonal tail through its lower right.
  const qx = 0.35;
  if (inRing(u, v, qx, mid, 0.16, 0.2, stroke)) return true;
  if (inStroke(u, v, qx + 0.05, mid + 0.08, qx + 0.16, bottom + 0.02, stroke)) return true;
  // B: a stem and two bowls that share the middle bar.
  const stem = 0.56;
  if (u >= stem && u <= stem + stroke && v >= top && v <= bottom) return true;
  if (inBowl(u, v, stem, 0.68, top, mid + stroke / 2, 0.11, stroke)) return true;
  return inBowl(u, v, stem, 0.69, mid - stroke / 2, bottom, 0.12, stroke);
}

/** RGBA pixels, row by row, of the badge at `size`×`size`. */
export function renderBadge(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  const n = SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let badge = 0;
      let letter = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const u = (x + (sx + 0.5) / n) / size;
          const v = (y + (sy + 0.5) / n) / size;
          if (!inEllipse(u, v, 0.5, 0.5, 0.48, 0.48)) continue;
          if (inLetters(u, v, size)) letter++;
          else badge++;
        }
      }
      const covered = badge + letter;
      const i = (y * size + x) * 4;
      if (covered === 0) continue; // fully transparent
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round((badge * BADGE_RGB[c] + letter * LETTER_RGB[c]) / covered);
      rgba[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG (colour type 6), one filter-0 scanline per row. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new RangeError(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  // compression, filter and interlace methods stay 0
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, renderBadge(size));
}

export const ASSETS_DIR = path.resolve(__dirname, '..', 'assets');

if (require.main === module) {
  for (const size of ICON_SIZES) {
    const file = path.join(ASSETS_DIR, `icon-${size}.png`);
    const png = iconPng(size);
    writeFileSync(file, png);
    console.log(`${path.relative(process.cwd(), file)}: ${size}×${size}, ${png.length} bytes`);
  }
}
