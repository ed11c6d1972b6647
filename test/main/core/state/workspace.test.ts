import { describe, expect, it } from 'vitest';
import { parseGwsEvent, type CallSnapshot } from '../../../../main/core/state/call-model.ts';
import { Workspace } from '../../../../main/core/state/workspace.ts';
import { loadFixture } from '../../helpers/fixtures.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

function setup() {
  const clock = new ManualClock();
  const refreshes: string[] = [];
  const errors: string[] = [];
  const ws = new Workspace({
    clock,
    recordingTimeoutMs: 1_000,
    onChange: () => undefined,
    onRecordingError: (_id, message) => errors.push(message),
    onNeedsRefresh: (reason) => refreshes.push(reason),
  });
  ws.setConnection('connected');
  ws.markSynced();
  return { ws, clock, refreshes, errors };
}

function call(
  id: string,
  state: string,
  recordingState: CallSnapshot['recordingState'] = 'Recording',
): CallSnapshot {
  return {
    id,
    state,
    callType: 'Inbound',
    participants: [],
    ani: undefined,
    capabilities: recordingState === 'Recording' ? ['PauseCallRecording'] : ['ResumeCallRecording'],
    userData: {},
    recordingState,
  };
}

function fixtureEvent(name: string) {
  return parseGwsEvent((loadFixture(name) as { data: unknown }).data);
}

describe('Workspace', () => {
  it('follows the fixture sequence: ringing → recording → paused → recording → no-call', () => {
    const { ws } = setup();
    const seen: string[] = [];
    for (const file of [
      'cometd-04-call-ringing.json',
      'cometd-05-call-established-recording.json',
      'cometd-06-call-recording-paused.json',
      'cometd-07-call-recording-resumed.json',
      'cometd-08-call-released.json',
    ]) {
      ws.applyEvent(fixtureEvent(file));
      seen.push(ws.snapshot().status);
    }
    expect(seen).toEqual(['no-call', 'recording', 'paused', 'recording', 'no-call']);
    expect(ws.snapshot().calls).toEqual([]);
  });

  it('reads the agent state from DeviceStateChangeMessage', () => {
    const { ws } = setup();
    ws.applyEvent(fixtureEvent('cometd-03-device-ready.json'));
    expect(ws.snapshot().agentState).toBe('Ready');
  });

  it('shows disconnected whenever the subscription is not live, even with a confirmed state', () => {
    const { ws } = setup();
    ws.applyEvent(fixtureEvent('cometd-05-call-established-recording.json'));
    ws.setConnection('connecting');
    expect(ws.snapshot().status).toBe('disconnected');
    ws.setConnection('connected');
    expect(ws.snapshot().status).toBe('disconnected'); // not re-read yet: may be stale
    ws.markSynced();
    expect(ws.snapshot().status).toBe('recording');
  });

  it('targets the most recently established call and never a held one', () => {
    const { ws } = setup();
    ws.replaceCalls([call('A', 'Established')]);
    ws.applyEvent({
      kind: 'call',
      notificationType: 'StatusChange',
      call: call('B', 'Established', 'Paused'),
    });
    expect(ws.snapshot()).toMatchObject({ targetCallId: 'B', status: 'paused' });
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('B', 'Held', 'Paused') });
    expect(ws.snapshot()).toMatchObject({ targetCallId: 'A', status: 'recording' });
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('A', 'Held') });
    // Nothing to toggle, but the paused recording of the held call B stays in sight.
    expect(ws.snapshot()).toMatchObject({ targetCallId: undefined, statusCallId: 'B', status: 'paused' });
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('A', 'Established') });
    expect(ws.snapshot().targetCallId).toBe('A');
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('A', 'Released') });
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('B', 'Released', 'Paused') });
    expect(ws.snapshot()).toMatchObject({ statusCallId: undefined, status: 'no-call' });
  });

  it('replaces state wholesale on a REST re-read (calls gone during an outage disappear)', () => {
    const { ws } = setup();
    ws.replaceCalls([call('A', 'Established'), call('B', 'Held')]);
    ws.replaceCalls([call('B', 'Established', 'Paused')]);
    expect(ws.snapshot().calls.map((c) => c.id)).toEqual(['B']);
    expect(ws.snapshot().status).toBe('paused');
  });

  it('turns an unconfirmed op into unknown and asks for a refresh', () => {
    const { ws, clock, refreshes, errors } = setup();
    ws.replaceCalls([call('A', 'Established')]);
    expect(ws.machine('A')?.begin('pause').ok).toBe(true);
    expect(ws.snapshot().status).toBe('pausing');
    clock.advance(1_000);
    expect(ws.snapshot().status).toBe('unknown');
    expect(errors).toHaveLength(1);
    expect(refreshes).toHaveLength(1);
  });

  it('asks for a refresh (never crashes) on an event it cannot trust, saying it is an unknown type', () => {
    const codes: (string | undefined)[] = [];
    const ws = new Workspace({
      clock: new ManualClock(),
      onChange: () => undefined,
      onRecordingError: () => undefined,
      onNeedsRefresh: (reason, code) => codes.push(`${reason} / ${code}`),
    });
    ws.applyEvent(parseGwsEvent({ messageType: 'Mystery' }));
    ws.applyEvent(parseGwsEvent({ messageType: 'CallStateChangeMessage', call: { state: 'Ringing' } }));
    expect(codes).toEqual([
      'unknown messageType Mystery / unknown-event',
      expect.stringMatching(/^malformed call event: .* \/ unreadable-event$/),
    ]);
  });

  it('does not let a REST read that started before an event overwrite that newer event', () => {
    const { ws } = setup();
    ws.replaceCalls([call('A', 'Established')]);
    const since = ws.beginRead();
    // While the read is in flight the pause is confirmed, and a new call is released.
    ws.applyEvent({
      kind: 'call',
      notificationType: 'CallRecordingStateChange',
      call: call('A', 'Established', 'Paused'),
    });
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('B', 'Released') });
    // The read (taken before those events) still says Recording, and still lists B.
    ws.replaceCalls([call('A', 'Established'), call('B', 'Established')], since);
    expect(ws.snapshot()).toMatchObject({ status: 'paused', targetCallId: 'A' });
    expect(ws.snapshot().calls.map((c) => c.id)).toEqual(['A']);
    // A later read is taken as the truth again.
    ws.replaceCalls([call('A', 'Established')], ws.beginRead());
    expect(ws.snapshot().status).toBe('recording');
  });

  it('keeps a pending pause pending when an event omits recordingState and GSIP_RECORD', () => {
    const { ws } = setup();
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('c1', 'Established') });
    const begun = ws.machine('c1')?.begin('pause');
    expect(begun?.ok).toBe(true);
    // e.g. an AttachedDataChanged that says nothing about recording
    ws.applyEvent({
      kind: 'call',
      notificationType: 'AttachedDataChanged',
      call: { ...call('c1', 'Established'), recordingState: undefined },
    });
    expect(ws.snapshot().status).toBe('pausing');
    // and the confirmation still settles it
    ws.applyEvent({
      kind: 'call',
      notificationType: 'CallRecordingStateChange',
      call: call('c1', 'Established', 'Paused'),
    });
    expect(ws.snapshot().status).toBe('paused');
  });

  it('keeps a known call paused when a later event omits recordingState', () => {
    const { ws } = setup();
    ws.applyEvent({
      kind: 'call',
      notificationType: 'StatusChange',
      call: call('c1', 'Established', 'Paused'),
    });
    ws.applyEvent({
      kind: 'call',
      notificationType: 'StatusChange',
      call: { ...call('c1', 'Established'), recordingState: undefined },
    });
    expect(ws.snapshot().status).toBe('paused');
  });

  it('reads a new call without any recording information as not recording', () => {
    const { ws } = setup();
    ws.applyEvent({
      kind: 'call',
      notificationType: 'StatusChange',
      call: { ...call('c1', 'Established'), recordingState: undefined },
    });
    expect(ws.snapshot().status).toBe('not-recording');
  });

  it('keeps an unreadable call from a REST read with its recording state unknown', () => {
    const { ws } = setup();
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('c1', 'Established') });
    ws.replaceCalls([call('c2', 'Held')], undefined, [{ id: 'c1', state: 'Established', reason: 'bad' }]);
    expect(ws.snapshot()).toMatchObject({ status: 'unknown', targetCallId: 'c1' });
    expect(ws.snapshot().calls.map((c) => [c.id, c.recording])).toEqual(
      expect.arrayContaining([
        ['c1', 'unknown'],
        ['c2', 'recording'],
      ]),
    );
    // A new call that is unreadable is shown too, never guessed.
    ws.replaceCalls([], undefined, [{ id: 'c3', state: 'Established', reason: 'bad' }]);
    expect(ws.snapshot().calls.map((c) => [c.id, c.recording])).toEqual([['c3', 'unknown']]);
  });

  it('forgets released calls when no read is in flight, so a long shift does not grow memory', () => {
    const { ws } = setup();
    for (let i = 0; i < 100; i++) {
      ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call(`c${i}`, 'Established') });
      ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call(`c${i}`, 'Released') });
    }
    expect(ws.trackedCallEvents).toBe(0);
    // During a read, a release is remembered: the read must not bring the call back.
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('x', 'Established') });
    const since = ws.beginRead();
    ws.applyEvent({ kind: 'call', notificationType: 'StatusChange', call: call('x', 'Released') });
    ws.replaceCalls([call('x', 'Established')], since);
    ws.endRead();
    expect(ws.snapshot().calls).toEqual([]);
  });
});

describe('Workspace: transitions, pause time, staleness, replaced calls', () => {
  function staleSetup(staleAfterMs = 10_000) {
    const clock = new ManualClock();
    const mismatches: string[] = [];
    let changes = 0;
    const ws = new Workspace({
      clock,
      recordingTimeoutMs: 1_000,
      staleAfterMs,
      onChange: () => (changes += 1),
      onRecordingError: () => undefined,
      onNeedsRefresh: () => undefined,
      onMismatch: (id, shown, actual) => mismatches.push(`${id}:${shown}->${actual}`),
    });
    ws.setConnection('connected');
    ws.markSynced();
    return { ws, clock, mismatches, changes: () => changes };
  }
  const event = (c: CallSnapshot) => ({ kind: 'call' as const, notificationType: 'StatusChange', call: c });

  it('records confirmed transitions with the clock time and source, and keeps pausedSince while paused', () => {
    const { ws, clock } = staleSetup();
    clock.advance(100);
    ws.applyEvent(event(call('c1', 'Established')));
    clock.advance(400);
    expect(ws.machine('c1')?.begin('pause').ok).toBe(true);
    ws.applyEvent(event(call('c1', 'Established', 'Paused')));
    expect(ws.takeTransitions()).toEqual([
      { callId: 'c1', from: 'unknown', to: 'recording', at: 100, source: 'event' },
      { callId: 'c1', from: 'recording', to: 'paused', at: 500, source: 'event' },
    ]);
    expect(ws.takeTransitions()).toEqual([]);
    clock.advance(1_000);
    const snap = ws.snapshot();
    expect(snap).toMatchObject({ status: 'paused', pausedSince: 500, at: 1_500 });
    expect(snap.calls[0]).toMatchObject({ pausedSince: 500, since: 100, stale: false });
    // Our own pause confirmed by a read is not a mismatch.
    ws.applyEvent(event(call('c1', 'Established', 'Recording')));
    expect(ws.snapshot().pausedSince).toBeUndefined();
  });

  it('reports a read that contradicts the confirmed state as a mismatch, corrected at once', () => {
    const { ws, mismatches } = staleSetup();
    ws.applyEvent(event(call('c1', 'Established', 'Paused')));
    ws.takeTransitions();
    ws.replaceCalls([call('c1', 'Established', 'Recording')], ws.beginRead());
    expect(ws.snapshot().status).toBe('recording');
    expect(mismatches).toEqual(['c1:paused->recording']);
    expect(ws.takeTransitions()).toEqual([
      expect.objectContaining({ from: 'paused', to: 'recording', source: 'reconcile' }),
    ]);
  });

  it('does not call our own pending pause, confirmed by a read, a mismatch', () => {
    const { ws, mismatches } = staleSetup();
    ws.applyEvent(event(call('c1', 'Established')));
    expect(ws.machine('c1')?.begin('pause').ok).toBe(true);
    ws.replaceCalls([call('c1', 'Established', 'Paused')], ws.beginRead());
    expect(ws.snapshot().status).toBe('paused');
    expect(mismatches).toEqual([]);
    expect(ws.takeTransitions().at(-1)).toMatchObject({ to: 'paused', source: 'read' });
  });

  it('marks a call stale (status unknown) once the server has not confirmed it for staleAfterMs, on time', () => {
    const { ws, clock, changes } = staleSetup(10_000);
    ws.applyEvent(event(call('c1', 'Established', 'Paused')));
    clock.advance(10_000);
    expect(ws.snapshot()).toMatchObject({
      status: 'paused',
      calls: [expect.objectContaining({ stale: false })],
    });
    const before = changes();
    clock.advance(1); // the workspace's own timer announces it: nobody has to ask
    expect(changes()).toBe(before + 1);
    expect(ws.snapshot()).toMatchObject({
      status: 'unknown',
      calls: [expect.objectContaining({ stale: true })],
    });
    expect(ws.isStale('c1')).toBe(true);
    // The next read clears it.
    ws.replaceCalls([call('c1', 'Established', 'Paused')], ws.beginRead());
    expect(ws.snapshot()).toMatchObject({
      status: 'paused',
      calls: [expect.objectContaining({ stale: false })],
    });
  });

  it('a report that says nothing about recording does not keep a paused call fresh', () => {
    const { ws, clock } = staleSetup(10_000);
    ws.applyEvent(event(call('c1', 'Established', 'Paused')));
    clock.advance(9_000);
    // Some GWS versions omit recordingState: such a read proves nothing about the pause.
    ws.replaceCalls([{ ...call('c1', 'Established'), recordingState: undefined }], ws.beginRead());
    clock.advance(1_001);
    expect(ws.snapshot()).toMatchObject({
      status: 'unknown',
      calls: [expect.objectContaining({ stale: true })],
    });
  });

  it('shows every call stale while the stream is not live', () => {
    const { ws } = staleSetup();
    ws.applyEvent(event(call('c1', 'Established', 'Paused')));
    ws.setConnection('connecting');
    expect(ws.snapshot()).toMatchObject({
      status: 'disconnected',
      calls: [expect.objectContaining({ stale: true })],
    });
  });

  it('lists a paused held call in otherPausedCallIds when a second call becomes the status call', () => {
    const { ws } = staleSetup();
    ws.applyEvent(event(call('c1', 'Established', 'Paused')));
    ws.applyEvent(event(call('c1', 'Held', 'Paused')));
    expect(ws.snapshot()).toMatchObject({ status: 'paused', statusCallId: 'c1', otherPausedCallIds: [] });
    ws.applyEvent(event(call('c2', 'Established', 'Recording')));
    expect(ws.snapshot()).toMatchObject({
      status: 'recording',
      statusCallId: 'c2',
      otherPausedCallIds: ['c1'],
    });
    expect(ws.snapshot().pausedSince).toBeUndefined();
  });

  it('replaces a call whose ConnID changed (previousConnId) without a Released event, keeping the pause time', () => {
    const { ws, clock } = staleSetup();
    ws.applyEvent(event({ ...call('0001', 'Established', 'Paused'), connId: '0001' }));
    clock.advance(700);
    ws.applyEvent(
      event({ ...call('0002', 'Established', 'Paused'), connId: '0002', previousConnId: '0001' }),
    );
    const snap = ws.snapshot();
    expect(snap.calls.map((c) => c.id)).toEqual(['0002']);
    expect(snap.calls[0]).toMatchObject({ previousCallId: '0001', pausedSince: 0, since: 0 });
    expect(snap).toMatchObject({ status: 'paused', otherPausedCallIds: [] });
  });
});
