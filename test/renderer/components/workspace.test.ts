import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Workspace from '../../../renderer/src/components/workspace.svelte';
import { displayStatus } from '../../../renderer/src/lib/status.ts';
import { createFakeApi, makeCall, makeView } from '../helpers/fake-api.ts';

/** Intl separates number and unit with a no-break space; the tests read it as a space. */
const spaced = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();

function renderWorkspace(view = makeView(), api = createFakeApi(view)) {
  render(Workspace, { api, view, display: displayStatus(view), now: Date.now(), hotkeyLabel: 'Ctrl+Alt+P' });
  return api;
}

describe('workspace', () => {
  it('offers exactly the commands the call capabilities allow', () => {
    renderWorkspace(
      makeView({ calls: [makeCall({ capabilities: ['Hangup', 'Hold', 'StopCallRecording'] })] }),
    );
    expect(screen.getByRole('button', { name: 'Hold' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Hang up' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop recording' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Answer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retrieve' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start recording' })).toBeNull();
  });

  it('shows caller, direction, state and duration of the call', () => {
    renderWorkspace();
    expect(screen.getByRole('heading', { name: '15551230042' })).toBeTruthy();
    expect(screen.getByText('Inbound call')).toBeTruthy();
    expect(screen.getByTestId('call-state').textContent).toBe('Established');
    expect(spaced(screen.getByTestId('call-duration').textContent)).toMatch(/^1 min \d+ sec$/);
  });

  it('pauses the target call and words a refusal', async () => {
    const api = createFakeApi();
    api.commandResult = () => ({ ok: false, code: 'rejected', reason: 'statusCode 4' });
    renderWorkspace(api.view, api);
    await fireEvent.click(screen.getByRole('button', { name: /^Pause recording/ }));
    expect(api.commands).toEqual([{ name: 'pause', callId: 'c1' }]);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain(
        'The server refused to pause the recording. Nothing changed.',
      ),
    );
  });

  it('shows Pausing… and ignores clicks while the pause request is out', async () => {
    const api = createFakeApi();
    let answer: (v: { ok: true; operation: string }) => void = () => undefined;
    api.commandResult = () => new Promise((resolve) => (answer = resolve));
    renderWorkspace(api.view, api);
    const button = screen.getByRole('button', { name: /^Pause recording/ });
    await fireEvent.click(button);
    await waitFor(() => expect(button.textContent).toContain('Pausing…'));
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await fireEvent.click(button);
    expect(api.commands).toHaveLength(1);
    answer({ ok: true, operation: 'PauseCallRecording' });
    await waitFor(() => expect(button.getAttribute('aria-disabled')).toBeNull());
  });

  it('mentions another call whose recording is still paused', () => {
    const held = makeCall({ id: 'c2', state: 'Held', participants: ['15550009999'], recording: 'paused' });
    renderWorkspace(makeView({ calls: [makeCall(), held], otherPausedCallIds: ['c2'] }));
    expect(screen.getByTestId('other-paused').textContent).toContain('15550009999');
    expect(screen.getByTestId('other-paused').textContent).toContain('is still paused');
  });

  it('never asserts an unconfirmed pause of another call as current', () => {
    const held = makeCall({
      id: 'c2',
      state: 'Held',
      participants: ['15550009999'],
      recording: 'paused',
      stale: true,
    });
    renderWorkspace(makeView({ calls: [makeCall(), held], otherPausedCallIds: ['c2'] }));
    const text = screen.getByTestId('other-paused').textContent ?? '';
    expect(text).toContain('not confirmed now');
    expect(text).not.toContain('is still paused');
  });

  it('shows the time paused', () => {
    const now = Date.now();
    renderWorkspace(
      makeView({ status: 'paused', pausedSince: now - 42_000, calls: [makeCall({ recording: 'paused' })] }),
    );
    expect(spaced(screen.getByTestId('paused-for').textContent)).toMatch(/Paused for 4[12] sec\./);
  });

  it('shows a refusal only while its call is the one shown', async () => {
    const api = createFakeApi();
    api.commandResult = () => ({ ok: false, code: 'rejected', reason: 'statusCode 4' });
    const view = api.view;
    const { rerender } = render(Workspace, { api, view, display: displayStatus(view), now: Date.now() });
    await fireEvent.click(screen.getByRole('button', { name: /^Pause recording/ }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('refused'));
    const next = makeView({ statusCallId: 'c2', targetCallId: 'c2', calls: [makeCall({ id: 'c2' })] });
    await rerender({ api, view: next, display: displayStatus(next), now: Date.now() });
    expect(screen.getByRole('alert').textContent?.trim()).toBe('');
  });
});
