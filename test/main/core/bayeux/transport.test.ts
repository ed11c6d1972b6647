/**
 * Transport `auto`, the default: websocket first, long-polling
 * when the upgrade is refused or the websocket dies repeatedly, websocket
 * again after a while; a websocket dropped mid-call recovers with the state re-read.
 */

import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../../simulator/index.ts';
import { GwsSession } from '../../../../main/core/gws/session.ts';
import { startHarness, TEST_SIM_OPTIONS, type Harness } from '../../helpers/core-harness.ts';
import { observedConnection, type ObservedConnection } from '../../helpers/bayeux-client.ts';
import { startRelay, type TcpRelay } from '../../helpers/tcp-relay.ts';
import { waitFor } from '../../helpers/wait-for.ts';

let h: Harness | undefined;
let relay: TcpRelay | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.close();
  await relay?.close();
  for (const cleanup of cleanups.splice(0)) await cleanup();
  h = relay = undefined;
});

async function observedOn(
  simOptions: Parameters<typeof startSimulator>[0],
  timings: Record<string, number> = {},
  front?: (port: number) => Promise<{ url: string; close(): Promise<void> }>,
): Promise<ObservedConnection> {
  const sim = await startSimulator({ ...TEST_SIM_OPTIONS, ...simOptions });
  cleanups.push(() => sim.close());
  const proxy = front ? await front(sim.port) : undefined;
  if (proxy) cleanups.unshift(() => proxy.close());
  const session = new GwsSession({
    serverUrl: proxy?.url ?? sim.url,
    username: 'agent1',
    password: 'agent1',
  });
  expect((await session.signIn()).ok).toBe(true);
  const o = observedConnection({ session, transport: 'auto', timings });
  cleanups.unshift(() => o.connection.stop());
  o.connection.start();
  await waitFor(() => o.connection.state === 'connected', 5_000, 'connected');
  return o;
}

describe('transport auto', () => {
  it('is the default and uses the websocket when the server offers it', async () => {
    h = await startHarness();
    const callId = await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    expect(h.core.getSnapshot().targetCallId).toBe(callId);
    const o = await observedOn({});
    await waitFor(() => o.connection.activeTransport === 'websocket', 3_000, 'websocket');
  });

  it('falls back to long-polling when the server refuses the upgrade (websocket:false), and events flow', async () => {
    h = await startHarness({ websocket: false }, { transport: 'auto' });
    await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    await h.core.toggleRecording();
    await h.waitStatus('recording');
    const o = await observedOn({ websocket: false });
    expect(o.connection.activeTransport).toBe('long-polling');
  });

  it('a websocket dropped mid-call recovers, with what changed meanwhile re-read', async () => {
    h = await startHarness({}, { transport: 'auto' }, async (sim) => {
      relay = await startRelay(sim.port);
      return relay.url;
    });
    const callId = await h.establishedCall();
    await h.core.toggleRecording();
    await h.waitStatus('paused');
    h.statuses.length = 0;
    // The server resumes the recording by itself and the event is lost; then the websocket drops.
    await h.ctl.fault({ dropEvents: 1 });
    await h.ctl.release(callId);
    relay?.thaw(); // cuts every connection, the websocket included
    await h.waitStatus('no-call', 5_000);
    expect(h.statuses).toContain('disconnected');
    expect(h.core.getSnapshot().calls).toEqual([]);
  });

  it('falls back to long-polling when the websocket dies repeatedly, and tries websocket again later', async () => {
    let killer: WsKiller | undefined;
    const o = await observedOn(
      {},
      { websocketFailuresBeforeFallback: 3, websocketRetryMs: 2_000, maxBackoffMs: 200, holdMarginMs: 500 },
      async (port) => (killer = await startWsKiller(port, 150)),
    );
    await waitFor(() => (killer?.upgrades ?? 0) >= 3, 8_000, 'three websockets killed');
    await waitFor(
      () => o.connection.activeTransport === 'long-polling' && o.connection.state === 'connected',
      5_000,
      'on long-polling',
      () => ({
        transport: o.connection.activeTransport,
        state: o.connection.state,
        errors: o.errors.slice(-4),
        states: o.states.slice(-8),
      }),
    );
    expect(o.errors.some((e) => /falling back to long-polling/.test(e.message))).toBe(true);
    const upgrades = killer?.upgrades ?? 0;
    await waitFor(() => (killer?.upgrades ?? 0) > upgrades, 5_000, 'websocket tried again after the period');
  });
});

interface WsKiller {
  url: string;
  /** Websocket upgrade requests seen. */
  upgrades: number;
  close(): Promise<void>;
}

/** A TCP relay that lets websocket upgrades through and kills each one `afterMs` later. */
async function startWsKiller(targetPort: number, afterMs: number): Promise<WsKiller> {
  const sockets = new Set<Socket>();
  const state = { upgrades: 0 };
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.once('data', (first: Buffer) => {
      if (/upgrade: websocket/i.test(first.toString('latin1'))) {
        state.upgrades += 1;
        setTimeout(() => {
          client.destroy();
          upstream.destroy();
        }, afterMs);
      }
      upstream.write(first);
      client.pipe(upstream);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get upgrades() {
      return state.upgrades;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
