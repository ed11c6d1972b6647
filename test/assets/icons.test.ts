/**
 * The shipped icons: every tray status has every file at the right size, the
 * macOS templates are shape-only, the states differ by shape (not only by
 * colour), the app icon formats are valid, and nothing generated is stale
 * against its SVG source (`npm run icons` regenerates).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ICON_PNG,
  TRAY_ICON_DIR,
  TRAY_ICON_IDS,
  trayIconFileNames,
  trayIconPixelSize,
} from '../../main/app/policies/tray-icon-paths.ts';
import {
  APP_ICON_SIZE,
  CONTACT_SHEET_PATH,
  MANIFEST_PATH,
  REPO_ROOT,
  recolourSvg,
  renderAppIconPng,
  renderTrayIcons,
  sha256,
  sourcePaths,
  type IconsManifest,
} from '../../scripts/generate-icons.ts';
import { decodeRgba, readPngHeader } from './png.ts';

const read = (rel: string): Buffer => readFileSync(join(REPO_ROOT, rel));
const STALE = 'stale: run `npm run icons` and commit the result';

/** Alpha mask (0/1 per pixel, alpha ≥ 50 %) of a 16 px template image. */
function shapeMask(id: string): Uint8Array {
  const { pixels } = decodeRgba(read(`${TRAY_ICON_DIR}/${id}Template.png`));
  const mask = new Uint8Array(pixels.length / 4);
  for (let i = 0; i < mask.length; i++) mask[i] = pixels[i * 4 + 3]! >= 128 ? 1 : 0;
  return mask;
}

describe('tray icons', () => {
  it('every icon id has every file, at the size its name says, as 8-bit RGBA', () => {
    const files = new Set(readdirSync(join(REPO_ROOT, TRAY_ICON_DIR)));
    for (const id of TRAY_ICON_IDS) {
      for (const name of trayIconFileNames(id)) {
        expect(files.has(name), `${TRAY_ICON_DIR}/${name} missing`).toBe(true);
        const header = readPngHeader(read(`${TRAY_ICON_DIR}/${name}`));
        const size = trayIconPixelSize(name);
        expect({ name, width: header.width, height: header.height }).toEqual({
          name,
          width: size,
          height: size,
        });
        expect(header.colourType, name).toBe(6);
      }
    }
    // Nothing else lies in the folder (a renamed status would leave orphans).
    const expected = TRAY_ICON_IDS.flatMap((id) => trayIconFileNames(id)).sort();
    expect([...files].sort()).toEqual(expected);
  });

  it('macOS template images are pure black with alpha (the menu bar tints them)', () => {
    for (const id of TRAY_ICON_IDS) {
      for (const name of [`${id}Template.png`, `${id}Template@2x.png`]) {
        const { pixels } = decodeRgba(read(`${TRAY_ICON_DIR}/${name}`));
        let opaque = 0;
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3] === 0) continue;
          opaque++;
          expect([pixels[i], pixels[i + 1], pixels[i + 2]], `${name} pixel ${i / 4}`).toEqual([0, 0, 0]);
        }
        expect(opaque, `${name} has a visible shape`).toBeGreaterThan(pixels.length / 4 / 8);
      }
    }
  });

  it('every two states differ by shape at 16 px, not only by colour', () => {
    const masks = new Map(TRAY_ICON_IDS.map((id) => [id, shapeMask(id)]));
    for (const [i, a] of TRAY_ICON_IDS.entries()) {
      for (const b of TRAY_ICON_IDS.slice(i + 1)) {
        const ma = masks.get(a)!;
        const mb = masks.get(b)!;
        let differing = 0;
        for (let p = 0; p < ma.length; p++) if (ma[p] !== mb[p]) differing++;
        // At least 24 of the 256 pixels (~10 %) of the silhouette differ.
        expect(differing, `${a} vs ${b}`).toBeGreaterThanOrEqual(24);
      }
    }
  });

  it('coloured icons are rendered from the SVG sources byte for byte (not stale)', () => {
    const rendered = renderTrayIcons();
    expect(rendered.size).toBe(TRAY_ICON_IDS.length * 6);
    for (const [rel, bytes] of rendered) {
      expect(read(rel).equals(bytes), `${rel} ${STALE}`).toBe(true);
    }
  });

  it('refuses to make a template from an SVG that breaks the currentColor convention', () => {
    expect(() =>
      recolourSvg('<svg xmlns="http://www.w3.org/2000/svg"><circle fill="red"/></svg>', '#000000'),
    ).toThrow(/color/);
    expect(recolourSvg('<svg color="#123456" x="1">', '#000000')).toBe('<svg color="#000000" x="1">');
  });
});

describe('app icon', () => {
  it('icon.png is 1024 px, re-rendered byte for byte from its SVG', () => {
    const png = read(APP_ICON_PNG);
    expect(readPngHeader(png)).toMatchObject({ width: APP_ICON_SIZE, height: APP_ICON_SIZE });
    expect(png.equals(renderAppIconPng()), `${APP_ICON_PNG} ${STALE}`).toBe(true);
  });

  it('icon.ico is an icon directory with a 256 px entry (Windows/NSIS need it)', () => {
    const ico = read('assets/icon.ico');
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + i * 16) || 256);
    expect(widths).toContain(256);
    expect(widths).toContain(16);
    expect(widths).toContain(32);
  });

  it('icon.icns has the icns magic and its declared length', () => {
    const icns = read('assets/icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});

describe('manifest', () => {
  const manifest = JSON.parse(read(MANIFEST_PATH).toString('utf8')) as IconsManifest;

  it('records the current SVG sources (an edited SVG needs `npm run icons`)', () => {
    const current = Object.fromEntries(sourcePaths().map((rel) => [rel, sha256(read(rel))]));
    expect(manifest.sources, STALE).toEqual(current);
  });

  it('matches every generated file on disk, including .ico, .icns and the contact sheet', () => {
    expect(Object.keys(manifest.outputs)).toEqual(
      expect.arrayContaining([APP_ICON_PNG, 'assets/icon.ico', 'assets/icon.icns', CONTACT_SHEET_PATH]),
    );
    expect(Object.keys(manifest.outputs)).toHaveLength(TRAY_ICON_IDS.length * 6 + 4);
    for (const [rel, hash] of Object.entries(manifest.outputs)) {
      expect(sha256(read(rel)), `${rel} ${STALE}`).toBe(hash);
    }
    expect(readPngHeader(read(CONTACT_SHEET_PATH)).width).toBeGreaterThan(800);
  });
});
