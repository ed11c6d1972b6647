/**
 * The official CometD JavaScript client (cometd 9, ESM) in Node through
 * cometd-nodejs-client's XMLHttpRequest, long-polling only, with its cookies
 * taken from a tough-cookie jar (the REST agent's), and a recorder of what the
 * simulator actually received on the notifications endpoint.
 */

import { subscribe as subscribeChannel, unsubscribe as unsubscribeChannel } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { CometD, type Message } from 'cometd';
import { adapt } from 'cometd-nodejs-client';
import type { CookieJar } from 'tough-cookie';
import { afterEach } from 'vitest';
import type { RunningSimulator } from '../../simulator/index.ts';
import type { BayeuxMessage, Inbox } from './helpers.ts';

/**
 * What cometd's long-polling transport copies into every XMLHttpRequest it
 * makes (`xhr.context = transport.context`); cometd-nodejs-client hands it to
 * the `retrieveCookies` hook, so each client reads its own jar.
 */
interface TransportContext {
  jar: CookieJar | undefined;
}

let adapted = false;

/**
 * Installs cometd-nodejs-client's `window.XMLHttpRequest` once per worker. Its
 * default cookie store is one global map per host name; the hooks below make
 * each request send exactly the cookies of its client's jar instead (none when
 * the client has no jar). Set-Cookie on notification replies is not stored: the
 * session is opened by REST, never by the Bayeux endpoint.
 */
function ensureAdapted(): void {
  if (adapted) return;
  adapt({
    cookies: {
      retrieveCookies(
        context: unknown,
        uri: URL,
        callback: (failure: Error | null, cookies: string[]) => void,
      ) {
        const jar = (context as TransportContext | undefined)?.jar;
        if (!jar) {
          callback(null, []);
          return;
        }
        jar.getCookieString(uri.href).then(
          (cookie) => callback(null, cookie ? [cookie] : []),
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), []),
        );
      },
      storeCookie(_uri: URL, _header: string, callback: (failure: Error | null, cookie: unknown) => void) {
        callback(null, undefined);
      },
    },
  });
  adapted = true;
}

/** One official CometD client on the simulator; disconnected after the test. */
export class OfficialClient {
  readonly cometd: CometD;

  constructor(sim: Pick<RunningSimulator, 'url'>, jar: CookieJar | undefined) {
    // cometd reads `window.WebSocket` and `window.XMLHttpRequest` when constructed.
    ensureAdapted();
    this.cometd = new CometD();
    // Long-polling only: GWS documents long-polling (gws-api.md §3.1).
    this.cometd.unregisterTransport('websocket');
    const longPolling = this.cometd.findTransport('long-polling');
    if (!longPolling) throw new Error('cometd has no long-polling transport');
    const context: TransportContext = { jar };
    Object.assign(longPolling, { context });
    // appendMessageTypeToURL stays at its default (true): /handshake, /connect... are appended.
    this.cometd.configure({
      url: `${sim.url}/api/v2/notifications`,
      logLevel: 'warn',
      maxNetworkDelay: 5_000,
    });
    clients.push(this);
  }

  /** Resolves with the handshake reply, successful or not. */
  handshake(): Promise<Message> {
    return new Promise((resolve) => this.cometd.handshake((reply) => resolve(reply)));
  }

  /** Subscribes, collecting deliveries into `inbox`; resolves with the subscribe reply. */
  subscribe(channel: string, inbox: Inbox): Promise<Message> {
    return new Promise((resolve) => {
      this.cometd.subscribe(
        channel,
        (message) => inbox.push(message.channel, (message.data ?? {}) as BayeuxMessage),
        (reply) => resolve(reply),
      );
    });
  }

  /** Disconnects (acknowledged or not) and waits until cometd says it is disconnected. */
  async disconnect(): Promise<void> {
    if (this.cometd.isDisconnected()) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3_000);
      this.cometd.disconnect(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (!this.cometd.isDisconnected()) {
      throw new Error(`cometd client still ${this.cometd.getStatus()} after disconnect`);
    }
  }
}

const clients: OfficialClient[] = [];

/** A request the simulator received on its notifications endpoint. */
export interface ReceivedRequest {
  method: string;
  path: string;
  cookie: string | undefined;
  authorization: string | undefined;
  csrf: string | undefined;
}

/**
 * Records every request the simulator's HTTP server receives under
 * /api/v2/notifications, from node's own `http.server.request.start`
 * diagnostics channel: what arrived on the wire, not what a client meant to send.
 */
export function recordNotificationRequests(sim: RunningSimulator): ReceivedRequest[] {
  const received: ReceivedRequest[] = [];
  const listener = (raw: unknown): void => {
    const request = (raw as { request: IncomingMessage }).request;
    if (request.socket.localPort !== sim.port) return;
    const path = new URL(request.url ?? '/', 'http://simulator.invalid').pathname;
    if (!path.startsWith('/api/v2/notifications')) return;
    received.push({
      method: request.method ?? '',
      path,
      cookie: request.headers.cookie,
      authorization: request.headers.authorization,
      csrf: request.headers['x-csrf-token'] as string | undefined,
    });
  };
  subscribeChannel('http.server.request.start', listener);
  recorders.push(() => unsubscribeChannel('http.server.request.start', listener));
  return received;
}

const recorders: Array<() => void> = [];

afterEach(async () => {
  for (const stop of recorders.splice(0)) stop();
  const open = clients.splice(0);
  await Promise.all(open.map((client) => client.disconnect()));
});
