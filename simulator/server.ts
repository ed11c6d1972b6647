import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { handleBayeux, handleUpgrade } from './bayeux-endpoint.ts';
import { handleControlRequest } from './control-endpoint.ts';
import { startDemoCaller } from './demo-caller.ts';
import { sendJson } from './http-util.ts';
import { parseSimulatorOptions, type SimulatorOptions, type SimulatorOptionsInput } from './options.ts';
import { NOTIFICATIONS_PATH, StatusCode } from './protocol.ts';
import { handleRest } from './rest-endpoint.ts';
import { createSimContext, type SimContext, type SimulatorLog } from './sim-context.ts';
import type { World } from './world.ts';

export type { SimulatorLog } from './sim-context.ts';

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

/** Which endpoint a path belongs to. */
type Endpoint = 'control' | 'bayeux' | 'rest' | 'none';

function endpointOf(path: string): Endpoint {
  if (path === '/sim' || path.startsWith('/sim/')) return 'control';
  if (path === NOTIFICATIONS_PATH || path.startsWith(`${NOTIFICATIONS_PATH}/`)) return 'bayeux';
  if (path.startsWith('/api/v2/')) return 'rest';
  return 'none';
}

/** The request router: one endpoint per path prefix; an internal error is a GWS 500, never a hung request. */
function createRequestHandler(ctx: SimContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid');
    } catch {
      sendJson(res, 400, { statusCode: StatusCode.ValidationError, statusMessage: 'Malformed request URL' });
      return;
    }
    const path = url.pathname;
    const work = (async () => {
      switch (endpointOf(path)) {
        case 'control':
          return handleControlRequest(ctx, req, res, path);
        case 'bayeux':
          return handleBayeux(ctx, req, res);
        case 'rest':
          return handleRest(ctx, req, res, url);
        default:
          sendJson(res, 404, {
            statusCode: StatusCode.NotFound,
            statusMessage: `Resource ${path} not found`,
          });
      }
    })();
    work.catch((error: unknown) => {
      ctx.log(
        `internal error on ${req.method ?? ''} ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
      sendJson(res, 500, { statusCode: StatusCode.InternalError, statusMessage: 'Simulator internal error' });
    });
  };
}

/** Upgrades go to Bayeux only; anything else is a 400. */
function createUpgradeHandler(ctx: SimContext) {
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://simulator.invalid').pathname;
    } catch {
      path = '';
    }
    if (endpointOf(path) !== 'bayeux') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    handleUpgrade(ctx, req, socket, head);
  };
}

/** Listens, resolving once connections are accepted; a taken port is a clear error. */
async function listen(server: Server, opts: SimulatorOptions): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${opts.port} on ${opts.host} is already in use; pick another with --port`)
          : error,
      ),
    );
    server.listen(opts.port, opts.host, () => resolve());
  });
  return server.address() as AddressInfo;
}

/**
 * Starts the GWS v2 simulator on `options.port` (0 = any free port) and
 * resolves once it accepts connections. Rejects with a clear error for bad
 * options or a taken port. The jobs live in their own modules: routing here,
 * Origin/CORS (origin-policy), CSRF (csrf), REST (rest-endpoint), Bayeux and
 * websocket upgrades (bayeux-endpoint, websocket-registry), the control API
 * (control-endpoint), event timing (publisher, scheduler).
 */
export async function startSimulator(
  input: SimulatorOptionsInput = {},
  extras: { log?: SimulatorLog } = {},
): Promise<RunningSimulator> {
  const opts = parseSimulatorOptions(input);
  let baseUrl = '';
  const ctx = createSimContext(opts, extras.log ?? (() => undefined), () => baseUrl);

  const server: Server = createServer(createRequestHandler(ctx));
  // Node closes idle keep-alive sockets after 5 s; GWS's Jetty keeps them 30 s. With hundreds of
  // agents the short timeout means a reconnect (and a reuse race) for nearly every REST request.
  server.keepAliveTimeout = 30_000;
  server.on('upgrade', createUpgradeHandler(ctx));
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  const address = await listen(server, opts);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  const demo = opts.demo
    ? startDemoCaller({
        world: ctx.world,
        publish: (events) => ctx.publisher.publish(events),
        agent: opts.agents[0]?.userName ?? 'agent1',
        intervalMs: opts.demoIntervalMs,
        log: ctx.log,
      })
    : undefined;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port: address.port,
    options: opts,
    world: ctx.world,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        demo?.stop();
        ctx.scheduler.stop();
        ctx.bayeux.dropAll();
        ctx.bayeux.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Upgraded sockets are not the HTTP server's any more: close them too, or close() hangs.
        ctx.websockets.close(() => true);
      });
      return closed;
    },
  };
}
