/**
 * What the shell builds on. State events only when the
 * snapshot changed, each carrying the transitions the server confirmed since
 * the previous one (with the clock time); error events with code and severity;
 * `reconnectNow` re-reads at once.
 */

import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent, CoreStateEvent } from '../../../main/core/core-events.ts';
import { startHarness, type Harness } from '../helpers/core-harness.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { startRelay, type TcpRelay } from '../helpers/tcp-relay.ts';
import { waitFor } from '../helpers/wait-for.ts';

let h: Harness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const withoutAt = (event: CoreStateEvent) => JSON.stringify({ ...event.state, at: 0 });

describe('core events', () => {
  it('emits a state event only when the snapshot changed, with the confirmed transitions and their time', async () => {
    const clock = new ManualClock();
    h = await startHarness({ bayeuxTimeoutSec: 30 }, { clock });
    const events: CoreEvent[] = [];
    h.core.subscribe((event) => events.push(event));
    clock.advance(1_000);
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    clock.advance(2_000);
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    clock.advance(3_000);
    await h.core.toggleRecording();
    await h.waitStatus('recording');

    const states = events.filter((e): e is CoreStateEvent => e.type === 'state');
    for (let i = 1; i < states.length; i++) {
      expect(withoutAt(states[i] as CoreStateEvent)).not.toBe(withoutAt(states[i - 1] as CoreStateEvent));
    }
    expect(states.flatMap((e) => e.transitions)).toEqual([
      // A new call is taken in by the read its first event asks for (an event alone is no proof it is ours).
      { callId, from: 'unknown', to: 'recording', at: 1_000, source: 'read' },
      { callId, from: 'recording', to: 'paused', at: 3_000, source: 'event' },
      { callId, from: 'paused', to: 'recording', at: 6_000, source: 'event' },
    ]);
    const paused = states.find((e) => e.state.status === 'paused');
    expect(paused?.state).toMatchObject({ pausedSince: 3_000, at: 3_000, otherPausedCallIds: [] });
    expect(paused?.state.calls[0]).toMatchObject({
      id: callId,
      pausedSince: 3_000,
      since: 1_000,
      stale: false,
    });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
  });

  it('reports a refused pause as an error event with a code, a severity and the call', async () => {
    h = await startHarness();
    const callId = await h.establishedCall();
    await h.waitStatus('recording');
    await h.ctl.fault({ operation: 'PauseCallRecording', statusCode: 4, httpStatus: 500, count: 1 });
    await h.core.toggleRecording();
    expect(h.errorEvents).toContainEqual(
      expect.objectContaining({ code: 'recording-failed', severity: 'warning', callId }),
    );
  });

  it('re-reads the state at once on reconnectNow, and is live again', async () => {
    let relay: TcpRelay | undefined;
    h = await startHarness({}, {}, async (sim) => {
      relay = await startRelay(sim.port);
      return relay.url;
    });
    const r = relay as TcpRelay;
    cleanups.push(() => r.close());
    await h.establishedCall();
    r.resetLog();
    h.core.reconnectNow();
    await waitFor(() => r.count(/GET \/api\/v2\/me\/calls/) > 0, 5_000, 'a calls read after reconnectNow');
    await waitFor(() => h?.core.getSnapshot().live, 5_000, 'live again');
    expect(h.core.getSnapshot().status).toBe('recording');
  });
});
