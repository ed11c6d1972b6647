/**
 * Starts the GWS v2 simulator: parses the options, builds the shared context
 * (the world, sessions, faults, Bayeux, timers on the injected clock), serves
 * it over node:http and, with `demo`, starts the scripted caller. The jobs live
 * in their folders: `http/` the plumbing (body reading, Origin/CORS, CSRF,
 * auth, listening), `domain/` the contact centre and its timers, `api/` the
 * REST, Bayeux and `/sim` endpoints and the router.
 */

import { createServer, type Server } from 'node:http';
import { createRequestHandler, createUpgradeHandler } from './api/router.ts';
import { createSimContext, type SimContext, type SimulatorLog } from './api/sim-context.ts';
import { systemClock, type SimClock } from './domain/clock.ts';
import { startDemoCaller } from './domain/demo-caller.ts';
import type { World } from './domain/world.ts';
import { baseUrlOf, listen } from './http/listen.ts';
import { parseSimulatorOptions, type SimulatorOptions, type SimulatorOptionsInput } from './options.ts';

export type { SimulatorLog } from './api/sim-context.ts';
export type { SimClock, SimTimer } from './domain/clock.ts';

/** A running simulator, as `startSimulator` resolves it. */
export interface RunningSimulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8090`. */
  readonly url: string;
  readonly port: number;
  readonly options: SimulatorOptions;
  /** Direct access for in-process callers (tests, the demo caller); HTTP `/sim` does the same. */
  readonly world: World;
  /** Stops timers, drops every Bayeux client and closes the listening socket. */
  close(): Promise<void>;
}

/** What `startSimulator` takes besides the options. */
export interface SimulatorExtras {
  /** Where the simulator reports what it does; nothing when absent. */
  log?: SimulatorLog;
  /** Time for every simulator timer and timestamp; real time when absent. */
  clock?: SimClock;
}

/** The HTTP server of one context: routing, upgrades, and a 400 for unparsable requests. */
function createHttpServer(ctx: SimContext): Server {
  const server = createServer(createRequestHandler(ctx));
  // Node closes idle keep-alive sockets after 5 s; GWS's Jetty keeps them 30 s. With hundreds of
  // agents the short timeout means a reconnect (and a reuse race) for nearly every REST request.
  server.keepAliveTimeout = 30_000;
  server.on('upgrade', createUpgradeHandler(ctx));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  return server;
}

/** Stops everything of one simulator, once; resolves when the listening socket is closed. */
function closer(ctx: SimContext, server: Server): () => Promise<void> {
  let closed: Promise<void> | undefined;
  return () => {
    closed ??= new Promise<void>((resolve) => {
      ctx.scheduler.stop(); // the demo caller's, the publisher's and the faults' timers
      ctx.bayeux.dropAll();
      ctx.bayeux.close();
      server.close(() => resolve());
      server.closeAllConnections();
      // Upgraded sockets are not the HTTP server's any more: close them too, or close() hangs.
      ctx.websockets.close(() => true);
    });
    return closed;
  };
}

/**
 * Starts the GWS v2 simulator on `options.port` (0 = any free port) and
 * resolves once it accepts connections. Rejects with a clear error for bad
 * options or a taken port.
 */
export async function startSimulator(
  input: SimulatorOptionsInput = {},
  extras: SimulatorExtras = {},
): Promise<RunningSimulator> {
  const opts = parseSimulatorOptions(input);
  let baseUrl = '';
  const ctx = createSimContext(
    opts,
    extras.log ?? (() => undefined),
    () => baseUrl,
    extras.clock ?? systemClock,
  );
  const server = createHttpServer(ctx);
  const address = await listen(server, opts.port, opts.host);
  baseUrl = baseUrlOf(address);
  if (opts.demo) {
    startDemoCaller({
      world: ctx.world,
      publish: (events) => ctx.publisher.publish(events),
      scheduler: ctx.scheduler,
      agent: opts.agents[0]?.userName ?? 'agent1',
      intervalMs: opts.demoIntervalMs,
      log: ctx.log,
    });
  }
  return { url: baseUrl, port: address.port, options: opts, world: ctx.world, close: closer(ctx, server) };
}
