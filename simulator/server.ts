import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { authenticateBayeux, authenticateRest } from './auth.ts';
import { BayeuxHub, type AuthedRequest } from './bayeux.ts';
import { handleControl } from './control-api.ts';
import { startDemoCaller } from './demo-caller.ts';
import { FaultBook } from './faults.ts';
import {
  HTML_BODY,
  describeValue,
  isLoopback,
  isLoopbackHost,
  isLoopbackOrigin,
  readJsonObject,
  sendJson,
  sendText,
  type BodyResult,
} from './http-util.ts';
import {
  parseSimulatorOptions,
  DEFAULT_HTTP_STATUS,
  type SimulatorOptions,
  type SimulatorOptionsInput,
} from './options.ts';
import { CSRF_FAILURE_TEXT, CSRF_HEADER_NAME, NOTIFICATIONS_PATH, StatusCode } from './protocol.ts';
import { matchRestRoute, type RestDeps } from './rest-api.ts';
import { SessionStore } from './sessions.ts';
import { World, type OperationResult, type PendingEvent } from './world.ts';

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

/** Where the simulator reports what it does (requests, faults); never credentials. */
export type SimulatorLog = (line: string) => void;

const MUTATING = new Set(['POST', 'PUT', 'DELETE']);

/**
 * Starts the GWS v2 simulator on `options.port` (0 = any free port) and
 * resolves once it accepts connections. Rejects with a clear error for bad
 * options or a taken port.
 */
export async function startSimulator(
  input: SimulatorOptionsInput = {},
  extras: { log?: SimulatorLog } = {},
): Promise<RunningSimulator> {
  const opts = parseSimulatorOptions(input);
  const log = extras.log ?? (() => undefined);
  let baseUrl = '';
  const world = new World(opts, () => baseUrl);
  const sessions = new SessionStore(opts.sessionIdleTimeoutSec * 1000);
  const faults = new FaultBook();
  const bayeux = new BayeuxHub({
    mount: NOTIFICATIONS_PATH,
    timeoutSec: opts.bayeuxTimeoutSec,
    connectAdvice: opts.connectAdvice,
    faults,
    agentNames: opts.agents.map((a) => a.userName),
    isSessionAlive: (id) => sessions.get(id) !== undefined,
    connectionTypes: [
      'long-polling',
      'cross-origin-long-polling',
      'callback-polling',
      ...(opts.websocket ? ['websocket'] : []),
    ],
  });
  /** Sockets upgraded to websocket, with the session they were opened on (closed when it dies). */
  const websockets = new Map<Duplex, string | undefined>();
  const closeWebsockets = (which: (sessionId: string | undefined) => boolean): void => {
    for (const [socket, sessionId] of websockets) {
      if (!which(sessionId)) continue;
      websockets.delete(socket);
      socket.destroy();
    }
  };
  sessions.onInvalidate((dead) => {
    bayeux.dropClientsOfSessions(dead);
    const ids = new Set(dead.map((d) => d.id));
    closeWebsockets((sessionId) => sessionId !== undefined && ids.has(sessionId));
  });
  const timers = new Set<NodeJS.Timeout>();
  let stopping = false;
  const later = (ms: number, fn: () => void): void => {
    if (stopping) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const httpStatusFor = (statusCode: number): number =>
    opts.httpStatus[String(statusCode)] ?? DEFAULT_HTTP_STATUS[statusCode] ?? (statusCode === 0 ? 200 : 500);

  const publish = (events: PendingEvent[]): void => {
    for (const event of events) {
      if (faults.takeDropEvent()) {
        log(`fault: dropped ${event.channel} event for ${event.agent}`);
        continue;
      }
      bayeux.publish(event);
    }
  };
  /** Events go out only after the answer has been written (gws-api.md §6.4). */
  const publishLater = (events: PendingEvent[], then?: () => void): void => {
    const run = (): void => {
      publish(events);
      then?.();
    };
    if (events.length === 0 && !then) return;
    if (opts.eventDelayMs > 0) later(opts.eventDelayMs, run);
    else setImmediate(run);
  };

  const restDeps: RestDeps = {
    world,
    baseUrl: () => baseUrl,
    invalidateSession: (id) => sessions.invalidate(id),
    scheduleRemoteAnswer: (callId) =>
      later(opts.dialAnswerMs, () => {
        const result = world.remoteAnswer(callId);
        publish(result.events);
      }),
  };

  const restart = (): { sessions: number; bayeuxClients: number } => {
    const bayeuxClients = bayeux.dropAll();
    closeWebsockets(() => true);
    const dropped = { sessions: sessions.clear(), bayeuxClients };
    log(`restart: dropped ${dropped.sessions} sessions and ${dropped.bayeuxClients} Bayeux clients`);
    return dropped;
  };

  const describe = (): Record<string, unknown> => ({
    ...world.describe(),
    sessions: sessions
      .list()
      .map((s) => ({ agent: s.agent, createdAt: new Date(s.createdAt).toISOString() })),
    bayeuxClients: bayeux.describe(),
    faults: faults.describe(),
  });

  /** Sends a GWS result: `{"statusCode":0,...}` or the error with its mapped HTTP status. */
  const sendResult = (
    res: ServerResponse,
    result: OperationResult,
    headers: Record<string, string> = {},
    onSent?: () => void,
  ): void => {
    if (result.statusCode !== StatusCode.Ok) {
      sendJson(
        res,
        httpStatusFor(result.statusCode),
        { statusCode: result.statusCode, statusMessage: result.statusMessage ?? '' },
        headers,
        onSent, // a partial success (7) has events too
      );
      return;
    }
    sendJson(res, 200, { statusCode: 0, ...result.body }, headers, onSent);
  };

  /** A response that is not what the client asked for (a fault): an HTML page or a bare GWS auth error. */
  const sendBadBody = (
    res: ServerResponse,
    bad: { badBody: 'html' | 'json'; httpStatus?: number | undefined },
  ): void => {
    if (bad.badBody === 'json') {
      sendJson(res, bad.httpStatus ?? 401, {
        statusCode: StatusCode.AccessDenied,
        statusMessage: 'Access denied',
      });
    } else {
      sendText(res, bad.httpStatus ?? 200, HTML_BODY, 'text/html');
    }
  };

  const originAllowed = (req: IncomingMessage): boolean => {
    if (opts.allowedOrigins === 'off') return true;
    const origin = req.headers.origin;
    return origin !== undefined && opts.allowedOrigins.includes(origin);
  };

  const corsHeaders = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    // With Origin checks off there is no CORS policy to announce: a page elsewhere gets nothing.
    if (!origin || opts.allowedOrigins === 'off' || !originAllowed(req)) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Expose-Headers': 'X-CSRF-HEADER,X-CSRF-TOKEN',
    };
  };

  const handleControlRequest = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): Promise<void> => {
    // Loopback peers only; and, against web pages (cross-site POST, DNS rebinding), a loopback
    // Host and no foreign Origin. curl sends no Origin, so the README examples work as typed.
    const origin = req.headers.origin;
    if (
      !isLoopback(req.socket.remoteAddress) ||
      !isLoopbackHost(req.headers.host) ||
      (origin !== undefined && !isLoopbackOrigin(origin))
    ) {
      sendJson(res, 403, {
        statusCode: StatusCode.Forbidden,
        statusMessage: 'The /sim control API answers loopback clients only',
      });
      return;
    }
    let body: Record<string, unknown> = {};
    if (req.method === 'POST') {
      const hasBody =
        Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if (hasBody) {
        // Lenient on Content-Type so `curl -d '{...}'` works as typed.
        const parsed = await readJsonObject(req, opts.maxBodyBytes, { requireJsonType: false });
        if (!parsed.ok) {
          sendJson(res, parsed.failure.httpStatus, {
            statusCode: parsed.failure.statusCode,
            statusMessage: parsed.failure.statusMessage,
          });
          return;
        }
        body = parsed.value;
      }
    }
    const result = handleControl(
      { method: req.method ?? 'GET', path, body },
      { world, faults, expireSessions: (agent) => sessions.invalidateAgent(agent), restart, describe },
    );
    if (!result) {
      sendJson(res, 404, {
        statusCode: StatusCode.NotFound,
        statusMessage: `No control route ${req.method ?? ''} ${path}`,
      });
      return;
    }
    if (path === '/sim/faults' && req.method === 'POST' && result.statusCode === 0)
      log(`fault armed: ${JSON.stringify(body)}`);
    sendResult(res, result, {}, () => publishLater(result.events));
  };

  const handleBayeux = (req: AuthedRequest, res: ServerResponse): void => {
    if (!originAllowed(req)) {
      sendJson(res, 403, { statusCode: StatusCode.Forbidden, statusMessage: 'Origin not allowed' });
      return;
    }
    const bad = faults.takeBadBody('bayeux');
    if (bad) {
      sendBadBody(res, bad);
      return;
    }
    // faye buffers the whole body itself: bound it here, as every other endpoint is bounded.
    const tooLarge = (): void =>
      sendJson(res, 413, {
        statusCode: StatusCode.ValidationError,
        statusMessage: `Request body larger than ${opts.maxBodyBytes} bytes`,
      });
    if (Number(req.headers['content-length'] ?? 0) > opts.maxBodyBytes) {
      tooLarge();
      req.resume(); // discard the rest without buffering it
      return;
    }
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= opts.maxBodyBytes || res.headersSent) return;
      // Undeclared length: faye is already buffering, so stop the upload itself.
      tooLarge();
      res.once('finish', () => req.destroy());
    });
    const auth = authenticateBayeux(req, world, sessions);
    if (!auth && opts.bayeuxAuth === 'every-request') {
      req.resume();
      sendJson(res, httpStatusFor(StatusCode.AccessDenied), {
        statusCode: StatusCode.AccessDenied,
        statusMessage: 'Access denied',
      });
      return;
    }
    if (auth) req.simAuth = auth;
    bayeux.handle(req, res);
  };

  const handleRest = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const cors = corsHeaders(req);
    if (!originAllowed(req)) {
      sendJson(res, 403, { statusCode: StatusCode.Forbidden, statusMessage: 'Origin not allowed' });
      return;
    }
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
        'Access-Control-Allow-Headers': 'Origin,Cookie,Authorization,Content-Type,X-CSRF-TOKEN',
      });
      res.end();
      return;
    }
    // The body is read (bounded) before anything else so a refused request never hangs.
    const body: BodyResult = MUTATING.has(method)
      ? await readJsonObject(req, opts.maxBodyBytes)
      : { ok: true, value: {} };
    const operationName = body.ok ? body.value.operationName : undefined;

    const delay = faults.takeDelay(operationName);
    if (delay > 0) await new Promise((resolve) => later(delay, () => resolve(undefined)));

    const bad = faults.takeBadBody('rest');
    if (bad) {
      sendBadBody(res, bad);
      return;
    }
    if (method === 'GET' && path === '/api/v2/diagnostics/version') {
      sendJson(res, 200, { statusCode: 0, version: opts.version }, cors);
      return;
    }
    const auth = authenticateRest(req, world, sessions);
    if (!auth.ok) {
      sendJson(
        res,
        httpStatusFor(StatusCode.AccessDenied),
        { statusCode: StatusCode.AccessDenied, statusMessage: 'Access denied' },
        {
          ...cors,
          'WWW-Authenticate': 'Basic realm="GWS"',
        },
      );
      return;
    }
    const headers: Record<string, string> = { ...cors };
    if (auth.setCookie) headers['Set-Cookie'] = auth.setCookie;
    if (opts.csrf && method === 'GET') {
      headers['X-CSRF-HEADER'] = CSRF_HEADER_NAME;
      headers['X-CSRF-TOKEN'] = auth.session.csrfToken;
    }
    if (opts.csrf && MUTATING.has(method)) {
      const token = req.headers[CSRF_HEADER_NAME.toLowerCase()];
      if (!auth.viaCookie || token !== auth.session.csrfToken) {
        sendText(res, 403, CSRF_FAILURE_TEXT);
        return;
      }
    }
    const route = matchRestRoute(method, path);
    if (route.kind !== 'handler') {
      const notAllowed = route.kind === 'method-not-allowed';
      sendJson(
        res,
        notAllowed ? 405 : httpStatusFor(StatusCode.NotFound),
        {
          statusCode: notAllowed ? StatusCode.Forbidden : StatusCode.NotFound,
          statusMessage: notAllowed ? `${method} is not allowed on ${path}` : `Resource ${path} not found`,
        },
        headers,
      );
      return;
    }
    if (!body.ok) {
      sendJson(
        res,
        body.failure.httpStatus,
        { statusCode: body.failure.statusCode, statusMessage: body.failure.statusMessage },
        headers,
      );
      return;
    }
    const fault = MUTATING.has(method) ? faults.takeOperation(operationName) : undefined;
    if (fault) {
      log(`fault: ${describeValue(operationName)} answered with statusCode ${fault.statusCode}`);
      sendJson(
        res,
        fault.httpStatus ?? httpStatusFor(fault.statusCode),
        {
          statusCode: fault.statusCode,
          statusMessage: fault.statusMessage ?? `Simulated failure of ${describeValue(operationName)}`,
        },
        headers,
      );
      return;
    }
    const result = route.run(
      { method, path, query: url.searchParams, body: body.value, session: auth.session },
      restDeps,
    );
    // Events first, then the follow-up: EndContactCenterSession's logout event must reach
    // the clients of the session it ends.
    sendResult(res, result, headers, () => publishLater(result.events, result.afterSend));
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid');
    } catch {
      sendJson(res, 400, { statusCode: StatusCode.ValidationError, statusMessage: 'Malformed request URL' });
      return;
    }
    const path = url.pathname;
    const work = (async () => {
      if (path === '/sim' || path.startsWith('/sim/')) return handleControlRequest(req, res, path);
      if (path === NOTIFICATIONS_PATH || path.startsWith(`${NOTIFICATIONS_PATH}/`))
        return handleBayeux(req, res);
      if (path.startsWith('/api/v2/')) return handleRest(req, res, url);
      sendJson(res, 404, { statusCode: StatusCode.NotFound, statusMessage: `Resource ${path} not found` });
    })();
    work.catch((error: unknown) => {
      log(
        `internal error on ${req.method ?? ''} ${path}: ${error instanceof Error ? error.message : String(error)}`,
      );
      sendJson(res, 500, { statusCode: StatusCode.InternalError, statusMessage: 'Simulator internal error' });
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://simulator.invalid').pathname;
    const isBayeux = path === NOTIFICATIONS_PATH || path.startsWith(`${NOTIFICATIONS_PATH}/`);
    if (!opts.websocket || !isBayeux || !originAllowed(req)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const authed = req as AuthedRequest;
    const auth = authenticateBayeux(req, world, sessions);
    if (auth) authed.simAuth = auth;
    websockets.set(socket, auth?.session?.id);
    socket.once('close', () => websockets.delete(socket));
    bayeux.handleUpgrade(authed, socket, head);
  };

  const server: Server = createServer(onRequest);
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });

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
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  const demo = opts.demo
    ? startDemoCaller({
        world,
        publish,
        agent: opts.agents[0]?.userName ?? 'agent1',
        intervalMs: opts.demoIntervalMs,
        log,
      })
    : undefined;

  let closed: Promise<void> | undefined;
  return {
    url: baseUrl,
    port: address.port,
    options: opts,
    world,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        stopping = true;
        demo?.stop();
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        bayeux.dropAll();
        bayeux.close();
        server.close(() => resolve());
        server.closeAllConnections();
        // Upgraded sockets are not the HTTP server's any more: close them too, or close() hangs.
        closeWebsockets(() => true);
      });
      return closed;
    },
  };
}
