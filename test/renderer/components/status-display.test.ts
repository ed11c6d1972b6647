import { readFileSync } from 'node:fs';
import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import StatusDisplay from '../../../renderer/src/components/status-display.svelte';
import { displayStatus } from '../../../renderer/src/lib/status.ts';
import { makeCall, makeView } from '../helpers/fake-api.ts';

describe('status display', () => {
  it('is one polite live region holding exactly the status word', () => {
    render(StatusDisplay, { display: displayStatus(makeView({ status: 'paused' })), large: true });
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(region.textContent?.trim()).toBe('Paused');
    expect(document.querySelector('[data-icon]')?.getAttribute('data-icon')).toBe('paused');
  });

  it.each(['recording', 'paused', 'unknown'] as const)(
    'draws the tray’s own %s SVG (same shape, same colour)',
    (status) => {
      render(StatusDisplay, { display: displayStatus(makeView({ status })) });
      const icon = document.querySelector(`[data-icon="${status}"]`);
      expect(icon?.getAttribute('aria-hidden')).toBe('true');
      const file = readFileSync(`${process.cwd()}/assets/svg/${status}.svg`, 'utf8');
      const tray = new DOMParser().parseFromString(file, 'text/html').querySelector('svg');
      const shown = icon?.querySelector('svg');
      expect(shown?.getAttribute('color') ?? null).toBe(tray?.getAttribute('color'));
      tray?.querySelector('title')?.remove();
      expect(shown?.innerHTML.replace(/\s+/g, ' ').trim()).toBe(tray?.innerHTML.replace(/\s+/g, ' ').trim());
      expect(shown?.querySelector('title')).toBeNull();
    },
  );

  it('keeps the stale note outside the live region', () => {
    const view = makeView({ status: 'recording', calls: [makeCall({ stale: true })] });
    render(StatusDisplay, { display: displayStatus(view) });
    expect(screen.getByRole('status').textContent?.trim()).toBe('Unknown');
    expect(screen.getByText(/not confirmed/)).toBeTruthy();
  });
});
