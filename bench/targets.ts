import { got } from 'got';
import { startSimulator } from '../simulator/index.ts';
import { startCometdGwsPeer } from '../test/peers/cometd-gws-peer.ts';

/**
 * The two GWS servers every latency figure is measured against, started
 * in-process on loopback: the simulator (faye's Bayeux server, long-polling
 * and websocket) and the CometD peer (CometD's own Node server, long-polling
 * only). Both with CSRF on and a 30 s long-poll hold, as GWS ships.
 */
export interface BenchTarget {
  name: 'simulator' | 'cometd-peer';
  url: string;
  transports: ReadonlyArray<'long-polling' | 'websocket'>;
  /** An Established, recording call for `agent` (default agent1); resolves with its id once its event was published. */
  addEstablishedCall(agent?: string): Promise<string>;
  /** The remote party hangs up `id` (each run leaves the server without calls). */
  releaseCall(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function startSimulatorTarget(): Promise<BenchTarget> {
  const sim = await startSimulator({ demo: false, csrf: true });
  return { ...simulatorAt(sim.url), close: () => sim.close() };
}

/** A simulator already running at `url` (e.g. in another process), driven through its control API. */
export function simulatorAt(url: string): BenchTarget {
  const sim = { url };
  return {
    name: 'simulator',
    url: sim.url,
    transports: ['long-polling', 'websocket'],
    async addEstablishedCall(agent = 'agent1') {
      const created = await got
        .post(`${sim.url}/sim/calls`, {
          json: { agent, from: '15551230042', state: 'Established', recording: true },
        })
        .json<{ statusCode: number; id?: string }>();
      if (created.statusCode !== 0 || !created.id)
        throw new Error(`cannot create a call: ${JSON.stringify(created)}`);
      return created.id;
    },
    async releaseCall(id) {
      await got.post(`${sim.url}/sim/calls/${encodeURIComponent(id)}/release`);
    },
    close: () => Promise.resolve(),
  };
}

export async function startPeerTarget(): Promise<BenchTarget> {
  const peer = await startCometdGwsPeer({ csrf: true, timeoutMs: 30_000 });
  return {
    name: 'cometd-peer',
    url: peer.url,
    transports: ['long-polling'],
    addEstablishedCall: (agent) => peer.addEstablishedCall(agent),
    releaseCall(id) {
      peer.publish(peer.world.remoteRelease(id).events);
      return Promise.resolve();
    },
    close: () => peer.close(),
  };
}

/** Starts a target, runs `fn`, always closes it. */
export async function withTarget<T>(
  start: () => Promise<BenchTarget>,
  fn: (t: BenchTarget) => Promise<T>,
): Promise<T> {
  const target = await start();
  try {
    return await fn(target);
  } finally {
    await target.close();
  }
}
