/**
 * Hotkey capture: turns a keydown into an Electron accelerator string
 * (`CommandOrControl+Alt+P`), and accelerators into labels for people.
 * Uses `KeyboardEvent.code` for the key, so the result does not depend on the
 * keyboard layout or on what Alt/Option does to `key` on macOS.
 */

/** The parts of a KeyboardEvent capture needs (so tests can pass plain objects). */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** What a keydown means to the capture field. */
export type CaptureResult =
  | { kind: 'accelerator'; accelerator: string }
  /** Only modifiers so far: keep waiting. */
  | { kind: 'incomplete' }
  /** Escape without modifiers: leave capture, keep the old hotkey. */
  | { kind: 'cancel' }
  /** Tab / Shift+Tab without other modifiers: let focus move (keyboard users must be able to leave). */
  | { kind: 'pass' }
  /** `reason`: the message key that says why (`hotkey.invalid-key`, `hotkey.needs-modifier`). */
  | { kind: 'invalid'; reason: 'hotkey.invalid-key' | 'hotkey.needs-modifier' };

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'OS']);

const NAMED_CODES: Readonly<Record<string, string>> = {
  Space: 'Space',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Minus: '-',
  Equal: '=',
  Comma: ',',
  Period: '.',
  Slash: '/',
  Semicolon: ';',
  Quote: "'",
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Backquote: '`',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv',
  NumpadDecimal: 'numdec',
};

/** The accelerator key name for `code`, or undefined when it cannot be a hotkey key. */
export function keyName(code: string): string | undefined {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return m[1];
  m = /^Digit([0-9])$/.exec(code);
  if (m) return m[1];
  m = /^Numpad([0-9])$/.exec(code);
  if (m) return `num${m[1]}`;
  m = /^F([1-9]|1[0-9]|2[0-4])$/.exec(code);
  if (m) return code;
  return NAMED_CODES[code];
}

/**
 * Reads one keydown. `mac` decides whether Cmd or Ctrl is `CommandOrControl`.
 * A hotkey needs Ctrl/Cmd or Alt (or is a function key): a plain letter, or
 * Shift+letter, would fire while the agent types.
 */
export function captureAccelerator(input: KeyInput, mac: boolean): CaptureResult {
  const plain = !input.ctrlKey && !input.metaKey && !input.altKey;
  if (input.key === 'Escape' && plain && !input.shiftKey) return { kind: 'cancel' };
  if (input.key === 'Tab' && plain) return { kind: 'pass' };
  if (MODIFIER_KEYS.has(input.key)) return { kind: 'incomplete' };
  const key = keyName(input.code);
  if (key === undefined) return { kind: 'invalid', reason: 'hotkey.invalid-key' };
  const parts: string[] = [];
  const commandLike = mac ? input.metaKey : input.ctrlKey;
  if (commandLike) parts.push('CommandOrControl');
  if (mac && input.ctrlKey) parts.push('Control');
  if (!mac && input.metaKey) parts.push('Super');
  if (input.altKey) parts.push('Alt');
  if (input.shiftKey) parts.push('Shift');
  const functionKey = /^F\d+$/.test(key);
  if (!functionKey && !input.ctrlKey && !input.metaKey && !input.altKey) {
    return { kind: 'invalid', reason: 'hotkey.needs-modifier' };
  }
  parts.push(key);
  return { kind: 'accelerator', accelerator: parts.join('+') };
}

/** A label people read: `CommandOrControl+Alt+P` → `Ctrl+Alt+P` (or `Cmd+Option+P` on macOS). */
export function acceleratorLabel(accelerator: string, mac: boolean): string {
  return accelerator
    .split('+')
    .map((part) => {
      switch (part) {
        case 'CommandOrControl':
        case 'CmdOrCtrl':
          return mac ? 'Cmd' : 'Ctrl';
        case 'Command':
        case 'Cmd':
          return 'Cmd';
        case 'Control':
        case 'Ctrl':
          return 'Ctrl';
        case 'Alt':
        case 'Option':
          return mac ? 'Option' : 'Alt';
        case 'Super':
        case 'Meta':
          return mac ? 'Cmd' : 'Super';
        default:
          return part;
      }
    })
    .join('+');
}

/** True on macOS (from the user agent; the renderer has no `process`). */
export function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform || navigator.userAgent);
}
