import { describe, expect, it } from 'vitest';
import { toggleModel } from '../../../renderer/src/lib/toggle.ts';
import { t } from './strict-translator.ts';

describe('toggle button model', () => {
  it('pauses a recording call and resumes a paused one, labelled for people', () => {
    expect(t(toggleModel('recording').label)).toBe('Pause recording');
    expect(t(toggleModel('paused').label)).toBe('Resume recording');
    expect(toggleModel('recording')).toEqual({ action: 'pause', label: 'toggle.pause', disabled: false });
    expect(toggleModel('paused')).toEqual({ action: 'resume', label: 'toggle.resume', disabled: false });
  });

  it('is disabled and says Pausing…/Resuming… while pending, and while our own request is out', () => {
    expect(toggleModel('pausing')).toMatchObject({
      label: 'toggle.pause',
      pendingText: 'status.pausing',
      disabled: true,
    });
    expect(toggleModel('resuming')).toMatchObject({
      label: 'toggle.resume',
      pendingText: 'status.resuming',
      disabled: true,
    });
    expect(toggleModel('recording', 'pause')).toMatchObject({
      pendingText: 'status.pausing',
      disabled: true,
    });
    expect(toggleModel('paused', 'resume')).toMatchObject({ pendingText: 'status.resuming', disabled: true });
  });

  it('is disabled with a reason when there is nothing confirmed to pause', () => {
    for (const status of ['not-recording', 'no-call', 'unknown', 'disconnected', 'signed-out'] as const) {
      const model = toggleModel(status);
      expect(model.disabled, status).toBe(true);
      expect(model.reason, status).toBeTruthy();
      if (model.reason) expect(t(model.reason)).toMatch(/\w/);
    }
  });
});
