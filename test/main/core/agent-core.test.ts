import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../simulator/index.ts';
import { createAgentCore } from '../../../main/core/agent-core.ts';
import {
  FAST_POLL_SIM_OPTIONS,
  serverRecordingState,
  startHarness,
  TEST_SIM_OPTIONS,
  type Harness,
} from '../helpers/core-harness.ts';
import { simControl, type SimControl } from '../helpers/sim-control.ts';
import { startRelay, type TcpRelay } from '../helpers/tcp-relay.ts';
import { waitFor } from '../helpers/wait-for.ts';

let h: Harness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
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

async function inContactCenterSession(ctl: SimControl): Promise<boolean | undefined> {
  const agent = (await ctl.state()).agents.find((a) => a.userName === 'agent1');
  return agent?.inContactCenterSession as boolean | undefined;
}

describe('agent core: failures the agent must not be misled by', () => {
  it('keeps showing disconnected while the re-read after a reconnect fails, then shows the truth', async () => {
    h = await startHarness(FAST_POLL_SIM_OPTIONS, { bayeuxTimings: { maxBackoffMs: 400 } });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    // The caller hangs up while its event is lost...
    await h.ctl.fault({ dropEvents: 1 });
    await h.ctl.release(callId);
    // ...then the stream re-handshakes while REST answers garbage for six re-reads.
    await h.ctl.fault({ badBody: 'html', scope: 'rest', count: 12 });
    h.statuses.length = 0;
    await h.ctl.fault({ bayeuxAdvice: 'handshake', count: 1 });

    await h.waitStatus('no-call', 8_000);
    // Never the stale "recording" of a call that no longer exists.
    expect(h.statuses).toEqual(['disconnected', 'no-call']);
    expect(h.errors.some((e) => /cannot re-read state/.test(e))).toBe(true);
  });

  it('leaves nothing running when stop() comes while start() is still signing in', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    const relay = await startRelay(sim.port);
    cleanups.push(
      () => relay.close(),
      () => sim.close(),
    );
    const core = createAgentCore({ serverUrl: relay.url, username: 'agent1', password: 'agent1' });
    const starting = core.start();
    await core.stop();
    expect(await starting).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 500)); // absence of traffic needs a window
    expect(relay.count(/\/api\/v2\/notifications/)).toBe(0);
    expect(core.getSnapshot().connection).toBe('disconnected');
  });

  it('ends the contact-center session after a slow start, never before it (End must not overtake Start)', async () => {
    const sim = await startSimulator(TEST_SIM_OPTIONS);
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    await ctl.fault({ delayMs: 600, operation: 'StartContactCenterSession', count: 1 });
    const core = createAgentCore({ serverUrl: sim.url, username: 'agent1', password: 'agent1' });
    expect(await core.start()).toEqual({ ok: true });
    await waitFor(() => core.getSnapshot().live, 5_000, 'live');
    await core.stop(); // Start is still in flight on the server
    // Absence window: a Start overtaken by End would land within the 600 ms delay and turn the
    // session back on; nothing may (the server has no event to wait on for "did not happen").
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await inContactCenterSession(ctl)).toBe(false);
  });

  it('retries a refused StartContactCenterSession on the next reconnect', async () => {
    const sim = await startSimulator({ ...TEST_SIM_OPTIONS, ...FAST_POLL_SIM_OPTIONS });
    cleanups.push(() => sim.close());
    const ctl = simControl(sim.url);
    await ctl.fault({ operation: 'StartContactCenterSession', statusCode: 1, count: 1 });
    const core = createAgentCore({ serverUrl: sim.url, username: 'agent1', password: 'agent1' });
    cleanups.unshift(() => core.stop());
    const errors: string[] = [];
    core.subscribe((event) => {
      if (event.type === 'error') errors.push(event.message);
    });
    expect(await core.start()).toEqual({ ok: true });
    await waitFor(() => errors.some((e) => /StartContactCenterSession failed/.test(e)), 5_000, 'refusal');
    expect(await inContactCenterSession(ctl)).toBe(false);

    await ctl.fault({ bayeuxAdvice: 'none', count: 1 });
    await waitFor(async () => await inContactCenterSession(ctl), 5_000, 'session started on reconnect');
  });

  it('never signs in again behind stop(): a command that meets an expired session during shutdown is not replayed', async () => {
    h = await startHarness();
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ delayMs: 600, operation: 'PauseCallRecording', count: 1 });
    const toggling = h.core.toggleRecording();
    await h.waitStatus('pausing');
    await h.core.stop();
    await h.ctl.expireSessions('agent1'); // the held POST will meet a dead session
    const result = await toggling;

    // Replayed on a fresh sign-in, it would pause the call after the app quit.
    expect(result).toMatchObject({ ok: false });
    expect(await serverRecordingState(h.ctl, callId)).toBe('Recording');
  });

  it('keeps a pause pending (not rolled back) when the answer is lost, and settles on the server event', async () => {
    h = await startHarness({}, { requestTimeoutMs: 300, recordingTimeoutMs: 3_000 });
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ delayMs: 700, operation: 'PauseCallRecording', count: 1 });
    h.statuses.length = 0;

    const result = await h.core.toggleRecording(); // times out client-side; the server pauses later

    expect(result).toMatchObject({ ok: false, code: 'outcome-unknown', callId });
    expect(result.ok ? '' : result.reason).toMatch(/outcome unknown/);
    expect(result.ok ? '' : result.reason).not.toMatch(/not sent/);
    expect(h.core.getSnapshot().status).toBe('pausing');
    await h.waitStatus('paused');
    expect(h.statuses).toEqual(['pausing', 'paused']); // never back to "recording" on a guess
    expect(await serverRecordingState(h.ctl, callId)).toBe('Paused');
  });

  it('reads again when a refresh is asked for while a read is in flight (the read may predate the change)', async () => {
    h = await startHarness({}, { recordingTimeoutMs: 300 });
    const first = await h.establishedCall();
    const second = await h.establishedCall();
    const recordingOf = (id: string) => h?.core.getSnapshot().calls.find((c) => c.id === id)?.recording;
    // Refresh 1: the first call's pause is never confirmed (event lost).
    await h.ctl.fault({ dropEvents: 1 });
    expect(await h.core.pauseRecording(first)).toMatchObject({ ok: true });
    // Its calls are read at once, its devices only 900 ms later: a read in flight.
    await h.ctl.fault({ delayMs: 1, count: 1 });
    await h.ctl.fault({ delayMs: 900, count: 1 });
    await waitFor(() => recordingOf(first) === 'unknown', 3_000, 'first call unknown');
    await waitFor(
      async () => ((await h?.ctl.state())?.faults as { delays: unknown[] }).delays.length === 0,
      3_000,
      'read 1 under way',
    );
    // Refresh 2, asked for during read 1: the second call's pause, also unconfirmed.
    await h.ctl.fault({ dropEvents: 1 });
    expect(await h.core.pauseRecording(second)).toMatchObject({ ok: true });
    await waitFor(() => recordingOf(second) === 'unknown', 3_000, 'second call unknown');

    // Read 1 says "recording" for the second call; only a read after it shows the pause.
    await waitFor(
      () => recordingOf(second) === 'paused',
      3_000,
      'second call paused',
      () => h?.core.getSnapshot(),
    );
    expect(await serverRecordingState(h.ctl, second)).toBe('Paused');
    expect(recordingOf(first)).toBe('paused');
  });

  it('never hangs up a held call by default', async () => {
    h = await startHarness();
    const callId = await h.establishedCall();
    expect(await h.core.hold(callId)).toMatchObject({ ok: true });
    await waitFor(
      () => h?.core.getSnapshot().calls.find((c) => c.id === callId)?.state === 'Held',
      3_000,
      'held',
    );
    expect(await h.core.hangup()).toMatchObject({ ok: false, code: 'no-call' });
    expect((await h.ctl.state()).calls.find((c) => c.id === callId)?.state).toBe('Held');
    // Named explicitly, it is hung up.
    expect(await h.core.hangup(callId)).toMatchObject({ ok: true, callId });
  });
});
