/**
 * The global hotkey: accelerator grammar (Electron's `Accelerator`), and the
 * change flow that never leaves the agent without a working hotkey: validate,
 * register the new one, and only once that succeeded unregister the old one.
 * Pure logic over a {@link ShortcutPort}; the Electron adapter only wraps
 * `globalShortcut`.
 */

import type { ShortcutPort } from '../ports/app-ports.ts';

/** Default hotkey: Ctrl+Alt+P (⌘⌥P on macOS). */
export const DEFAULT_HOTKEY = 'CommandOrControl+Alt+P';

/** OS for spelling accelerators (Node's `process.platform` values we care about). */
export type Platform = 'darwin' | 'win32' | 'linux';

/** Modifiers of Electron's accelerator grammar (case-insensitive), canonical spelling. */
const MODIFIERS: Readonly<Record<string, string>> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Option',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Meta',
};

/** Named key codes of the grammar, canonical spelling. */
const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const NAMED: ReadonlyMap<string, string> = new Map(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));

/** Punctuation key codes (single characters). `+` is spelled `Plus`. */
const PUNCTUATION = new Set([...')!@#$%^&*(:;:<_>?~{|}";=,-./`[\\]\'']);

/** Keys that may be a global hotkey on their own (no typing would be stolen). */
function standsAlone(key: string): boolean {
  return /^F(1[3-9]|2[0-4])$/.test(key) || key.startsWith('Media') || key.startsWith('Volume');
}

/** Outcome of {@link parseAccelerator}. */
export type AcceleratorCheck =
  { ok: true; accelerator: string; modifiers: string[]; key: string } | { ok: false; message: string };

function canonicalKey(raw: string): string | undefined {
  if (/^[0-9]$/.test(raw)) return raw;
  if (/^[a-z]$/i.test(raw)) return raw.toUpperCase();
  const f = /^f([1-9]|1[0-9]|2[0-4])$/i.exec(raw);
  if (f) return `F${f[1]}`;
  if (raw.length === 1 && PUNCTUATION.has(raw)) return raw;
  return NAMED.get(raw.toLowerCase());
}

/**
 * Validates an Electron accelerator (`Modifier+...+Key`, case-insensitive)
 * and returns it in canonical spelling. Rules beyond Electron's grammar, for
 * an OS-wide hotkey: exactly one key, no repeated modifier, and a modifier
 * other than Shift unless the key cannot be typed (F13–F24, media, volume):
 * a bare or Shift-only letter would steal the agent's typing everywhere.
 */
export function parseAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (text === '' || text.length > 128) return { ok: false, message: 'Enter a shortcut such as Ctrl+Alt+P.' };
  const parts = text.split('+');
  if (parts.some((p) => p === ''))
    return { ok: false, message: `"${text}" has an empty part; write + as Plus.` };
  const modifiers: string[] = [];
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier) {
      if (modifiers.includes(modifier))
        return { ok: false, message: `${modifier} appears twice in "${text}".` };
      if (keys.length > 0) return { ok: false, message: `Modifiers come before the key in "${text}".` };
      modifiers.push(modifier);
      continue;
    }
    const key = canonicalKey(part);
    if (!key) return { ok: false, message: `"${part}" is not a key Electron knows.` };
    keys.push(key);
  }
  if (keys.length !== 1) {
    return {
      ok: false,
      message: keys.length === 0 ? `"${text}" has no key.` : `"${text}" has more than one key.`,
    };
  }
  const key = keys[0] as string;
  if (!standsAlone(key) && modifiers.filter((m) => m !== 'Shift').length === 0) {
    return { ok: false, message: `Add Ctrl, Alt or another modifier to ${key}: it would block typing.` };
  }
  return { ok: true, accelerator: [...modifiers, key].join('+'), modifiers, key };
}

/** How `accelerator` reads on `platform` (`Ctrl+Alt+P`, `⌘⌥P`), for labels and notifications. */
export function formatAccelerator(accelerator: string, platform: Platform): string {
  const mac = platform === 'darwin';
  const words: Record<string, string> = mac
    ? {
        CommandOrControl: '⌘',
        Command: '⌘',
        Control: '⌃',
        Alt: '⌥',
        Option: '⌥',
        Shift: '⇧',
        Super: '⌘',
        Meta: '⌘',
      }
    : {
        CommandOrControl: 'Ctrl',
        Command: 'Super',
        Control: 'Ctrl',
        Option: 'Alt',
        Super: platform === 'win32' ? 'Win' : 'Super',
        Meta: platform === 'win32' ? 'Win' : 'Super',
      };
  const parsed = parseAccelerator(accelerator);
  const parts = parsed.ok ? [...parsed.modifiers, parsed.key] : accelerator.split('+');
  return parts.map((p) => words[p] ?? p).join(mac ? '' : '+');
}

/** Outcome of a hotkey change. */
export type HotkeyApplyResult =
  { ok: true; accelerator: string } | { ok: false; code: 'invalid' | 'taken'; message: string };

/** What the hotkey manager reports for the view (the contract's `HotkeyView`). */
export interface HotkeyState {
  /** The accelerator in force, or the wanted one when none is registered. */
  accelerator: string;
  registered: boolean;
  problem?: 'taken' | 'invalid';
}

/** The hotkey manager of {@link createHotkeyManager}. */
export interface HotkeyManager {
  /**
   * Makes `accelerator` the hotkey: validate → register → only then
   * unregister the previous one. On `taken` the previous working hotkey stays
   * registered (and is what {@link state} reports, with the problem).
   */
  apply(accelerator: string): HotkeyApplyResult;
  /** Current state for the view. */
  state(): HotkeyState;
  /** Unregisters every accelerator this manager registered (on quit). */
  unregisterAll(): void;
}

/**
 * Builds a hotkey manager over `shortcuts`; `onPress` runs on each press of
 * whichever accelerator is in force. Never unregisters an accelerator it did
 * not register itself.
 */
export function createHotkeyManager(shortcuts: ShortcutPort, onPress: () => void): HotkeyManager {
  let current: string | undefined;
  let wanted: string | undefined;
  let problem: 'taken' | 'invalid' | undefined;
  return {
    apply(input) {
      const parsed = parseAccelerator(input);
      if (!parsed.ok) {
        if (current === undefined) wanted = input;
        problem = 'invalid';
        return { ok: false, code: 'invalid', message: parsed.message };
      }
      const next = parsed.accelerator;
      if (next === current && shortcuts.isRegistered(next)) {
        problem = undefined;
        return { ok: true, accelerator: next };
      }
      if (!shortcuts.register(next, onPress)) {
        if (current === undefined) wanted = next;
        problem = 'taken';
        return {
          ok: false,
          code: 'taken',
          message: `${next} is taken by another application${current ? `; ${current} still works` : ''}.`,
        };
      }
      if (current !== undefined && current !== next) shortcuts.unregister(current);
      current = next;
      wanted = undefined;
      problem = undefined;
      return { ok: true, accelerator: next };
    },
    state() {
      const accelerator = current ?? wanted ?? DEFAULT_HOTKEY;
      return {
        accelerator,
        registered: current !== undefined,
        ...(problem ? { problem } : {}),
      };
    },
    unregisterAll() {
      if (current !== undefined) shortcuts.unregister(current);
      current = undefined;
    },
  };
}
