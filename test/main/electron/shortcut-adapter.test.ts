import { beforeEach, describe, expect, it } from 'vitest';
import { createShortcutAdapter } from '../../../main/electron/shortcut-adapter.ts';
import { app, globalShortcut, resetElectronFake } from '../../fakes/electron-fake.ts';
import { collectingLogger } from '../app/helpers.ts';

beforeEach(() => resetElectronFake());

describe('shortcut adapter (globalShortcut)', () => {
  it('registers only after ready; before that it refuses without calling Electron', () => {
    const logger = collectingLogger();
    const shortcuts = createShortcutAdapter(logger);
    expect(shortcuts.register('CommandOrControl+Alt+P', () => undefined)).toBe(false);
    expect(globalShortcut.calls).toEqual([]);
    expect(logger.lines.join('\n')).toMatch(/before the app was ready/);
    app.fireReady();
    let pressed = 0;
    expect(shortcuts.register('CommandOrControl+Alt+P', () => pressed++)).toBe(true);
    expect(globalShortcut.press('CommandOrControl+Alt+P')).toBe(true);
    expect(pressed).toBe(1);
    expect(shortcuts.isRegistered('CommandOrControl+Alt+P')).toBe(true);
  });

  it('a taken accelerator is false, and it is never unregistered (it is another app’s)', () => {
    app.fireReady();
    const shortcuts = createShortcutAdapter(collectingLogger());
    globalShortcut.taken.add('Control+Shift+X');
    expect(shortcuts.register('Control+Shift+X', () => undefined)).toBe(false);
    expect(shortcuts.isRegistered('Control+Shift+X')).toBe(false);
    shortcuts.unregister('Control+Shift+X');
    expect(globalShortcut.calls).not.toContain('unregister Control+Shift+X');
  });

  it('an accelerator Electron cannot parse is false, never a throw', () => {
    app.fireReady();
    const logger = collectingLogger();
    const shortcuts = createShortcutAdapter(logger);
    expect(shortcuts.register('Ctrl++ P', () => undefined)).toBe(false);
    expect(logger.lines.join('\n')).toMatch(/not accepted/);
  });

  it('unregisters everything on will-quit, so the OS gets the keys back', () => {
    app.fireReady();
    const shortcuts = createShortcutAdapter(collectingLogger());
    shortcuts.register('CommandOrControl+Alt+P', () => undefined);
    app.quit();
    expect(globalShortcut.calls.at(-1)).toBe('unregisterAll');
    expect(globalShortcut.registered.size).toBe(0);
    expect(globalShortcut.press('CommandOrControl+Alt+P')).toBe(false);
  });

  it('unregister of our own accelerator frees it', () => {
    app.fireReady();
    const shortcuts = createShortcutAdapter(collectingLogger());
    shortcuts.register('Alt+F9', () => undefined);
    shortcuts.unregister('Alt+F9');
    expect(globalShortcut.isRegistered('Alt+F9')).toBe(false);
    expect(shortcuts.isRegistered('Alt+F9')).toBe(false);
  });
});
