/**
 * The state sync against a scripted GWS: an event about a call that is not
 * the agent's (never listed by the agent's own `GET /me/calls`, or on another
 * agent's device) must never change the headline or a command's target; it
 * only triggers a read, and the read decides. A hostile probe once saw the
 * headline say "paused" for 4.5 s while the agent's own call recorded.
 */

import { describe, expect, it } from 'vitest';
import type { GwsResult } from '../../../../main/core/gws/session.ts';
import { toggleRecording } from '../../../../main/core/state/commands.ts';
import { StateSync } from '../../../../main/core/state/state-sync.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const DEVICE = 'dev-7001';

/** A call as GWS sends it (in a read or an event). */
function wireCall(id: string, recordingState: string, device = DEVICE): Record<string, unknown> {
  return {
    id,
    state: 'Established',
    callType: 'Inbound',
    deviceUri: `https://gws.example/api/v2/devices/${device}`,
    participants: [{ phoneNumber: '5551234' }],
    capabilities: recordingState === 'Paused' ? ['ResumeCallRecording'] : ['PauseCallRecording'],
    recordingState,
  };
}

const event = (call: Record<string, unknown>): Record<string, unknown> => ({
  messageType: 'CallStateChangeMessage',
  notificationType: 'StatusChange',
  call,
});

/** A live state sync whose reads answer with `server.calls`; counts the reads and what was posted. */
async function liveSync(): Promise<{
  sync: StateSync;
  server: { calls: Record<string, unknown>[] };
  reads: () => number;
  headlines: string[];
}> {
  const server = { calls: [wireCall('own', 'Recording')] };
  let reads = 0;
  const headlines: string[] = [];
  const get = async (path: string): Promise<GwsResult> => {
    if (path.includes('/devices')) {
      return { ok: true, httpStatus: 200, body: { statusCode: 0, devices: [{ id: DEVICE }] } };
    }
    reads += 1;
    return { ok: true, httpStatus: 200, body: { statusCode: 0, calls: server.calls } };
  };
  const sync = new StateSync({
    get,
    clock: new ManualClock(),
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    reportError: () => undefined,
    publish: (state) => headlines.push(state.status),
    cadences: { fastMs: 5_000, slowMs: 60_000 },
    maxBackoffMs: 5_000,
    readAllowed: () => true,
  });
  sync.setConnection('connected');
  expect(await sync.syncAfterConnect(() => true)).toBe(true);
  sync.markSynced();
  expect(sync.workspace.snapshot()).toMatchObject({ status: 'recording', targetCallId: 'own' });
  return { sync, server, reads: () => reads, headlines };
}

describe('events about calls that are not the agent’s', () => {
  it('never show a foreign call’s pause: the event only triggers a read, which drops the call', async () => {
    const { sync, reads, headlines } = await liveSync();
    const before = reads();
    sync.applyEvent(event(wireCall('foreign', 'Paused')));
    // At once, before any read: the headline and the hotkey's target are the agent's own call.
    expect(sync.workspace.snapshot()).toMatchObject({ status: 'recording', targetCallId: 'own' });
    expect(sync.workspace.snapshot().calls.map((c) => c.id)).toEqual(['own']);
    await waitFor(() => reads() > before, 2_000, 'the read the event asked for');
    await waitFor(() => sync.workspace.reconcileCadence === 'slow', 2_000, 'the read settled');
    expect(sync.workspace.snapshot()).toMatchObject({ status: 'recording', targetCallId: 'own' });
    expect(headlines).not.toContain('paused');
  });

  it('aims the hotkey at the agent’s own call while a foreign event waits for its read', async () => {
    const { sync } = await liveSync();
    sync.applyEvent(event(wireCall('foreign', 'Recording')));
    const posted: string[] = [];
    const result = await toggleRecording({
      workspace: sync.workspace,
      post: async (path) => {
        posted.push(path);
        return { ok: true, httpStatus: 200, body: { statusCode: 0 } };
      },
    });
    expect(result).toMatchObject({ ok: true, callId: 'own' });
    expect(posted).toEqual([expect.stringContaining('/calls/own')]);
  });

  it('ignores an event on another agent’s device even for a call id it knows', async () => {
    const { sync, reads } = await liveSync();
    const before = reads();
    sync.applyEvent(event(wireCall('own', 'Paused', 'dev-7002')));
    expect(sync.workspace.snapshot()).toMatchObject({ status: 'recording', targetCallId: 'own' });
    await waitFor(() => reads() > before, 2_000, 'the read the event asked for');
    expect(sync.workspace.snapshot().status).toBe('recording');
  });

  it('takes in a new call of the agent once the read lists it', async () => {
    const { sync, server } = await liveSync();
    server.calls = [wireCall('own', 'Recording'), wireCall('second', 'Paused')];
    sync.applyEvent(event(wireCall('second', 'Paused')));
    expect(sync.workspace.snapshot().calls.map((c) => c.id)).toEqual(['own']);
    await waitFor(
      () => sync.workspace.snapshot().targetCallId === 'second',
      2_000,
      'the listed call taken in',
      () => sync.workspace.snapshot(),
    );
    expect(sync.workspace.snapshot()).toMatchObject({ status: 'paused', targetCallId: 'second' });
  });
});
