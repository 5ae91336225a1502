import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { ASSETS_DIR, BADGE_RGB, ICON_SIZES, iconPng, renderBadge } from '../../../scripts/make-icons';
import { PngReadError, readPngSize } from '../../../scripts/manifest-validation/png-size';

/** RGBA of one pixel, decoded from our own filter-0 PNG layout. */
function pixel(png: Buffer, size: number, x: number, y: number): number[] {
  const idat = png.indexOf('IDAT');
  const length = png.readUInt32BE(idat - 4);
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + length));
  const at = y * (size * 4 + 1) + 1 + x * 4;
  return [...raw.subarray(at, at + 4)];
}

describe('icons', () => {
  it('the committed PNGs are exactly what scripts/make-icons.ts draws', () => {
    for (const size of ICON_SIZES) {
      const committed = readFileSync(path.join(ASSETS_DIR, `icon-${size}.png`));
      assert.ok(committed.equals(iconPng(size)), `assets/icon-${size}.png is stale: run npx tsx scripts/make-icons.ts`);
      assert.deepEqual(readPngSize(committed), { width: size, height: size });
    }
  });

  it('draw a green round badge on a transparent background with white letters', () => {
    const png = iconPng(80);
    assert.deepEqual(pixel(png, 80, 0, 0), [0, 0, 0, 0], 'corner is transparent');
    assert.deepEqual(pixel(png, 80, 40, 10), [...BADGE_RGB, 255], 'top of the badge is opaque green');
    // The left stroke of the Q crosses the middle row around x = 15 px.
    const row = Array.from({ length: 80 }, (_, x) => pixel(png, 80, x, 40));
    assert.ok(row.some(([r, g, b, a]) => r === 255 && g === 255 && b === 255 && a === 255), 'some letter pixel is white');
    assert.equal(renderBadge(16).length, 16 * 16 * 4);
  });

  it('readPngSize rejects what is not a PNG and a truncated header', () => {
    assert.throws(() => readPngSize(Buffer.from('GIF89a')), (e: unknown) => e instanceof PngReadError && /not a PNG/.test(e.message));
    assert.throws(() => readPngSize(iconPng(16).subarray(0, 20)), (e: unknown) => e instanceof PngReadError && /truncated/.test(e.message));
    assert.deepEqual(readPngSize(iconPng(20)), { width: 20, height: 20 });
  });
});
