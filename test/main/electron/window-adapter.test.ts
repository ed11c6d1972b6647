import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createWindowAdapter } from '../../../main/electron/window-adapter.ts';
import { fakeDefaultSession, resetElectronFake, windows } from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

beforeEach(() => resetElectronFake());

const file = '/app/out/renderer/index.html';

function boot(showWhenReady = true, devTools = false) {
  const adapter = createWindowAdapter({
    preloadPath: '/app/out/preload/preload.cjs',
    target: { file },
    showWhenReady,
    devTools,
    logger: collectingLogger(),
  });
  return { adapter, win: windows[0]! };
}

describe('window adapter (BrowserWindow, session)', () => {
  it('is sandboxed and isolated, with the CommonJS preload and no Node', () => {
    const { win } = boot();
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(win.loaded.file).toBe(file);
  });

  it('denies navigation, window.open and every permission', async () => {
    const { win } = boot();
    expect(win.fakeContents.navigate('https://evil.example/')).toBe(true);
    expect(win.fakeContents.getURL()).toBe('file:///app/out/renderer/index.html');
    expect(win.fakeContents.open('https://evil.example/')).toEqual({ action: 'deny' });
    const ses = fakeDefaultSession();
    expect(await ses.requestPermission('media', win.fakeContents)).toBe(false);
    expect(await ses.requestPermission('notifications', win.fakeContents)).toBe(false);
    expect(ses.checkPermission('clipboard-read', 'file://')).toBe(false);
  });

  /** The CSP header the page gets on an http(s) response (the dev server). */
  async function cspHeader(): Promise<string> {
    const headers = await fakeDefaultSession().fakeWebRequest.receive('http://127.0.0.1:5173/', {
      'content-security-policy': ['default-src *'],
      'content-type': ['text/html'],
    });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['content-type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']).toHaveLength(1);
    return headers['Content-Security-Policy']![0]!;
  }

  it('sets a strict CSP header on every response, replacing any the server sent', async () => {
    boot();
    const policy = await cspHeader();
    expect(policy).toMatch(/default-src 'none'/);
    expect(policy).toMatch(/frame-ancestors 'none'/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(policy).not.toMatch(/unsafe-(inline|eval)|\*/);
  });

  it('the page carries the same policy as a meta tag (file:// loads have no headers)', async () => {
    boot();
    const policy = await cspHeader();
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'renderer/index.html must carry a CSP meta tag').toBeDefined();
    // Every directive of the meta policy is also in the header (frame-ancestors only works as a header).
    for (const directive of meta!.split(';').map((d) => d.trim())) expect(policy).toContain(directive);
  });

  it('middle-click (auxclick) is disabled: it would open links in a new window', () => {
    const { win } = boot();
    expect(win.options.webPreferences?.disableBlinkFeatures).toBe('Auxclick');
  });

  it('closing hides to the tray; after setQuitting it really closes', () => {
    const { adapter, win } = boot();
    win.fireReadyToShow();
    expect(win.isVisible()).toBe(true);
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.isVisible()).toBe(false);
    adapter.setQuitting();
    win.close();
    expect(win.isDestroyed()).toBe(true);
    expect(adapter.contents()).toBeUndefined();
    expect(() => adapter.focus()).not.toThrow();
  });

  it('start hidden: not shown when ready; focus restores, shows and focuses', () => {
    const { adapter, win } = boot(false);
    win.fireReadyToShow();
    expect(win.isVisible()).toBe(false);
    win.minimize();
    adapter.focus();
    expect(win.isMinimized()).toBe(false);
    expect(win.isVisible()).toBe(true);
    expect(win.isFocused()).toBe(true);
    adapter.hide();
    expect(win.isVisible()).toBe(false);
  });
});
