import { describe, expect, it } from 'vitest';
import {
  acceleratorLabel,
  captureAccelerator,
  type KeyInput,
} from '../../../renderer/src/lib/accelerator.ts';

const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('hotkey capture', () => {
  it('builds Electron accelerators from the physical key', () => {
    expect(captureAccelerator(key('p', 'KeyP', { ctrlKey: true, altKey: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Alt+P',
    });
    // Option+P on a Mac types "π": the code still says P.
    expect(captureAccelerator(key('π', 'KeyP', { metaKey: true, altKey: true }), true)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Alt+P',
    });
    expect(captureAccelerator(key('F9', 'F9'), false)).toEqual({ kind: 'accelerator', accelerator: 'F9' });
    expect(captureAccelerator(key('ArrowUp', 'ArrowUp', { ctrlKey: true, shiftKey: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+Up',
    });
  });

  it('waits on modifiers, lets Tab move focus, and Escape cancels', () => {
    expect(captureAccelerator(key('Control', 'ControlLeft', { ctrlKey: true }), false).kind).toBe(
      'incomplete',
    );
    expect(captureAccelerator(key('Tab', 'Tab'), false).kind).toBe('pass');
    expect(captureAccelerator(key('Tab', 'Tab', { shiftKey: true }), false).kind).toBe('pass');
    expect(captureAccelerator(key('Escape', 'Escape'), false).kind).toBe('cancel');
  });

  it('refuses a plain or Shift-only letter (it would fire while typing)', () => {
    expect(captureAccelerator(key('p', 'KeyP'), false).kind).toBe('invalid');
    expect(captureAccelerator(key('P', 'KeyP', { shiftKey: true }), false).kind).toBe('invalid');
  });

  it('labels accelerators for people per platform', () => {
    expect(acceleratorLabel('CommandOrControl+Alt+P', false)).toBe('Ctrl+Alt+P');
    expect(acceleratorLabel('CommandOrControl+Alt+P', true)).toBe('Cmd+Option+P');
  });
});
