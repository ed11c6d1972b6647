/**
 * Typings for the parts of faye 1.4.3 (pinned, untyped CommonJS) that the
 * main-process Bayeux client uses. Members prefixed with `_` are faye
 * internals: main/core/bayeux/faye-adapter.ts, their only user, relies on them to
 * share the GWS cookie jar, screen and bound replies, and tear a wedged client
 * down, which faye's public API cannot do; it checks them when the first
 * client is built, so a faye upgrade fails loudly at start.
 */
declare module 'faye' {
  /** A Bayeux message as faye passes it through extensions. */
  export interface Message {
    channel: string;
    id?: string;
    clientId?: string;
    successful?: boolean;
    error?: string;
    subscription?: string | string[];
    advice?: { reconnect?: 'retry' | 'handshake' | 'none'; interval?: number; timeout?: number };
    data?: unknown;
    ext?: Record<string, unknown>;
    [key: string]: unknown;
  }

  /** faye extension: each hook must call `callback` (with the message or null to drop it). */
  export interface Extension {
    incoming?(message: Message, callback: (message: Message | null) => void): void;
    outgoing?(message: Message, callback: (message: Message | null) => void): void;
  }

  /** The cookie store faye's transports read (`getCookiesSync`) and write (`setCookieSync`). */
  export interface CookieStoreLike {
    getCookiesSync(url: string): { cookieString(): string }[];
    setCookieSync(cookie: unknown, url: string): unknown;
  }

  /** Internal envelope of an in-flight message (faye Dispatcher). */
  export interface Envelope {
    timer?: unknown;
    request?: Promise<{ abort?: () => void } | undefined> | null;
  }

  /** faye's Transport: only the timeout mixin and close() are used. */
  export interface TransportInternal {
    removeAllTimeouts?(): void;
    close(): void;
  }

  /** faye's Dispatcher internals. */
  export interface DispatcherInternal {
    cookies: CookieStoreLike;
    headers: Record<string, string>;
    _envelopes: Map<string, Envelope>;
    _transport?: TransportInternal;
    transports: { websocket?: Map<string, TransportInternal> };
    /** Receives every parsed reply of every transport; replaceable to filter non-Bayeux bodies. */
    handleResponse(reply: Message): void;
    close(): void;
  }

  /** Options of `new Client(url, options)`; `timeout`/`retry`/`interval` are seconds. */
  export interface ClientOptions {
    timeout?: number;
    retry?: number;
    interval?: number;
    proxy?: { origin: string };
    tls?: { ca?: string[]; rejectUnauthorized?: boolean };
  }

  /** A pending subscription (a thenable-ish Deferrable). */
  export interface Subscription {
    cancel(): void;
  }

  /** The Bayeux client. */
  export class Client {
    constructor(endpoint: string, options?: ClientOptions);
    addExtension(extension: Extension): void;
    disable(feature: 'websocket' | 'autodisconnect' | string): void;
    setHeader(name: string, value: string): void;
    subscribe(channel: string, callback: (data: unknown) => void): Subscription;
    disconnect(): { then?: unknown } | undefined;
    on(event: 'transport:up' | 'transport:down', listener: () => void): void;
    /** faye client state: 1 UNCONNECTED, 2 CONNECTING, 3 CONNECTED, 4 DISCONNECTED. */
    _state: number;
    _dispatcher: DispatcherInternal;
    _responseCallbacks: Map<string, unknown>;
  }

  const faye: { Client: typeof Client };
  export default faye;
}
