import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOTKEY,
  createHotkeyManager,
  formatAccelerator,
  parseAccelerator,
} from '../../../../main/app/policies/hotkey-policy.ts';
import { testShortcuts } from '../in-test-ports.ts';

describe('parseAccelerator (Electron accelerator grammar)', () => {
  it.each([
    ['CommandOrControl+Alt+P', 'CommandOrControl+Alt+P'],
    ['cmdorctrl+alt+p', 'CommandOrControl+Alt+P'],
    ['Ctrl+Shift+F9', 'Control+Shift+F9'],
    ['Alt+Plus', 'Alt+Plus'],
    ['Super+Space', 'Super+Space'],
    ['Control+Alt+num5', 'Control+Alt+num5'],
    ['F13', 'F13'],
    ['MediaPlayPause', 'MediaPlayPause'],
    ['Option+Esc', 'Option+Esc'],
    ['Ctrl+/', 'Control+/'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(parseAccelerator(input)).toMatchObject({ ok: true, accelerator: canonical });
  });

  it.each([
    ['', /Enter a shortcut/],
    ['P', /modifier/],
    ['Shift+P', /modifier/],
    ['Ctrl+Alt', /no key/],
    ['Ctrl+P+Q', /more than one key/],
    ['Ctrl+Ctrl+P', /twice/],
    ['P+Ctrl', /before the key/],
    ['Ctrl+Hyper+P', /not a key/],
    ['Ctrl++', /empty part/],
    ['Ctrl+F25', /not a key/],
  ])('refuses %j with a message', (input, message) => {
    const result = parseAccelerator(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('formatAccelerator', () => {
  it('spells the hotkey as the agent reads it on each OS', () => {
    expect(formatAccelerator(DEFAULT_HOTKEY, 'win32')).toBe('Ctrl+Alt+P');
    expect(formatAccelerator(DEFAULT_HOTKEY, 'linux')).toBe('Ctrl+Alt+P');
    expect(formatAccelerator(DEFAULT_HOTKEY, 'darwin')).toBe('⌘⌥P');
    expect(formatAccelerator('Super+Shift+F9', 'win32')).toBe('Win+Shift+F9');
  });
});

describe('hotkey manager over a ShortcutPort', () => {
  it('registers the default and fires on press', () => {
    const shortcuts = testShortcuts();
    let presses = 0;
    const manager = createHotkeyManager(shortcuts, () => presses++);
    expect(manager.apply(DEFAULT_HOTKEY)).toEqual({ ok: true, accelerator: DEFAULT_HOTKEY });
    shortcuts.press(DEFAULT_HOTKEY);
    expect(presses).toBe(1);
    expect(manager.state()).toEqual({ accelerator: DEFAULT_HOTKEY, registered: true });
  });

  it('changes hotkey: registers the new one first, then unregisters the old one', () => {
    const shortcuts = testShortcuts();
    const manager = createHotkeyManager(shortcuts, () => undefined);
    manager.apply(DEFAULT_HOTKEY);
    expect(manager.apply('Ctrl+Shift+F9')).toEqual({ ok: true, accelerator: 'Control+Shift+F9' });
    expect(shortcuts.calls).toEqual([
      `register ${DEFAULT_HOTKEY}`,
      'register Control+Shift+F9',
      `unregister ${DEFAULT_HOTKEY}`,
    ]);
    expect([...shortcuts.registered.keys()]).toEqual(['Control+Shift+F9']);
  });

  it('a taken hotkey keeps the previous working one and never unregisters what it failed to register', () => {
    const shortcuts = testShortcuts(['Control+Alt+K']);
    let presses = 0;
    const manager = createHotkeyManager(shortcuts, () => presses++);
    manager.apply(DEFAULT_HOTKEY);
    const result = manager.apply('Ctrl+Alt+K');
    expect(result).toMatchObject({ ok: false, code: 'taken' });
    expect(shortcuts.calls.filter((c) => c.startsWith('unregister'))).toEqual([]);
    expect(shortcuts.press(DEFAULT_HOTKEY)).toBe(true);
    expect(presses).toBe(1);
    expect(manager.state()).toEqual({ accelerator: DEFAULT_HOTKEY, registered: true, problem: 'taken' });
  });

  it('an invalid accelerator is refused without touching the OS', () => {
    const shortcuts = testShortcuts();
    const manager = createHotkeyManager(shortcuts, () => undefined);
    manager.apply(DEFAULT_HOTKEY);
    expect(manager.apply('Shift+A')).toMatchObject({ ok: false, code: 'invalid' });
    expect(shortcuts.calls).toEqual([`register ${DEFAULT_HOTKEY}`]);
    expect(manager.state()).toMatchObject({
      accelerator: DEFAULT_HOTKEY,
      registered: true,
      problem: 'invalid',
    });
  });

  it('taken at start: nothing registered, the wanted one reported with the problem', () => {
    const shortcuts = testShortcuts([DEFAULT_HOTKEY]);
    const manager = createHotkeyManager(shortcuts, () => undefined);
    expect(manager.apply(DEFAULT_HOTKEY)).toMatchObject({ ok: false, code: 'taken' });
    expect(manager.state()).toEqual({ accelerator: DEFAULT_HOTKEY, registered: false, problem: 'taken' });
    expect(shortcuts.calls).toEqual([`register ${DEFAULT_HOTKEY}`]);
  });

  it('unregisters all it holds on quit, and only that', () => {
    const shortcuts = testShortcuts();
    const manager = createHotkeyManager(shortcuts, () => undefined);
    manager.apply(DEFAULT_HOTKEY);
    manager.apply('Ctrl+Alt+F9');
    manager.unregisterAll();
    expect(shortcuts.registered.size).toBe(0);
    expect(manager.state().registered).toBe(false);
  });
});
