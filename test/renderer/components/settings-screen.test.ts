import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import SettingsScreen from '../../../renderer/src/components/settings-screen.svelte';
import { createFakeApi, makeSettings, makeView } from '../helpers/fake-api.ts';

describe('settings screen', () => {
  it('saves a changed option and words a refusal', async () => {
    const api = createFakeApi(makeView(), makeSettings());
    const onchange = vi.fn();
    render(SettingsScreen, { api, view: api.view, settings: api.settings, onchange, onclose: vi.fn() });
    await fireEvent.click(screen.getByLabelText('Start at login'));
    await waitFor(() => expect(api.patches).toEqual([{ startAtLogin: true }]));
    expect(onchange).toHaveBeenCalled();
    api.settingsResult = () => ({ ok: false, code: 'invalid', message: 'x', settings: api.settings });
    const reminder = screen.getByLabelText('Remind me after (seconds paused)');
    await fireEvent.change(reminder, { target: { value: '2' } });
    await waitFor(() => expect(screen.getByTestId('settings-message').textContent).toMatch(/not valid/));
    expect(api.patches.at(-1)).toEqual({ reminderSeconds: 2 });
  });

  it('shows IT-managed settings read-only, and says what browser mode lacks', () => {
    const api = createFakeApi(
      makeView({ host: 'browser' }),
      makeSettings({ locked: ['transport', 'startHidden'] }),
    );
    render(SettingsScreen, {
      api,
      view: api.view,
      settings: api.settings,
      onchange: vi.fn(),
      onclose: vi.fn(),
    });
    expect((screen.getByLabelText('Transport (managed)') as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByLabelText('Start hidden in the tray (managed)') as HTMLInputElement).disabled).toBe(
      true,
    );
    expect((screen.getByLabelText('Start at login') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByText(/no tray icon and no global hotkey/)).toBeTruthy();
  });

  it('shows problems found loading the settings', () => {
    const api = createFakeApi(
      makeView(),
      makeSettings({ problems: ['The settings file was corrupt; backed up.'] }),
    );
    render(SettingsScreen, {
      api,
      view: api.view,
      settings: api.settings,
      onchange: vi.fn(),
      onclose: vi.fn(),
    });
    expect(screen.getByText('The settings file was corrupt; backed up.')).toBeTruthy();
  });
});
