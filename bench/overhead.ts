import type { BayeuxTransport } from '../main/core/bayeux/connection.ts';
import { runOurs } from './ours.ts';
import { stats, type LatencyStats } from './stats.ts';
import type { BenchTarget } from './targets.ts';
import { startTcpRelay } from './tcp-relay.ts';

/**
 * (d) Our client's own overhead, independent of the server, measured at the
 * socket through a loopback TCP relay: `toggleRecording()` → the POST's first
 * bytes reaching the relay (REST stack, command checks, cookie and CSRF), and
 * the event's bytes handed to our socket → the confirmed status emitted
 * (HTTP/websocket parsing, faye, event parsing, workspace, derivation). Both
 * include one loopback hop read on the next event-loop turn: an upper bound.
 */
export interface OverheadResult {
  server: string;
  transport: BayeuxTransport;
  toggleToPostOnWire: LatencyStats;
  eventInToStatus: LatencyStats;
}

export async function runOverhead(
  target: BenchTarget,
  transport: BayeuxTransport,
  cycles: number,
): Promise<OverheadResult> {
  let toggleAt: number | undefined;
  let postAt: number | undefined;
  let eventAt: number | undefined;
  const outbound: number[] = [];
  const inbound: number[] = [];
  const relay = await startTcpRelay(target.url, {
    fromClient(chunk, at) {
      if (toggleAt !== undefined && postAt === undefined && chunk.includes('POST /api/v2/me/calls/'))
        postAt = at;
    },
    toClient(chunk, at) {
      if (toggleAt !== undefined && eventAt === undefined && chunk.includes('CallRecordingStateChange'))
        eventAt = at;
    },
  });
  try {
    await runOurs(target, transport, cycles, {
      serverUrl: relay.url,
      probe: {
        beforeToggle(at) {
          toggleAt = at;
          postAt = undefined;
          eventAt = undefined;
        },
        statusEmitted(at) {
          if (toggleAt !== undefined && postAt !== undefined) outbound.push(postAt - toggleAt);
          if (eventAt !== undefined) inbound.push(at - eventAt);
          toggleAt = undefined;
        },
      },
    });
  } finally {
    await relay.close();
  }
  return {
    server: target.name,
    transport,
    toggleToPostOnWire: stats(outbound),
    eventInToStatus: stats(inbound),
  };
}
