import { afterEach, describe, expect, it } from 'vitest';
import { serverRecordingState, startHarness, type Harness } from '../helpers/core-harness.ts';
import { startRelay, type TcpRelay } from '../helpers/tcp-relay.ts';
import { waitFor } from '../helpers/wait-for.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('agent core against the simulator', () => {
  it('runs the whole flow: ring, answer, pause, resume, remote hang-up', async () => {
    h = await startHarness();
    const { core, ctl } = h;
    expect(core.getSnapshot().status).toBe('no-call');
    // StartContactCenterSession went out once Bayeux was up.
    const inSession = async () =>
      (await ctl.state()).agents.find((a) => a.userName === 'agent1')?.inContactCenterSession === true;
    await waitFor(inSession, 3_000, 'contact-center session started');

    const callId = await ctl.createCall({ state: 'Ringing' });
    await waitFor(
      () => core.getSnapshot().calls.find((c) => c.id === callId)?.state === 'Ringing',
      3_000,
      'ringing',
    );
    expect(core.getSnapshot().status).toBe('no-call'); // a ringing call is not a recording target

    expect(await core.answer()).toMatchObject({ ok: true, operation: 'Answer', callId });
    await h.waitStatus('recording');

    h.statuses.length = 0;
    expect(await core.toggleRecording()).toMatchObject({ ok: true, operation: 'PauseCallRecording', callId });
    await h.waitStatus('paused');
    expect(h.statuses).toEqual(['pausing', 'paused']);
    expect(await serverRecordingState(ctl, callId)).toBe('Paused');

    h.statuses.length = 0;
    expect(await core.toggleRecording()).toMatchObject({ ok: true, operation: 'ResumeCallRecording' });
    await h.waitStatus('recording');
    expect(h.statuses).toEqual(['resuming', 'recording']);
    expect(await serverRecordingState(ctl, callId)).toBe('Recording');

    await ctl.release(callId);
    await h.waitStatus('no-call');
    expect(core.getSnapshot().calls).toEqual([]);
    expect(h.errors).toEqual([]);

    await core.stop();
    expect((await ctl.state()).agents.find((a) => a.userName === 'agent1')?.inContactCenterSession).toBe(
      false,
    );
  });

  it('rolls back and reports an error when the pause fails (statusCode 4)', async () => {
    h = await startHarness();
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ operation: 'PauseCallRecording', statusCode: 4, httpStatus: 500, count: 1 });
    h.statuses.length = 0;

    const result = await h.core.toggleRecording();

    expect(result).toMatchObject({ ok: false, code: 'rejected', callId });
    expect(result.ok ? '' : result.reason).toMatch(/statusCode 4/);
    expect(h.core.getSnapshot().status).toBe('recording');
    expect(h.statuses).toEqual(['pausing', 'recording']);
    expect(h.errors.some((e) => e.includes(callId) && /statusCode 4/.test(e))).toBe(true);
    expect(h.core.getSnapshot().calls[0]?.recordingError).toMatch(/statusCode 4/);
    expect(await serverRecordingState(h.ctl, callId)).toBe('Recording');
  });

  it('shows unknown when the confirming event never comes, then re-reads the truth', async () => {
    h = await startHarness({}, { recordingTimeoutMs: 500 });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ dropEvents: 1 });
    h.statuses.length = 0;

    expect(await h.core.toggleRecording()).toMatchObject({ ok: true });
    await waitFor(() => h?.statuses.includes('unknown'), 3_000, 'unknown status');
    expect(h.errors.some((e) => /no confirmation/.test(e))).toBe(true);
    // The server did pause; the REST re-read that follows shows it.
    await h.waitStatus('paused');
    expect(h.statuses).toEqual(['pausing', 'unknown', 'paused']);
    expect(await serverRecordingState(h.ctl, callId)).toBe('Paused');
  });

  it('ignores a toggle while the previous one is pending', async () => {
    h = await startHarness({}, { recordingTimeoutMs: 3_000 });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ delayMs: 400, operation: 'PauseCallRecording', count: 1 });

    const first = h.core.toggleRecording();
    await h.waitStatus('pausing');
    const second = await h.core.toggleRecording();

    expect(second).toMatchObject({ ok: false, code: 'pending', callId });
    expect(await first).toMatchObject({ ok: true });
    await h.waitStatus('paused');
    expect(await serverRecordingState(h.ctl, callId)).toBe('Paused');
  });

  it('sends nothing when the call lacks the capability, and says why', async () => {
    h = await startHarness();
    const callId = await h.establishedCall(false);
    await h.waitStatus('not-recording');

    const toggle = await h.core.toggleRecording();
    expect(toggle).toMatchObject({ ok: false, code: 'invalid-state', callId });
    const pause = await h.core.pauseRecording();
    expect(pause).toMatchObject({ ok: false, code: 'not-capable', callId });
    expect(pause.ok ? '' : pause.reason).toMatch(/PauseCallRecording/);
    expect(h.core.getSnapshot().status).toBe('not-recording');
    expect(await serverRecordingState(h.ctl, callId)).not.toBe('Recording');

    // Start is offered; it goes through starting and settles on the event.
    expect(await h.core.startRecording()).toMatchObject({ ok: true, operation: 'StartCallRecording' });
    await h.waitStatus('recording');
  });

  it('targets the established call, never the held one', async () => {
    h = await startHarness();
    const first = await h.establishedCall();
    expect(await h.core.hold(first)).toMatchObject({ ok: true, operation: 'Hold' });
    await waitFor(
      () => h?.core.getSnapshot().calls.find((c) => c.id === first)?.state === 'Held',
      3_000,
      'held',
    );
    // The held call's recording stays in sight, but the hotkey never acts on it.
    expect(h.core.getSnapshot()).toMatchObject({
      status: 'recording',
      statusCallId: first,
      targetCallId: undefined,
    });
    expect(await h.core.toggleRecording()).toMatchObject({ ok: false, code: 'no-call' });
    expect(await serverRecordingState(h.ctl, first)).toBe('Recording');

    const second = await h.establishedCall();
    expect(h.core.getSnapshot().targetCallId).toBe(second);

    expect(await h.core.toggleRecording()).toMatchObject({ ok: true, callId: second });
    await h.waitStatus('paused');
    expect(await serverRecordingState(h.ctl, second)).toBe('Paused');
    expect(await serverRecordingState(h.ctl, first)).toBe('Recording');

    // Swap: hold the second, retrieve the first → the first is the target again.
    expect(await h.core.hold(second)).toMatchObject({ ok: true });
    expect(await h.core.retrieve()).toMatchObject({ ok: true, operation: 'Retrieve', callId: first });
    await waitFor(
      () => h?.core.getSnapshot().targetCallId === first,
      3_000,
      'first call is the target again',
    );
    expect(h.core.getSnapshot().status).toBe('recording');
  });

  it('targets the most recently established of two established calls', async () => {
    h = await startHarness();
    const older = await h.establishedCall();
    const newer = await h.establishedCall();
    expect(h.core.getSnapshot().targetCallId).toBe(newer);
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    expect(await serverRecordingState(h.ctl, newer)).toBe('Paused');
    expect(await serverRecordingState(h.ctl, older)).toBe('Recording');
  });

  it('sets the agent Ready and NotReady, confirmed by the device event', async () => {
    h = await startHarness();
    expect(await h.core.ready()).toMatchObject({ ok: true });
    await waitFor(() => h?.core.getSnapshot().agentState === 'Ready', 3_000, 'Ready');
    expect(await h.core.notReady()).toMatchObject({ ok: true });
    await waitFor(() => h?.core.getSnapshot().agentState === 'NotReady', 3_000, 'NotReady');
  });

  it('works with the 8.5 participants format (strings + participantsInfo)', async () => {
    h = await startHarness({ participantsFormat: '8.5' });
    const callId = await h.establishedCall();
    expect(h.core.getSnapshot().calls.find((c) => c.id === callId)?.participants).toEqual(['15551230042']);
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    await h.core.hangup();
    await h.waitStatus('no-call');
  });

  it('works over the websocket transport (session cookie on the upgrade)', async () => {
    let relay: TcpRelay | undefined;
    h = await startHarness({}, { transport: 'websocket' }, async (sim) => {
      relay = await startRelay(sim.port);
      return relay.url;
    });
    try {
      const callId = await h.establishedCall();
      await h.core.toggleRecording();
      await h.waitStatus('paused');
      expect(await serverRecordingState(h.ctl, callId)).toBe('Paused');
      // The upgrade really happened, and carried the session cookie.
      const upgradeWithCookie =
        /GET \/api\/v2\/notifications[^\r]*\r\n(?:[^\r]+\r\n)*?cookie: [^\r]*JSESSIONID=/i;
      expect(relay?.count(/upgrade: websocket/i)).toBeGreaterThan(0);
      expect(relay?.count(upgradeWithCookie)).toBeGreaterThan(0);
    } finally {
      await h.close();
      h = undefined;
      await relay?.close();
    }
  });
});
