/**
 * The CometD/Bayeux endpoint of the simulator, on faye's NodeAdapter.
 *
 * GWS topics are per user (`/v2/me/calls` means *my* calls), while faye's
 * channels are global. So every subscription is rewritten on the way in to a
 * private namespace `/sim-agent/<key>/...` of the authenticated agent, and every
 * delivery is rewritten back on the way out: agent A can never receive agent B's
 * events, whatever it subscribes to (`/**` included).
 */

import { createRequire } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FaultBook } from '../domain/faults.ts';
import { exceedsDepth } from '../http/http-util.ts';
import type { HttpSession } from '../domain/sessions.ts';
import type { PendingEvent } from '../domain/model.ts';

const requireCjs = createRequire(import.meta.url);

/** The parts of faye's (untyped, CommonJS) server API this module uses. */
interface FayeMessage {
  channel: string;
  clientId?: string;
  subscription?: string | string[];
  successful?: boolean;
  error?: string;
  advice?: Record<string, unknown>;
  supportedConnectionTypes?: string[];
  data?: unknown;
  id?: string;
  ext?: Record<string, unknown>;
}
type Callback = (message: FayeMessage) => void;
interface FayeExtension {
  incoming?: (message: FayeMessage, request: AuthedRequest | null, callback: Callback) => void;
  outgoing?: (message: FayeMessage, request: AuthedRequest | null, callback: Callback) => void;
}
/** faye's engine proxy: private in faye 1.4.3 (pinned); checked at start-up. */
interface FayeEngine {
  publish(message: FayeMessage): void;
  destroyClient(clientId: string): void;
}
interface FayeNodeAdapter {
  addExtension(extension: FayeExtension): void;
  handle(req: IncomingMessage, res: ServerResponse): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  on(event: 'disconnect', listener: (clientId: string) => void): void;
  close(): void;
  _server?: { _engine?: Partial<FayeEngine> };
}
interface FayeModule {
  NodeAdapter: new (options: { mount: string; timeout: number; ping?: number }) => FayeNodeAdapter;
}

/** Who a Bayeux HTTP request belongs to, resolved by the HTTP layer before faye sees it. */
export interface BayeuxAuth {
  agent: string;
  /** The HTTP session the cookie named; undefined when authenticated by Basic alone. */
  session: HttpSession | undefined;
}

/** Requests handed to faye carry the resolved identity (or none). */
export type AuthedRequest = IncomingMessage & {
  simAuth?: BayeuxAuth;
  simAckOffered?: boolean;
  /** The client whose /meta/connect this request carries (faye drops `clientId` from a failed reply). */
  simConnectClient?: string;
};

interface ClientRecord {
  agent: string;
  sessionId: string | undefined;
  /** Acknowledgement extension state, when agreed at handshake. */
  ack?: { batch: number; lastAck: number | undefined };
  /** True while faye holds one of its /meta/connect long-polls (or an answer is on its way). */
  connectHeld?: boolean;
}

const META_HANDSHAKE = '/meta/handshake';
const META_CONNECT = '/meta/connect';
const META_SUBSCRIBE = '/meta/subscribe';
const META_UNSUBSCRIBE = '/meta/unsubscribe';
const NAMESPACE = '/sim-agent/';
/** Deepest Bayeux message accepted; GWS messages are a handful of levels deep. */
export const MAX_MESSAGE_DEPTH = 32;

/**
 * What an agent may subscribe to: its own topics and wildcards over them.
 * `/meta/**` and `/service/**` are Bayeux's own and never subscribable.
 */
function isAgentChannel(channel: unknown): channel is string {
  return (
    typeof channel === 'string' &&
    channel.startsWith('/') &&
    !channel.startsWith('/meta/') &&
    !channel.startsWith('/service/') &&
    channel !== '/meta' &&
    channel !== '/service'
  );
}

/** CometD's standard answers (not GWS-specific; gws-api.md §1.5). */
export const BayeuxError = {
  HandshakeDenied: '403::Handshake denied',
  SubscriptionDenied: '403::Subscription denied',
  TooDeep: '400::Message nested too deeply',
  PublishDenied: '403::Publish denied',
  UnknownClient: '402::Unknown client',
} as const;

export interface BayeuxHubOptions {
  mount: string;
  timeoutSec: number;
  /** See `SimulatorOptions.connectAdvice`. */
  connectAdvice: 'every' | 'first';
  /** Whether an HTTP session still lives; a handshake on a dead one is denied. */
  isSessionAlive: (sessionId: string) => boolean;
  /** Connection types offered in the handshake reply. */
  connectionTypes: string[];
  /** Agree to CometD's acknowledgement extension when a handshake offers it. */
  ackExtension?: boolean;
  faults: FaultBook;
  agentNames: string[];
}

export class BayeuxHub {
  private readonly adapter: FayeNodeAdapter;
  private readonly engine: FayeEngine;
  private readonly clients = new Map<string, ClientRecord>();
  private readonly agentKeys = new Map<string, string>();
  /** Clients that already got their advice (connectAdvice `first`). */
  private readonly advised = new Set<string>();
  private messageCounter = 0;

  constructor(private readonly options: BayeuxHubOptions) {
    const faye = requireCjs('faye') as FayeModule;
    this.adapter = new faye.NodeAdapter({ mount: options.mount, timeout: options.timeoutSec });
    const engine = this.adapter._server?._engine;
    if (typeof engine?.publish !== 'function' || typeof engine.destroyClient !== 'function') {
      throw new Error(
        'faye internals changed: the simulator needs faye 1.4.3 (engine.publish/destroyClient)',
      );
    }
    this.engine = engine as FayeEngine;
    options.agentNames.forEach((name, index) => this.agentKeys.set(name, `a${index + 1}`));
    this.adapter.addExtension({
      incoming: (message, request, callback) => callback(this.incoming(message, request)),
      outgoing: (message, request, callback) => callback(this.outgoing(message, request)),
    });
    this.adapter.on('disconnect', (clientId) => {
      this.clients.delete(clientId);
      this.advised.delete(clientId);
    });
  }

  /** Hands a long-polling (or callback-polling) request to faye. */
  handle(req: AuthedRequest, res: ServerResponse): void {
    this.adapter.handle(req, res);
  }

  /** Hands a websocket upgrade to faye. */
  handleUpgrade(req: AuthedRequest, socket: Duplex, head: Buffer): void {
    this.adapter.handleUpgrade(req, socket, head);
  }

  /** Publishes one agent's event on its private namespace. */
  publish(event: PendingEvent): void {
    const key = this.agentKeys.get(event.agent);
    if (!key) return;
    this.messageCounter += 1;
    // faye copies each message per subscriber; the world never builds deep data, but be safe.
    if (exceedsDepth(event.data, MAX_MESSAGE_DEPTH)) return;
    this.engine.publish({
      channel: `${NAMESPACE}${key}${event.channel}`,
      data: event.data,
      id: `sim-${this.messageCounter}`,
    });
  }

  /** Drops the clients handshaken on these sessions: their next connect gets 402. */
  dropClientsOfSessions(dead: HttpSession[]): void {
    const ids = new Set(dead.map((s) => s.id));
    for (const [clientId, record] of this.clients) {
      if (record.sessionId !== undefined && ids.has(record.sessionId)) this.dropClient(clientId);
    }
  }

  /** Drops every client, as a server restart does; pending long-polls return at once. */
  dropAll(): number {
    const ids = [...this.clients.keys()];
    for (const clientId of ids) this.dropClient(clientId);
    return ids.length;
  }

  /** The `/sim/state` view of the clients; `connectHeld` only while a long-poll is held. */
  describe(): Array<{
    agent: string;
    sessionBound: boolean;
    connectHeld?: true;
    ack?: { batch: number; lastAck?: number };
  }> {
    return [...this.clients.values()].map((r) => ({
      agent: r.agent,
      sessionBound: r.sessionId !== undefined,
      ...(r.connectHeld === true ? { connectHeld: true as const } : {}),
      ...(r.ack
        ? { ack: { batch: r.ack.batch, ...(r.ack.lastAck === undefined ? {} : { lastAck: r.ack.lastAck }) } }
        : {}),
    }));
  }

  close(): void {
    this.adapter.close();
  }

  private dropClient(clientId: string): void {
    this.clients.delete(clientId);
    this.advised.delete(clientId);
    this.engine.destroyClient(clientId);
  }

  private namespaceOf(clientId: string | undefined): string | undefined {
    const record = clientId === undefined ? undefined : this.clients.get(clientId);
    const key = record && this.agentKeys.get(record.agent);
    return key && `${NAMESPACE}${key}`;
  }

  private incoming(message: FayeMessage, request: AuthedRequest | null): FayeMessage {
    if (request === null) return message;
    if (typeof message !== 'object' || message === null || typeof message.channel !== 'string') {
      return { channel: '/meta/invalid', error: '400::Message without a channel' };
    }
    if (exceedsDepth(message, MAX_MESSAGE_DEPTH)) {
      // Drop the deep fields so faye never copies or serialises them (a deep `id` or `data`
      // would overflow the stack later, outside any try/catch), and refuse the message.
      const shallow = Object.fromEntries(
        Object.entries(message).filter(([, value]) => !exceedsDepth(value, MAX_MESSAGE_DEPTH - 1)),
      ) as FayeMessage;
      return { ...shallow, channel: message.channel, error: BayeuxError.TooDeep };
    }
    switch (message.channel) {
      case META_HANDSHAKE: {
        request.simAckOffered = message.ext?.ack === true;
        const auth = request.simAuth;
        const sessionDied = auth?.session !== undefined && !this.options.isSessionAlive(auth.session.id);
        if (!auth || sessionDied) message.error = BayeuxError.HandshakeDenied;
        return message;
      }
      case META_CONNECT: {
        const record = message.clientId === undefined ? undefined : this.clients.get(message.clientId);
        if (record?.ack && typeof message.ext?.ack === 'number') record.ack.lastAck = message.ext.ack;
        if (record && message.clientId !== undefined) {
          // faye registers the long-poll synchronously after this extension: from now on it is held.
          record.connectHeld = true;
          request.simConnectClient = message.clientId;
        }
        return message;
      }
      case META_SUBSCRIBE:
      case META_UNSUBSCRIBE: {
        const namespace = this.namespaceOf(message.clientId);
        if (!namespace) {
          message.error = BayeuxError.UnknownClient;
          return message;
        }
        if (message.subscription === undefined) return message;
        const requested = Array.isArray(message.subscription) ? message.subscription : [message.subscription];
        if (!requested.every(isAgentChannel)) {
          message.error = BayeuxError.SubscriptionDenied;
          return message;
        }
        const scoped = requested.map((channel) => `${namespace}${channel}`);
        message.subscription = Array.isArray(message.subscription) ? scoped : scoped[0];
        return message;
      }
      default:
        if (message.channel.startsWith('/meta/')) return message;
        // GWS clients only listen; nothing may be published into another agent's topics.
        message.error = BayeuxError.PublishDenied;
        return message;
    }
  }

  private outgoing(message: FayeMessage, request: AuthedRequest | null): FayeMessage {
    if (message.channel === META_HANDSHAKE) {
      if (message.successful && message.clientId && request?.simAuth) {
        const ack = this.options.ackExtension === true && request.simAckOffered === true;
        this.clients.set(message.clientId, {
          agent: request.simAuth.agent,
          sessionId: request.simAuth.session?.id,
          ...(ack ? { ack: { batch: 0, lastAck: undefined } } : {}),
        });
        if (ack) message.ext = { ...message.ext, ack: true };
      } else if (message.error === BayeuxError.HandshakeDenied) {
        // CometD's SecurityPolicy denial: do not retry with the same credentials.
        message.advice = { ...message.advice, reconnect: 'none' };
      }
      if (message.successful) message.supportedConnectionTypes = this.options.connectionTypes;
      return message;
    }
    if (message.error && /^401:[^:]*:Unknown client$/.test(message.error)) {
      // faye spells it 401:<id>:...; CometD servers (and so GWS) say 402::Unknown client.
      message.error = BayeuxError.UnknownClient;
    }
    if (message.channel === META_CONNECT) {
      const record = this.clients.get(message.clientId ?? request?.simConnectClient ?? '');
      if (record) delete record.connectHeld;
      const ack = record?.ack;
      if (ack && message.successful) message.ext = { ...message.ext, ack: ++ack.batch };
      const advice = this.options.faults.takeAdvice();
      if (advice) {
        message.advice = { ...message.advice, ...advice };
      } else if (this.options.connectAdvice === 'first' && message.successful && message.clientId) {
        // CometD servers advise once and then only when the advice changes.
        if (this.advised.has(message.clientId)) delete message.advice;
        else this.advised.add(message.clientId);
      }
      return message;
    }
    if (message.channel === META_SUBSCRIBE || message.channel === META_UNSUBSCRIBE) {
      const namespace = this.namespaceOf(message.clientId);
      const strip = (s: string): string =>
        namespace !== undefined && s.startsWith(`${namespace}/`) ? s.slice(namespace.length) : s;
      if (Array.isArray(message.subscription)) message.subscription = message.subscription.map(strip);
      else if (typeof message.subscription === 'string') message.subscription = strip(message.subscription);
      return message;
    }
    if (message.channel.startsWith(NAMESPACE)) {
      message.channel = message.channel.replace(/^\/sim-agent\/[^/]+/, '');
    }
    return message;
  }
}
