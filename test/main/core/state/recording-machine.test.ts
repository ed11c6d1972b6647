import { describe, expect, it } from 'vitest';
import { RecordingMachine } from '../../../../main/core/state/recording-machine.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

function machine(initial: 'Recording' | 'Paused' | 'Stopped' = 'Recording', timeoutMs = 5_000) {
  const clock = new ManualClock();
  const errors: { message: string; kind: string }[] = [];
  const states: string[] = [];
  const m = new RecordingMachine(initial, {
    clock,
    timeoutMs,
    onChange: () => states.push(m.state),
    onError: (message, kind) => errors.push({ message, kind }),
  });
  return { m, clock, errors, states };
}

describe('RecordingMachine', () => {
  it('stays pausing after the HTTP accept and settles only on the server state', () => {
    const { m, clock } = machine();
    const begun = m.begin('pause');
    expect(begun.ok).toBe(true);
    expect(m.state).toBe('pausing');
    clock.advance(4_000);
    m.observe('Recording'); // an unrelated event (e.g. duration) before the pause lands
    expect(m.state).toBe('pausing');
    m.observe('Paused');
    expect(m.state).toBe('paused');
    expect(m.error).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('resumes through resuming to recording', () => {
    const { m, states } = machine('Paused');
    expect(m.begin('resume').ok).toBe(true);
    m.observe('Recording');
    expect(states).toEqual(['resuming', 'recording']);
  });

  it('rolls back to the confirmed state with an error when the server refuses', () => {
    const { m, errors } = machine();
    const begun = m.begin('pause');
    if (!begun.ok) throw new Error('begin refused');
    m.fail(begun.token, 'PauseCallRecording refused: internal error (statusCode 4)');
    expect(m.state).toBe('recording');
    expect(m.error).toMatch(/statusCode 4/);
    expect(errors).toEqual([{ message: expect.stringMatching(/statusCode 4/), kind: 'rolled-back' }]);
  });

  it('becomes unknown with an error after the timeout, and only then', () => {
    const { m, clock, errors } = machine('Recording', 5_000);
    m.begin('pause');
    clock.advance(4_999);
    expect(m.state).toBe('pausing');
    clock.advance(1);
    expect(m.state).toBe('unknown');
    expect(m.confirmed).toBeUndefined();
    expect(errors[0]?.kind).toBe('timed-out');
    expect(m.error).toMatch(/no confirmation/);
  });

  it('leaves unknown when the server next reports the call', () => {
    const { m, clock } = machine('Recording', 100);
    m.begin('pause');
    clock.advance(100);
    expect(m.begin('resume')).toEqual({ ok: false, reason: 'recording state is unknown' });
    m.observe('Paused');
    expect(m.state).toBe('paused');
    expect(m.error).toBeUndefined();
  });

  it('ignores a late HTTP failure for an op that already settled', () => {
    const { m } = machine();
    const begun = m.begin('pause');
    if (!begun.ok) throw new Error('begin refused');
    m.observe('Paused');
    m.fail(begun.token, 'late failure');
    expect(m.state).toBe('paused');
    expect(m.error).toBeUndefined();
  });

  it('refuses a second op while one is pending, and ops that do not fit the state', () => {
    const { m } = machine('Recording');
    expect(m.begin('resume')).toEqual({ ok: false, reason: 'cannot resume recording: it is recording' });
    expect(m.begin('pause').ok).toBe(true);
    expect(m.begin('stop')).toEqual({ ok: false, reason: 'pausing: wait for the server to confirm' });
  });

  it('settles a pending op when someone else moved the state elsewhere', () => {
    const { m } = machine('Recording');
    m.begin('pause');
    m.observe('Stopped');
    expect(m.state).toBe('stopped');
  });

  it('start and stop go through starting / stopping', () => {
    const { m, states } = machine('Stopped');
    m.begin('start');
    m.observe('Recording');
    m.begin('stop');
    m.observe('Stopped');
    expect(states).toEqual(['starting', 'recording', 'stopping', 'stopped']);
  });
});
