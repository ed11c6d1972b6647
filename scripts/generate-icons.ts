/**
 * `npm run icons`: renders every icon the app ships from the SVG sources in
 * `assets/svg/`, so the PNG/ICO/ICNS files are never edited by hand.
 *
 * Writes (all committed):
 * - `assets/tray/<id>-16.png`, `<id>-16@2x.png`, `<id>-32.png`, `<id>-32@2x.png`
 *   (coloured, for Windows and Linux trays);
 * - `assets/tray/<id>Template.png`, `<id>Template@2x.png` (macOS template
 *   images: the same shape in black with alpha; the menu bar tints them);
 * - `assets/icon.png` (1024 px), `assets/icon.ico` (Windows, up to 256 px),
 *   `assets/icon.icns` (macOS) from `assets/svg/app-icon.svg`;
 * - `docs/icons-contact-sheet.png`: every state at every size, labelled, on a
 *   light and a dark background, for reviewers;
 * - `assets/icons-manifest.json`: SHA-256 of every source and output, so the
 *   asset test can tell when a source changed without regenerating.
 *
 * Each tray SVG paints with `currentColor` and sets its status colour once in
 * the root's `color` attribute; the template image is the same SVG with that
 * colour set to black. Inner details (the "?", the keyhole) are cut out with
 * masks, never painted white, so the template keeps them.
 *
 * Tray icons and the app PNG are rendered without system fonts and are
 * byte-for-byte reproducible (the asset test re-renders them); the contact
 * sheet's labels use the system's DejaVu Sans and are checked by hash only.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';
import {
  APP_ICON_PNG,
  TRAY_ICON_DIR,
  TRAY_ICON_IDS,
  TRAY_ICON_SIZES,
  type TrayIconId,
} from '../main/app/policies/tray-icon-paths.ts';

/** The repository root (this file lives in `scripts/`). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Folder of the SVG sources, relative to the repository root. */
export const SVG_DIR = 'assets/svg';

/** The app icon's SVG source, relative to the repository root. */
export const APP_ICON_SVG = `${SVG_DIR}/app-icon.svg`;

/** Where the manifest of source and output hashes is written. */
export const MANIFEST_PATH = 'assets/icons-manifest.json';

/** Where the reviewers' contact sheet is written. */
export const CONTACT_SHEET_PATH = 'docs/icons-contact-sheet.png';

/** Pixel size of `assets/icon.png` (macOS needs 1024 for the dmg/icns, Windows 256). */
export const APP_ICON_SIZE = 1024;

/** The human label of each tray icon on the contact sheet. */
const LABELS: Record<TrayIconId, string> = {
  recording: 'recording',
  paused: 'paused',
  pending: 'pausing / resuming',
  'not-recording': 'not recording',
  'no-call': 'no call',
  unknown: 'unknown',
  disconnected: 'disconnected',
  'signed-out': 'signed out',
};

/** The manifest the script writes and the asset test reads. */
export interface IconsManifest {
  /** `@resvg/resvg-js` version that rendered the files (rendering may differ across versions). */
  renderer: string;
  /** repo-relative source path → sha256 hex. */
  sources: Record<string, string>;
  /** repo-relative output path → sha256 hex. */
  outputs: Record<string, string>;
}

/** SHA-256 hex of a buffer or string. */
export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Renders an SVG document to a PNG of `width` × `width` pixels, without
 * system fonts (deterministic).
 */
export function renderSvg(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: { loadSystemFonts: false },
    logLevel: 'error',
  });
  return Buffer.from(resvg.render().asPng());
}

/**
 * The same tray SVG painted in another colour: replaces the root `color`
 * attribute every shape refers to via `currentColor`.
 *
 * @throws Error when the root has no `color="#rrggbb"` (the source broke the
 *   convention and its template image would silently keep colours).
 */
export function recolourSvg(svg: string, colour: string): string {
  const root = /<svg\b[^>]*\bcolor="#[0-9a-fA-F]{6}"/;
  if (!root.test(svg)) throw new Error('tray SVG lacks a root color="#rrggbb" attribute');
  return svg.replace(/(<svg\b[^>]*\bcolor=")#[0-9a-fA-F]{6}"/, `$1${colour}"`);
}

/** Reads a repo-relative file as UTF-8. */
function readSource(root: string, rel: string): string {
  return readFileSync(join(root, rel), 'utf8');
}

/**
 * Renders every tray file for every icon id.
 *
 * @returns repo-relative output path → PNG bytes.
 */
export function renderTrayIcons(root: string = REPO_ROOT): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const id of TRAY_ICON_IDS) {
    const svg = readSource(root, `${SVG_DIR}/${id}.svg`);
    for (const size of TRAY_ICON_SIZES) {
      out.set(`${TRAY_ICON_DIR}/${id}-${size}.png`, renderSvg(svg, size));
      out.set(`${TRAY_ICON_DIR}/${id}-${size}@2x.png`, renderSvg(svg, size * 2));
    }
    const template = recolourSvg(svg, '#000000');
    out.set(`${TRAY_ICON_DIR}/${id}Template.png`, renderSvg(template, 16));
    out.set(`${TRAY_ICON_DIR}/${id}Template@2x.png`, renderSvg(template, 32));
  }
  return out;
}

/** Renders `assets/icon.png` (1024 px) from the app icon SVG. */
export function renderAppIconPng(root: string = REPO_ROOT): Buffer {
  return renderSvg(readSource(root, APP_ICON_SVG), APP_ICON_SIZE);
}

/** Builds the Windows `.ico` and macOS `.icns` from the 1024 px app icon PNG. */
export function buildIcoAndIcns(appPng: Buffer): { ico: Buffer; icns: Buffer } {
  // forWinExe: BMP entries below 256 px and a PNG 256 px entry, the layout
  // Windows Explorer and NSIS read reliably.
  const ico = png2icons.createICO(appPng, png2icons.BICUBIC2, 0, false, true);
  const icns = png2icons.createICNS(appPng, png2icons.BICUBIC2, 0);
  if (!ico || !icns) throw new Error('png2icons could not convert assets/icon.png');
  return { ico, icns };
}

/** A `data:` URL of PNG bytes, for embedding in the contact sheet SVG. */
function dataUrl(png: Buffer): string {
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** XML-escapes text for the contact sheet labels. */
function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface SheetColumn {
  title: string;
  width: number;
  /** Image for one icon id on a light (`dark=false`) or dark panel, and its drawn size. */
  image: (id: TrayIconId, dark: boolean) => { png: Buffer; size: number; pixelated?: boolean };
}

/**
 * Composes the contact sheet SVG: one panel on a light background, one on a
 * dark one; a row per state; columns for every generated size at 1:1, the
 * template image (black on light, white on dark as macOS tints it) and the
 * 16 px icon magnified 4× with hard pixels so a reviewer sees what a 16 px
 * tray really shows.
 */
export function composeContactSheet(root: string, tray: Map<string, Buffer>): string {
  const get = (rel: string): Buffer => {
    const png = tray.get(rel);
    if (!png) throw new Error(`missing rendered ${rel}`);
    return png;
  };
  const whiteTemplate = (id: TrayIconId, size: number): Buffer =>
    renderSvg(recolourSvg(readSource(root, `${SVG_DIR}/${id}.svg`), '#ffffff'), size);
  const tpl = (id: TrayIconId, dark: boolean, size: 16 | 32): Buffer =>
    dark ? whiteTemplate(id, size) : get(`${TRAY_ICON_DIR}/${id}Template${size === 32 ? '@2x' : ''}.png`);
  const columns: SheetColumn[] = [
    { title: '16', width: 44, image: (id) => ({ png: get(`${TRAY_ICON_DIR}/${id}-16.png`), size: 16 }) },
    {
      title: '16@2x',
      width: 52,
      image: (id) => ({ png: get(`${TRAY_ICON_DIR}/${id}-16@2x.png`), size: 32 }),
    },
    { title: '32', width: 52, image: (id) => ({ png: get(`${TRAY_ICON_DIR}/${id}-32.png`), size: 32 }) },
    {
      title: '32@2x',
      width: 84,
      image: (id) => ({ png: get(`${TRAY_ICON_DIR}/${id}-32@2x.png`), size: 64 }),
    },
    { title: 'mac', width: 44, image: (id, dark) => ({ png: tpl(id, dark, 16), size: 16 }) },
    { title: 'mac@2x', width: 60, image: (id, dark) => ({ png: tpl(id, dark, 32), size: 32 }) },
    {
      title: '16 ×4',
      width: 84,
      image: (id) => ({ png: get(`${TRAY_ICON_DIR}/${id}-16.png`), size: 64, pixelated: true }),
    },
  ];
  const labelWidth = 150;
  const rowHeight = 76;
  const top = 64;
  const panelWidth = labelWidth + columns.reduce((sum, c) => sum + c.width, 0) + 16;
  const height = top + rowHeight * TRAY_ICON_IDS.length + 12;
  const font = `font-family="DejaVu Sans" font-size="13"`;
  const parts: string[] = [];
  for (const dark of [false, true]) {
    const x0 = dark ? panelWidth : 0;
    const fg = dark ? '#f0f0f0' : '#1a1a1a';
    parts.push(
      `<rect x="${x0}" y="0" width="${panelWidth}" height="${height}" fill="${dark ? '#202124' : '#f4f4f4'}"/>`,
    );
    parts.push(
      `<text x="${x0 + 12}" y="24" ${font} font-weight="bold" fill="${fg}">${dark ? 'Dark' : 'Light'} background — tray states (npm run icons)</text>`,
    );
    let cx = x0 + labelWidth;
    for (const col of columns) {
      parts.push(
        `<text x="${cx + col.width / 2}" y="52" ${font} fill="${fg}" text-anchor="middle">${esc(col.title)}</text>`,
      );
      cx += col.width;
    }
    TRAY_ICON_IDS.forEach((id, row) => {
      const cy = top + row * rowHeight + rowHeight / 2;
      parts.push(`<text x="${x0 + 12}" y="${cy + 5}" ${font} fill="${fg}">${esc(LABELS[id])}</text>`);
      let x = x0 + labelWidth;
      for (const col of columns) {
        const { png, size, pixelated } = col.image(id, dark);
        const ix = Math.round(x + (col.width - size) / 2);
        const iy = Math.round(cy - size / 2);
        const rendering = pixelated ? ' image-rendering="optimizeSpeed"' : '';
        parts.push(
          `<image x="${ix}" y="${iy}" width="${size}" height="${size}"${rendering} href="${dataUrl(png)}"/>`,
        );
        x += col.width;
      }
    });
  }
  const width = panelWidth * 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/** Renders the contact sheet PNG (with system fonts for the labels). */
export function renderContactSheet(root: string, tray: Map<string, Buffer>): Buffer {
  const resvg = new Resvg(composeContactSheet(root, tray), {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    logLevel: 'error',
  });
  return Buffer.from(resvg.render().asPng());
}

/** The resvg-js version, recorded in the manifest. */
function rendererVersion(root: string): string {
  const pkg = JSON.parse(readSource(root, 'node_modules/@resvg/resvg-js/package.json')) as {
    version: string;
  };
  return `@resvg/resvg-js@${pkg.version}`;
}

/** Every SVG source, repo-relative. */
export function sourcePaths(): string[] {
  return [...TRAY_ICON_IDS.map((id) => `${SVG_DIR}/${id}.svg`), APP_ICON_SVG];
}

/**
 * Renders and writes every output plus the manifest under `root`.
 *
 * @returns the manifest written.
 */
export function generateIcons(root: string = REPO_ROOT): IconsManifest {
  const outputs = new Map<string, Buffer>(renderTrayIcons(root));
  const appPng = renderAppIconPng(root);
  const { ico, icns } = buildIcoAndIcns(appPng);
  outputs.set(APP_ICON_PNG, appPng);
  outputs.set('assets/icon.ico', ico);
  outputs.set('assets/icon.icns', icns);
  outputs.set(CONTACT_SHEET_PATH, renderContactSheet(root, outputs));
  const manifest: IconsManifest = { renderer: rendererVersion(root), sources: {}, outputs: {} };
  for (const rel of sourcePaths()) manifest.sources[rel] = sha256(readSource(root, rel));
  for (const [rel, bytes] of [...outputs].sort(([a], [b]) => a.localeCompare(b))) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), bytes);
    manifest.outputs[rel] = sha256(bytes);
  }
  writeFileSync(join(root, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const manifest = generateIcons();
  console.log(
    `Wrote ${Object.keys(manifest.outputs).length} files from ${Object.keys(manifest.sources).length} SVG sources ` +
      `(manifest: ${MANIFEST_PATH}; contact sheet: ${CONTACT_SHEET_PATH}).`,
  );
}
