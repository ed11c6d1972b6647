/**
 * {@link GwsApi} over browser mode's loopback WebSocket (main/web). Used when
 * the page runs in an ordinary browser, where no preload exposes
 * `window.gwsApi`. The token from the page's URL is presented on the upgrade;
 * the server checks it and the Origin before accepting a frame.
 *
 * The API object is built from the contract's method names (the server puts
 * them in the page, see {@link readApiMethods}) by the same builder as the
 * preload's, so a new call of the contract needs nothing here.
 *
 * When the socket drops, pending calls fail, the bridge reports `down` (the
 * window then shows the state as unknown, never the last one), and it
 * reconnects with a capped back-off; on reconnect it re-reads the state so the
 * page never keeps showing a stale one as live.
 */

import { buildApi } from '../../../contract/api-builder.ts';
import { API_METHODS_META, invokeChannel, pushPayload, WS_PATH } from '../../../contract/ipc-channels.ts';
import type { GwsApi } from '../../../contract/ipc-contract.ts';
import type { WsInvoke, WsServerMessage } from '../../../contract/ws-protocol.ts';

/** `WebSocket.OPEN`. */
const OPEN = 1;

/** Why every pending call fails when the socket goes. */
const LOST = 'lost contact with the app';

/** The part of a browser `WebSocket` the client uses (a fake one in tests). */
export type SocketLike = Pick<
  WebSocket,
  'readyState' | 'send' | 'close' | 'onopen' | 'onmessage' | 'onclose'
>;

/** The browser-side API plus the bridge's own health. */
export interface WebSocketApi {
  api: GwsApi;
  /** Called with `true` when the socket is open, `false` when it is down. Returns an unsubscribe. */
  onBridge(listener: (up: boolean) => void): () => void;
  /** Closes for good (tests, page unload). */
  close(): void;
}

/** Options; `socketUrl` defaults to `ws://<page host>/ws`. */
export interface WebSocketApiOptions {
  token: string;
  /** The contract's method names ({@link readApiMethods}). */
  methods: readonly string[];
  socketUrl?: string;
  /** Back-off cap in ms between reconnect attempts. */
  maxRetryMs?: number;
  /** Opens a socket; default the browser's `WebSocket`. */
  openSocket?: (url: string) => SocketLike;
  /** Runs `task` after `ms`; default `setTimeout`. */
  schedule?: (task: () => void, ms: number) => void;
}

/** The calls sent and not answered yet, by frame id. */
interface PendingCalls {
  add(id: number, resolve: (value: unknown) => void, reject: (error: Error) => void): void;
  /** Settles the call a reply or error frame answers. */
  settle(message: Extract<WsServerMessage, { type: 'reply' | 'error' }>): void;
  failAll(reason: string): void;
}

function createPendingCalls(): PendingCalls {
  const calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return {
    add: (id, resolve, reject) => void calls.set(id, { resolve, reject }),
    settle(message) {
      if (message.id === null) return;
      const call = calls.get(message.id);
      calls.delete(message.id);
      if (message.type === 'reply') call?.resolve(message.value);
      else call?.reject(new Error(`${message.code}: ${message.message}`));
    },
    failAll(reason) {
      for (const call of calls.values()) call.reject(new Error(reason));
      calls.clear();
    },
  };
}

/** Listeners by name (push events, and the bridge's up/down). */
interface Listeners<T> {
  add(name: string, listener: (value: T) => void): () => void;
  emit(name: string, value: T): void;
}

function createListeners<T>(): Listeners<T> {
  const byName = new Map<string, Set<(value: T) => void>>();
  return {
    add(name, listener) {
      const set = byName.get(name) ?? new Set();
      byName.set(name, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
    emit(name, value) {
      for (const listener of [...(byName.get(name) ?? [])]) listener(value);
    },
  };
}

/** The socket with its reconnects: one open socket at a time, or none while down. */
interface Link {
  /** The open socket (connecting first if needed); rejects when it closes before opening. */
  open(): Promise<SocketLike>;
  isOpen(): boolean;
  close(): void;
}

interface LinkEvents {
  frame(text: string): void;
  up(reopened: boolean): void;
  down(): void;
}

function createLink(options: WebSocketApiOptions, events: LinkEvents): Link {
  const base = options.socketUrl ?? `ws://${location.host}${WS_PATH}`;
  const url = `${base}?token=${encodeURIComponent(options.token)}`;
  const openSocket = options.openSocket ?? ((u: string): SocketLike => new WebSocket(u));
  const schedule = options.schedule ?? ((task: () => void, ms: number) => void setTimeout(task, ms));
  let socket: SocketLike | undefined;
  let opening: Promise<SocketLike> | undefined;
  let retryMs = 250;
  let closed = false;
  let everOpened = false;

  function connect(): Promise<SocketLike> {
    opening ??= new Promise<SocketLike>((resolve, reject) => {
      const ws = openSocket(url);
      socket = ws;
      ws.onopen = () => {
        retryMs = 250;
        const reopened = everOpened;
        everOpened = true;
        resolve(ws);
        events.up(reopened);
      };
      ws.onmessage = (event) => events.frame(String(event.data));
      ws.onclose = () => {
        opening = undefined;
        socket = undefined;
        reject(new Error(LOST));
        events.down();
        if (closed) return;
        schedule(() => void connect().catch(() => undefined), retryMs);
        retryMs = Math.min(retryMs * 2, options.maxRetryMs ?? 4000);
      };
    });
    return opening;
  }

  void connect().catch(() => undefined);
  return {
    open: connect,
    isOpen: () => socket?.readyState === OPEN,
    close() {
      closed = true;
      socket?.close();
    },
  };
}

/** Creates the WebSocket-backed API and opens the socket at once. */
export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const pending = createPendingCalls();
  const pushes = createListeners<unknown>();
  const bridge = createListeners<boolean>();
  let nextId = 1;

  async function invoke(method: string, ...request: [] | [unknown]): Promise<unknown> {
    const ws = await link.open();
    const id = nextId++;
    const channel = invokeChannel(method) as WsInvoke['channel'];
    const frame: WsInvoke = request.length === 0 ? { id, channel } : { id, channel, payload: request[0] };
    return new Promise((resolve, reject) => {
      pending.add(id, resolve, reject);
      ws.send(JSON.stringify(frame));
    });
  }

  const api = buildApi(options.methods, { invoke, listen: (event, listener) => pushes.add(event, listener) });

  const link = createLink(options, {
    frame: (text) => receive(text, pending, pushes),
    up(reopened) {
      bridge.emit('bridge', true);
      // A view pushed before the drop may be stale: read the current one.
      if (reopened)
        api.getState().then(
          (view) => pushes.emit('state', view),
          () => undefined,
        );
    },
    down() {
      pending.failAll(LOST);
      bridge.emit('bridge', false);
    },
  });

  return {
    api,
    onBridge(listener) {
      // Only "up" is reported at once: while the first connection is being made the
      // window shows "connecting", not "lost contact".
      if (link.isOpen()) listener(true);
      return bridge.add('bridge', listener);
    },
    close: () => link.close(),
  };
}

/** One frame from the server: an answer to a pending call, or a push event. */
function receive(text: string, pending: PendingCalls, pushes: Listeners<unknown>): void {
  let message: WsServerMessage;
  try {
    message = JSON.parse(text) as WsServerMessage;
  } catch {
    return;
  }
  if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
  if (message.type === 'reply' || message.type === 'error') pending.settle(message);
  else pushes.emit(message.type, pushPayload(message));
}

/**
 * The contract's method names the server put in the page (`<meta
 * name="gws-api-methods">`), or undefined when the page did not come from it.
 */
export function readApiMethods(doc: Document = document): string[] | undefined {
  const content = doc.querySelector(`meta[name="${API_METHODS_META}"]`)?.getAttribute('content');
  const methods = content?.split(/\s+/).filter(Boolean);
  return methods && methods.length > 0 ? methods : undefined;
}

/**
 * Reads the per-run token: from the URL's `#token=` (then kept in
 * sessionStorage and removed from the address bar, so it is not shared by a
 * copied link or a screenshot), else from sessionStorage after a reload.
 */
export function takeToken(): string | undefined {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    try {
      sessionStorage.setItem('gws-token', token);
    } catch {
      // storage disabled: a reload will need the printed address again
    }
    history.replaceState(null, '', location.pathname + location.search);
    return token;
  }
  try {
    return sessionStorage.getItem('gws-token') ?? undefined;
  } catch {
    return undefined;
  }
}
