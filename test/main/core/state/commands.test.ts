import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../../../../main/core/state/call-model.ts';
import { recordingCommand } from '../../../../main/core/state/commands.ts';
import type { GwsResult } from '../../../../main/core/gws/session.ts';
import { Workspace } from '../../../../main/core/state/workspace.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

const recordingCall: CallSnapshot = {
  id: 'c1',
  state: 'Established',
  callType: 'Inbound',
  participants: [],
  ani: undefined,
  capabilities: ['PauseCallRecording', 'StopCallRecording'],
  userData: {},
  recordingState: 'Recording',
};

/** A live workspace with one recording call, and a pause answered by `answer`. */
async function pauseAnsweredWith(answer: GwsResult) {
  const clock = new ManualClock();
  const refreshes: string[] = [];
  const workspace = new Workspace({
    clock,
    recordingTimeoutMs: 1_000,
    onChange: () => undefined,
    onRecordingError: () => undefined,
    onNeedsRefresh: (reason) => refreshes.push(reason),
  });
  workspace.setConnection('connected');
  workspace.markSynced();
  workspace.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: recordingCall });
  const result = await recordingCommand({ workspace, post: () => Promise.resolve(answer) }, 'pause');
  return { result, workspace, clock, refreshes };
}

describe('recording commands: roll back only on a definite refusal', () => {
  it.each<[string, GwsResult]>([
    ['a timeout after the request went out', { ok: false, kind: 'network', message: 'ETIMEDOUT' }],
    ['a reset connection', { ok: false, kind: 'network', message: 'ECONNRESET' }],
    ['a 502 from a proxy (no GWS body)', { ok: false, kind: 'http', httpStatus: 502, message: 'HTTP 502' }],
  ])('stays pausing after %s, then shows unknown and re-reads', async (_name, answer) => {
    const { result, workspace, clock, refreshes } = await pauseAnsweredWith(answer);
    expect(result).toMatchObject({ ok: false, code: 'outcome-unknown' });
    expect(result.ok ? '' : result.reason).toMatch(/outcome unknown/);
    expect(result.ok ? '' : result.reason).not.toMatch(/not sent/);
    expect(workspace.snapshot().status).toBe('pausing'); // the server may well have paused
    clock.advance(1_000);
    expect(workspace.snapshot().status).toBe('unknown');
    expect(refreshes).toHaveLength(1);
  });

  it.each<[string, GwsResult]>([
    [
      'a GWS error statusCode',
      { ok: false, kind: 'gws', httpStatus: 500, statusCode: 4, message: 'Invalid state' },
    ],
    ['an HTTP 4xx', { ok: false, kind: 'http', httpStatus: 404, message: 'HTTP 404' }],
  ])('rolls back to recording after %s', async (_name, answer) => {
    const { result, workspace } = await pauseAnsweredWith(answer);
    expect(result).toMatchObject({ ok: false, code: 'rejected' });
    expect(workspace.snapshot().status).toBe('recording');
  });
});
