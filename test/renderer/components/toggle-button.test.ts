import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import ToggleButton from '../../../renderer/src/components/toggle-button.svelte';
import { toggleModel } from '../../../renderer/src/lib/toggle.ts';

describe('toggle button', () => {
  it('is named "Pause recording" with the hotkey and sends pause', async () => {
    const onaction = vi.fn();
    render(ToggleButton, { model: toggleModel('recording'), hotkeyLabel: 'Ctrl+Alt+P', onaction });
    const button = screen.getByRole('button', { name: /^Pause recording/ });
    expect(button.textContent).toContain('Ctrl+Alt+P');
    expect(button.getAttribute('aria-disabled')).toBeNull();
    await fireEvent.click(button);
    expect(onaction).toHaveBeenCalledWith('pause');
  });

  it('while pausing: says Pausing…, is disabled, and a click sends nothing', async () => {
    const onaction = vi.fn();
    render(ToggleButton, { model: toggleModel('pausing'), onaction });
    const button = screen.getByRole('button', { name: /^Pause recording/ });
    expect(button.textContent).toContain('Pausing…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await fireEvent.click(button);
    expect(onaction).not.toHaveBeenCalled();
  });

  it('is named "Resume recording" when paused', () => {
    render(ToggleButton, { model: toggleModel('paused'), onaction: vi.fn() });
    expect(screen.getByRole('button', { name: /^Resume recording/ })).toBeTruthy();
  });
});
