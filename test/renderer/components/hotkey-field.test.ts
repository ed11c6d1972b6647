import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import HotkeyField from '../../../renderer/src/components/hotkey-field.svelte';
import { makeSettings } from '../helpers/fake-api.ts';

describe('hotkey capture field', () => {
  it('captures Ctrl+Alt+K and saves it as an Electron accelerator', async () => {
    const save = vi.fn(async () => ({ ok: true as const, settings: makeSettings() }));
    render(HotkeyField, { accelerator: 'CommandOrControl+Alt+P', save });
    const input = screen.getByLabelText('Hotkey') as HTMLInputElement;
    expect(input.value).toBe('Ctrl+Alt+P');
    await fireEvent.keyDown(input, { key: 'k', code: 'KeyK', ctrlKey: true, altKey: true });
    expect(save).toHaveBeenCalledWith('CommandOrControl+Alt+K');
    await waitFor(() =>
      expect(screen.getByTestId('hotkey-message').textContent).toBe('Hotkey set to Ctrl+Alt+K.'),
    );
  });

  it('says so when the hotkey is taken by another application', async () => {
    const save = vi.fn(async () => ({
      ok: false as const,
      code: 'hotkey-taken' as const,
      message: 'taken',
      settings: makeSettings(),
    }));
    render(HotkeyField, { accelerator: 'CommandOrControl+Alt+P', save });
    await fireEvent.keyDown(screen.getByLabelText('Hotkey'), {
      key: 'k',
      code: 'KeyK',
      ctrlKey: true,
      altKey: true,
    });
    await waitFor(() =>
      expect(screen.getByTestId('hotkey-message').textContent).toBe(
        'Ctrl+Alt+K is taken by another application. The previous hotkey still works.',
      ),
    );
  });

  it('refuses a plain letter and saves nothing; Escape cancels', async () => {
    const save = vi.fn();
    render(HotkeyField, { accelerator: 'CommandOrControl+Alt+P', save });
    const input = screen.getByLabelText('Hotkey');
    await fireEvent.keyDown(input, { key: 'k', code: 'KeyK' });
    expect(screen.getByTestId('hotkey-message').textContent).toMatch(/Add Ctrl or Alt/);
    await fireEvent.keyDown(input, { key: 'Escape', code: 'Escape' });
    expect(save).not.toHaveBeenCalled();
  });

  it('reports a registered-elsewhere hotkey from the app state', () => {
    render(HotkeyField, {
      accelerator: 'CommandOrControl+Alt+P',
      hotkey: { accelerator: 'CommandOrControl+Alt+P', registered: false, problem: 'taken' },
      save: vi.fn(),
    });
    expect(screen.getByTestId('hotkey-message').textContent).toBe(
      'Ctrl+Alt+P is taken by another application.',
    );
  });

  it('is read-only when IT locked it', async () => {
    const save = vi.fn();
    render(HotkeyField, { accelerator: 'CommandOrControl+Alt+P', locked: true, save });
    await fireEvent.keyDown(screen.getByLabelText('Hotkey'), { key: 'k', code: 'KeyK', ctrlKey: true });
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByText('Managed by your IT department.')).toBeTruthy();
  });
});
