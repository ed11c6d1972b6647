import { describe, expect, it } from 'vitest';
import { toggleModel } from '../../../renderer/src/lib/toggle.ts';

describe('toggle button model', () => {
  it('pauses a recording call and resumes a paused one', () => {
    expect(toggleModel('recording')).toEqual({ action: 'pause', label: 'Pause recording', disabled: false });
    expect(toggleModel('paused')).toEqual({ action: 'resume', label: 'Resume recording', disabled: false });
  });

  it('is disabled and says Pausing…/Resuming… while pending, and while our own request is out', () => {
    expect(toggleModel('pausing')).toMatchObject({
      label: 'Pause recording',
      pendingText: 'Pausing…',
      disabled: true,
    });
    expect(toggleModel('resuming')).toMatchObject({
      label: 'Resume recording',
      pendingText: 'Resuming…',
      disabled: true,
    });
    expect(toggleModel('recording', 'pause')).toMatchObject({ pendingText: 'Pausing…', disabled: true });
    expect(toggleModel('paused', 'resume')).toMatchObject({ pendingText: 'Resuming…', disabled: true });
  });

  it('is disabled with a reason when there is nothing confirmed to pause', () => {
    for (const status of ['not-recording', 'no-call', 'unknown', 'disconnected', 'signed-out'] as const) {
      const model = toggleModel(status);
      expect(model.disabled, status).toBe(true);
      expect(model.reason, status).toBeTruthy();
    }
  });
});
