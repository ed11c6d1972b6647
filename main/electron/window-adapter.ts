import { BrowserWindow, session, type WebContents } from 'electron';
import type { LoggerPort, WindowPort } from '../app/ports/app-ports.ts';

/**
 * {@link WindowPort} over one `BrowserWindow`, locked down:
 * - `contextIsolation`, `sandbox`, no `nodeIntegration` (nor in workers or
 *   subframes), `webSecurity`, no insecure content, no `<webview>`; the
 *   preload is the CommonJS `out/preload/preload.cjs`;
 * - a strict Content-Security-Policy header on every response of the session
 *   (the page also has it as a meta tag: `file://` loads have no headers, and
 *   the meta tag is enforced too, so the dev server gets no looser policy);
 * - every permission request and check denied; navigation, redirects,
 *   `<webview>` attachment and `window.open` denied;
 * - closing the window hides it to the tray; it only really closes once the
 *   app is quitting ({@link WindowAdapter.setQuitting}, from `before-quit`).
 */
export interface WindowAdapterOptions {
  /** Absolute path of the built CommonJS preload. */
  preloadPath: string;
  /** What the window loads: the built `index.html`, or the dev server's URL (`npm run dev`). */
  target: { file: string } | { url: string };
  /** Show it as soon as it is ready (false: "start hidden", it waits in the tray). */
  showWhenReady: boolean;
  /** Window icon (Linux shows it in the task switcher). */
  iconPath?: string;
  /**
   * DevTools allowed (development only). False in the packaged app: a console
   * on `window.gwsApi` would bypass what the window locks (IT-managed keys).
   */
  devTools: boolean;
  logger: LoggerPort;
}

/** The window adapter: the port plus what the IPC adapter and the lifecycle need. */
export interface WindowAdapter extends WindowPort {
  /** The window's webContents (the only IPC sender we trust), while it exists. */
  contents(): WebContents | undefined;
  /** Lets `close` close for real (the app is quitting). */
  setQuitting(): void;
  /** True while the window is on screen (not hidden to the tray). */
  isVisible(): boolean;
}

/** Applies the session-wide rules (CSP header, permissions): once per session. */
function lockDownSession(logger: LoggerPort): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    // A literal, so Electronegativity can read it; the same policy as renderer/index.html's meta tag.
    // Electronegativity's CSP_GLOBAL_CHECK flags every script-src 'self' as a possible JSONP/upload
    // bypass; our origin is the app's own bundle (file://), with neither JSONP nor uploads.
    // prettier-ignore
    callback({
      responseHeaders: { // eng-disable CSP_GLOBAL_CHECK
        ...headers,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
        ],
      },
    });
  });
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn('window asked for a permission; denied', { permission });
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
}

/** Denies everything that would take the window away from our page. */
function lockDownContents(contents: WebContents, logger: LoggerPort): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    logger.warn('window tried to navigate; denied', { url: String(url).slice(0, 200) });
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    logger.warn('window tried to open a window; denied', { url: url.slice(0, 200) });
    return { action: 'deny' };
  });
}

/** Creates the window (call after `app` is ready) and loads the page. */
export function createWindowAdapter(options: WindowAdapterOptions): WindowAdapter {
  const { logger } = options;
  lockDownSession(logger);
  let quitting = false;
  const win = new BrowserWindow({
    width: 440,
    height: 640,
    minWidth: 360,
    minHeight: 420,
    show: false,
    title: 'GWS Secure Pause',
    autoHideMenuBar: true,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    // Literal flags (not built elsewhere) so a reader and Electronegativity see them here.
    webPreferences: {
      // PRELOAD_JS_CHECK asks for a review of every preload: ours exposes only the IPC contract (preload/).
      preload: options.preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
      // Middle-click would open links in a new window before setWindowOpenHandler is asked.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDownContents(win.webContents, logger);
  win.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    win.hide();
  });
  if (options.showWhenReady) win.once('ready-to-show', () => win.show());
  const loaded =
    'file' in options.target ? win.loadFile(options.target.file) : win.loadURL(options.target.url);
  loaded.catch((error: unknown) => {
    logger.error('window page failed to load', {
      error: error instanceof Error ? error.message : String(error),
    });
  });
  const alive = (): boolean => !win.isDestroyed();
  return {
    show() {
      if (!alive()) return;
      if (win.isMinimized()) win.restore();
      win.show();
    },
    focus() {
      if (!alive()) return;
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    hide() {
      if (alive()) win.hide();
    },
    contents: () => (alive() ? win.webContents : undefined),
    setQuitting() {
      quitting = true;
    },
    isVisible: () => alive() && win.isVisible(),
  };
}
