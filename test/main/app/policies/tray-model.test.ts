import { describe, expect, it } from 'vitest';
import {
  TOOLTIP_MAX,
  formatDuration,
  trayModel,
  type TrayMenuItem,
} from '../../../../main/app/policies/tray-model.ts';
import type { AppStatus } from '../../../../contract/ipc-contract.ts';
import { call, view, withCall } from '../views.ts';

const NOW = 1_700_000_000_000;
const model = (v = view(), platform: 'linux' | 'darwin' | 'win32' = 'linux') =>
  trayModel({ view: v, now: NOW, platform });
const toggle = (items: TrayMenuItem[]) => items.find((i) => i.kind === 'item' && i.action === 'toggle');

describe('tray model', () => {
  it.each<[AppStatus, string]>([
    ['recording', 'recording'],
    ['paused', 'paused'],
    ['pausing', 'pending'],
    ['resuming', 'pending'],
    ['not-recording', 'not-recording'],
    ['no-call', 'no-call'],
    ['unknown', 'unknown'],
    ['disconnected', 'disconnected'],
  ])('status %s shows icon %s', (status, icon) => {
    expect(model(view({ status })).iconId).toBe(icon);
  });

  it('signed out and signing in have their own icons and words', () => {
    const out = model(view({ session: { phase: 'signed-out', demo: false }, status: 'signed-out' }));
    expect(out.iconId).toBe('signed-out');
    expect(out.tooltip).toBe('GWS Secure Pause: Signed out');
    const signingIn = model(view({ session: { phase: 'signing-in', demo: false }, status: 'disconnected' }));
    expect(signingIn.iconId).toBe('disconnected');
    expect(signingIn.tooltip).toBe('GWS Secure Pause: Signing in…');
  });

  it('tooltip: state, time paused, caller, other paused calls and Demo', () => {
    const paused = call({ recording: 'paused', pausedSince: NOW - 83_000 });
    const held = call({ id: 'c2', state: 'Held', recording: 'paused' });
    const v = withCall(paused, {
      session: { phase: 'signed-in', demo: true },
      otherPausedCallIds: ['c2'],
    });
    v.calls.push(held);
    expect(model(v).tooltip).toBe(
      'GWS Secure Pause: Paused for 1:23\nCaller 15551230042\nAnother call is paused\nDemo',
    );
    // A pause the server no longer confirms is never asserted as current.
    v.calls[1] = { ...held, stale: true };
    expect(model(v).tooltip).toContain('Another call was paused (not confirmed)');
    expect(model(v).tooltip).not.toContain('Another call is paused');
    expect(model(view({ session: { phase: 'signed-in', demo: true } })).tooltip).toBe(
      'GWS Secure Pause: No call\nDemo',
    );
  });

  it('tooltip never exceeds the Windows limit', () => {
    const v = withCall(call({ participants: ['9'.repeat(300)] }));
    const tip = model(v).tooltip;
    expect(tip.length).toBeLessThanOrEqual(TOOLTIP_MAX);
    expect(tip.endsWith('…')).toBe(true);
  });

  it('a stale confirmed state is shown as unknown, never as confirmed', () => {
    const m = model(withCall(call({ recording: 'paused', stale: true })));
    expect(m.iconId).toBe('unknown');
    expect(m.tooltip).toMatch(/^GWS Secure Pause: Unknown \(not confirmed\)/);
    expect(toggle(m.menu)).toMatchObject({ enabled: false });
  });

  it('Pause/Resume shows the hotkey and is enabled only when it would act', () => {
    expect(toggle(model(withCall(call())).menu)).toEqual({
      kind: 'item',
      action: 'toggle',
      label: 'Pause recording (Ctrl+Alt+P)',
      enabled: true,
    });
    expect(toggle(model(withCall(call({ recording: 'paused' })), 'darwin').menu)).toMatchObject({
      label: 'Resume recording (⌘⌥P)',
      enabled: true,
    });
    expect(toggle(model(withCall(call({ recording: 'pausing' }))).menu)).toMatchObject({
      label: 'Pausing… (Ctrl+Alt+P)',
      enabled: false,
    });
    expect(toggle(model(view()).menu)).toMatchObject({ enabled: false });
    // A paused call on hold is shown, but the hotkey never acts on a held call.
    expect(toggle(model(withCall(call({ state: 'Held', recording: 'paused' }))).menu)).toMatchObject({
      enabled: false,
    });
    expect(toggle(model(withCall(call(), { connection: 'connecting' })).menu)).toMatchObject({
      enabled: false,
    });
    const noHotkey = withCall(call(), {
      hotkey: { accelerator: 'CommandOrControl+Alt+P', registered: false },
    });
    expect(toggle(model(noHotkey).menu)).toMatchObject({ label: 'Pause recording' });
  });

  it('menu: Pause/Resume, Show window, Sign out (only when signed in), Quit', () => {
    const labels = (m: TrayMenuItem[]) => m.map((i) => (i.kind === 'item' ? `${i.label}:${i.enabled}` : '-'));
    expect(labels(model(view()).menu)).toEqual([
      'Pause recording (Ctrl+Alt+P):false',
      'Show window:true',
      '-',
      'Sign out:true',
      'Quit:true',
    ]);
    const out = model(view({ session: { phase: 'signed-out', demo: false }, status: 'signed-out' }));
    expect(labels(out.menu)).toContain('Sign out:false');
  });

  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(59_999)).toBe('0:59');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
