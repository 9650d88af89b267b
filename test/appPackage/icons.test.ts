import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { checkIcons } from '../../scripts/package';
import { ACCENT, drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';
import { APP_PACKAGE_DIR } from './fixtures';

const colorBytes = readFileSync(path.join(APP_PACKAGE_DIR, 'color.png'));
const outlineBytes = readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'));

function pixels(png: PNG): { r: number; g: number; b: number; a: number }[] {
  const out = [];
  for (let i = 0; i < png.data.length; i += 4) out.push({ r: png.data[i], g: png.data[i + 1], b: png.data[i + 2], a: png.data[i + 3] });
  return out;
}

describe('appPackage icons', () => {
  it('the committed icons pass the Teams rules', () => {
    assert.deepEqual(checkIcons(colorBytes, outlineBytes), []);
  });

  it('color.png is 192x192, opaque, in the accent colour with a white glyph', () => {
    const png = PNG.sync.read(colorBytes);
    assert.equal(png.width, 192);
    assert.equal(png.height, 192);
    const px = pixels(png);
    assert.ok(px.every((p) => p.a === 255), 'every pixel opaque');
    const white = px.filter((p) => p.r === 255 && p.g === 255 && p.b === 255).length;
    const accent = px.filter((p) => p.r === ACCENT.r && p.g === ACCENT.g && p.b === ACCENT.b).length;
    // A recognisable glyph: neither a blank square nor a white one.
    assert.ok(white > px.length * 0.15 && white < px.length * 0.6, `white share ${white / px.length}`);
    assert.ok(accent > px.length * 0.3, `accent share ${accent / px.length}`);
  });

  it('outline.png is 32x32, white on transparent, with a glyph that leaves the corners empty', () => {
    const png = PNG.sync.read(outlineBytes);
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    const px = pixels(png);
    assert.ok(px.filter((p) => p.a > 0).every((p) => p.r === 255 && p.g === 255 && p.b === 255), 'visible pixels are white');
    const solid = px.filter((p) => p.a === 255).length;
    const empty = px.filter((p) => p.a === 0).length;
    assert.ok(solid > 60, `only ${solid} solid pixels`);
    assert.ok(empty > px.length / 2, `only ${empty} transparent pixels`);
    for (const i of [0, 31, 31 * 32, 32 * 32 - 1]) assert.equal(px[i].a, 0, `corner ${i}`);
  });

  it('the committed PNGs are what scripts/make-icons.ts draws', () => {
    assert.ok(PNG.sync.read(colorBytes).data.equals(drawColorIcon().data), 'color.png differs: run npx tsx scripts/make-icons.ts');
    assert.ok(PNG.sync.read(outlineBytes).data.equals(drawOutlineIcon().data), 'outline.png differs: run npx tsx scripts/make-icons.ts');
  });

  describe('checkIcons refuses what Teams refuses', () => {
    it('wrong sizes', () => {
      const problems = checkIcons(outlineBytes, colorBytes);
      assert.ok(problems.includes('color.png is 32x32; Teams wants 192x192.'), problems.join('\n'));
      assert.ok(problems.includes('outline.png is 192x192; Teams wants 32x32.'), problems.join('\n'));
    });

    it('an outline with a coloured pixel or an opaque background', () => {
      const tinted = PNG.sync.read(outlineBytes);
      const visible = pixels(tinted).findIndex((p) => p.a > 0);
      tinted.data[visible * 4 + 2] = 0; // blue channel off: yellow, not white
      assert.deepEqual(checkIcons(colorBytes, PNG.sync.write(tinted)), [
        'outline.png has 1 visible pixels that are not white; Teams wants white on transparent.',
      ]);
      const filled = PNG.sync.read(outlineBytes);
      for (let i = 0; i < filled.data.length; i += 4) filled.data[i + 3] = 255;
      const problems = checkIcons(colorBytes, PNG.sync.write(filled));
      assert.ok(problems.includes('outline.png has an opaque corner: its background must be transparent.'), problems.join('\n'));
      assert.ok(problems.includes('outline.png has no transparent pixel.'), problems.join('\n'));
    });

    it('a blank outline and a file that is not a PNG', () => {
      const blank = new PNG({ width: 32, height: 32 });
      blank.data.fill(0);
      assert.deepEqual(checkIcons(colorBytes, PNG.sync.write(blank)), ['outline.png is fully transparent: there is no glyph.']);
      const problems = checkIcons(Buffer.from('GIF89a'), outlineBytes);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /^color.png is not a PNG/);
    });
  });
});
