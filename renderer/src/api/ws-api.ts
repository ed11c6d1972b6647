/**
 * {@link GwsApi} over browser mode's loopback WebSocket (main/web). Used when
 * the page runs in an ordinary browser, where no preload exposes
 * `window.gwsApi`. The token from the page's URL is presented on the upgrade;
 * the server checks it and the Origin before accepting a frame.
 *
 * When the socket drops, pending calls fail, the bridge reports `down`, and it
 * reconnects with a capped back-off; on reconnect it re-reads the state so the
 * page never keeps showing a stale one as live.
 */

import type {
  AppView,
  CommandRequest,
  CommandResultView,
  GwsApi,
  Notice,
  SettingsPatch,
  SettingsUpdateResult,
  SettingsView,
  SignInRequest,
  SignInResult,
} from '../../../contract/ipc-contract.ts';
import type { WsInvoke, WsServerMessage } from '../../../contract/ws-protocol.ts';

/** Channels the page may invoke (the push channels arrive as `state`/`notice` frames). */
type Channel = WsInvoke['channel'];

/** Path of the endpoint; must equal `WS_PATH` in contract/ws-protocol.ts (values cannot be imported here). */
const WS_PATH = '/ws';

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
  socketUrl?: string;
  /** Back-off cap in ms between reconnect attempts. */
  maxRetryMs?: number;
}

/** Creates the WebSocket-backed API and opens the socket at once. */
export function createWebSocketApi(options: WebSocketApiOptions): WebSocketApi {
  const base = options.socketUrl ?? `ws://${location.host}${WS_PATH}`;
  const url = `${base}?token=${encodeURIComponent(options.token)}`;
  const stateListeners = new Set<(view: AppView) => void>();
  const noticeListeners = new Set<(notice: Notice) => void>();
  const bridgeListeners = new Set<(up: boolean) => void>();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let socket: WebSocket | undefined;
  let open: Promise<WebSocket> | undefined;
  let nextId = 1;
  let retryMs = 250;
  let closed = false;
  let everOpened = false;

  function setBridge(up: boolean): void {
    for (const listener of bridgeListeners) listener(up);
  }

  function connect(): Promise<WebSocket> {
    open ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      socket = ws;
      ws.onopen = () => {
        retryMs = 250;
        const reopened = everOpened;
        everOpened = true;
        setBridge(true);
        resolve(ws);
        if (reopened) void refresh();
      };
      ws.onmessage = (event) => receive(String(event.data));
      ws.onclose = () => {
        open = undefined;
        socket = undefined;
        reject(new Error('lost contact with the app'));
        for (const [, call] of pending) call.reject(new Error('lost contact with the app'));
        pending.clear();
        setBridge(false);
        if (!closed) {
          setTimeout(() => void connect().catch(() => undefined), retryMs);
          retryMs = Math.min(retryMs * 2, options.maxRetryMs ?? 4000);
        }
      };
    });
    return open;
  }

  async function refresh(): Promise<void> {
    try {
      const view = (await invoke('gws:get-state')) as AppView;
      for (const listener of stateListeners) listener(view);
    } catch {
      // the next reconnect tries again
    }
  }

  function receive(text: string): void {
    let message: WsServerMessage;
    try {
      message = JSON.parse(text) as WsServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case 'state':
        for (const listener of stateListeners) listener(message.view);
        return;
      case 'notice':
        for (const listener of noticeListeners) listener(message.notice);
        return;
      case 'reply':
        pending.get(message.id)?.resolve(message.value);
        pending.delete(message.id);
        return;
      case 'error':
        if (message.id !== null) {
          pending.get(message.id)?.reject(new Error(`${message.code}: ${message.message}`));
          pending.delete(message.id);
        }
        return;
    }
  }

  async function invoke(channel: Channel, payload?: unknown): Promise<unknown> {
    const ws = await connect();
    const id = nextId++;
    const frame: WsInvoke = payload === undefined ? { id, channel } : { id, channel, payload };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify(frame));
    });
  }

  function subscribe<T>(set: Set<T>, listener: T): () => void {
    set.add(listener);
    return () => set.delete(listener);
  }

  void connect().catch(() => undefined);

  const api: GwsApi = {
    getState: () => invoke('gws:get-state') as Promise<AppView>,
    onState: (listener) => subscribe(stateListeners, listener),
    onNotice: (listener) => subscribe(noticeListeners, listener),
    command: (request: CommandRequest) => invoke('gws:command', request) as Promise<CommandResultView>,
    signIn: (request: SignInRequest) => invoke('gws:sign-in', request) as Promise<SignInResult>,
    startDemo: () => invoke('gws:start-demo') as Promise<SignInResult>,
    signOut: async () => {
      await invoke('gws:sign-out');
    },
    getSettings: () => invoke('gws:get-settings') as Promise<SettingsView>,
    updateSettings: (patch: SettingsPatch) =>
      invoke('gws:update-settings', patch) as Promise<SettingsUpdateResult>,
  };

  return {
    api,
    onBridge: (listener) => {
      // Only "up" is reported at once: while the first connection is being made the
      // window shows "connecting", not "lost contact".
      if (socket?.readyState === WebSocket.OPEN) listener(true);
      return subscribe(bridgeListeners, listener);
    },
    close: () => {
      closed = true;
      socket?.close();
    },
  };
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
