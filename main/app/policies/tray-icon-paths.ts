/**
 * Where the tray icon files for each status live inside the app.
 *
 * The icons are generated from `assets/svg/*.svg` by `npm run icons`
 * (scripts/generate-icons.ts) into `assets/tray/` and ship inside the app's
 * asar archive, so callers resolve the relative path returned here against
 * `app.getAppPath()` (not `process.resourcesPath`, not `__dirname` of the
 * bundle). Plain data, no Electron: the adapter in main/electron does the
 * resolving and the `nativeImage` loading.
 */

/**
 * Every icon the tray can show, one per status the agent must be able to tell
 * apart by shape as well as colour. `pending` covers both pausing and resuming.
 */
export const TRAY_ICON_IDS = [
  'recording',
  'paused',
  'pending',
  'not-recording',
  'no-call',
  'unknown',
  'disconnected',
  'signed-out',
] as const;

/** One of {@link TRAY_ICON_IDS}. */
export type TrayIconId = (typeof TRAY_ICON_IDS)[number];

/** The nominal (1x) pixel sizes generated for each icon; each also has an `@2x` file. */
export const TRAY_ICON_SIZES = [16, 32] as const;

/** One of {@link TRAY_ICON_SIZES}. */
export type TrayIconSize = (typeof TRAY_ICON_SIZES)[number];

/** Folder (relative to the app root, POSIX separators) holding the generated tray PNGs. */
export const TRAY_ICON_DIR = 'assets/tray';

/** The app icon PNG (1024 px) relative to the app root, e.g. for the window icon on Linux. */
export const APP_ICON_PNG = 'assets/icon.png';

/**
 * The tray icon file for a status, relative to the app root with `/`
 * separators (join with `app.getAppPath()`; `path.join` accepts `/` on
 * Windows too).
 *
 * - macOS (`darwin`): the black-and-alpha template image `<id>Template.png`.
 *   Electron treats a file whose name ends in `Template` as a template image
 *   and picks `<id>Template@2x.png` itself on Retina screens, so the 1x path is
 *   always returned whatever the scale. The menu bar tints it; the state is
 *   told by shape alone.
 * - Windows, Linux and others: the coloured `<id>-<size>.png`, or
 *   `<id>-<size>@2x.png` when `scale > 1`. (Electron's `nativeImage` also
 *   loads the `@2x` sibling of a 1x path by itself; passing the display's scale
 *   makes the choice explicit for `createFromBuffer` users and for tests.)
 *
 * @param id the tray model's icon id.
 * @param platform `process.platform`.
 * @param scale the display's scale factor (`screen.getPrimaryDisplay().scaleFactor`); default 1.
 * @param size the 1x pixel size; default 16 (Windows and Linux trays are 16 px logical).
 * @throws Error on an id that is not in {@link TRAY_ICON_IDS} (a typo must not
 *   silently show no icon) or a non-positive/non-finite scale.
 */
export function trayIconPath(
  id: TrayIconId,
  platform: NodeJS.Platform,
  scale = 1,
  size: TrayIconSize = 16,
): string {
  if (!(TRAY_ICON_IDS as readonly string[]).includes(id)) {
    throw new Error(`Unknown tray icon id "${String(id)}"; expected one of ${TRAY_ICON_IDS.join(', ')}`);
  }
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new Error(`Invalid display scale factor ${String(scale)}; expected a positive number`);
  }
  if (!(TRAY_ICON_SIZES as readonly number[]).includes(size)) {
    throw new Error(`Invalid tray icon size ${String(size)}; expected one of ${TRAY_ICON_SIZES.join(', ')}`);
  }
  if (platform === 'darwin') return `${TRAY_ICON_DIR}/${id}Template.png`;
  return `${TRAY_ICON_DIR}/${id}-${size}${scale > 1 ? '@2x' : ''}.png`;
}

/**
 * Every file name (no folder) generated for one icon id: four coloured PNGs
 * (16, 16@2x, 32, 32@2x) and the two macOS template images. The generator
 * writes exactly these and the asset test checks each exists.
 */
export function trayIconFileNames(id: TrayIconId): string[] {
  const coloured = TRAY_ICON_SIZES.flatMap((size) => [`${id}-${size}.png`, `${id}-${size}@2x.png`]);
  return [...coloured, `${id}Template.png`, `${id}Template@2x.png`];
}

/**
 * The pixel width (= height) of a generated tray file name, e.g.
 * `paused-32@2x.png` → 64, `pausedTemplate.png` → 16, `pausedTemplate@2x.png` → 32.
 *
 * @throws Error when the name is not one {@link trayIconFileNames} produces.
 */
export function trayIconPixelSize(fileName: string): number {
  const m = /^([a-z-]+?)(?:-(\d+)|Template)(@2x)?\.png$/.exec(fileName);
  if (!m) throw new Error(`Not a generated tray icon file name: ${fileName}`);
  const base = m[2] === undefined ? 16 : Number(m[2]);
  return m[3] ? base * 2 : base;
}
