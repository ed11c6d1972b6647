/**
 * A lightweight GWS agent for the scale bench: raw HTTP, its own keep-alive
 * sockets (one long-poll, one REST), a Bayeux long-polling loop with no
 * client library, so a thousand of them fit in one process.
 */

import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

type BayeuxMessage = {
  channel: string;
  successful?: boolean;
  clientId?: string;
  error?: string;
  advice?: { reconnect?: string; interval?: number };
  data?: { call?: { id?: string; recordingState?: string; state?: string } };
};

/** Waits for a call event with this id and recording state. */
interface Waiter {
  id: string;
  state: string;
  resolve: (at: number) => void;
}

export class LiteAgent {
  readonly #http = new Agent({ keepAlive: true, maxSockets: 4 });
  #cookie = '';
  #csrf = '';
  #clientId = '';
  #polling = false;
  #messageId = 0;
  readonly #waiters: Waiter[] = [];
  /** Failures of the long-poll loop (not expected on a healthy run). */
  failures = 0;
  callId: string | undefined;

  constructor(
    readonly base: string,
    readonly user: string,
  ) {}

  /**
   * One request; retried once when a kept-alive socket turned out to be closed
   * by the server as it was reused (Node's documented `reusedSocket` race).
   */
  async #send(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Reply> {
    try {
      return await this.#sendOnce(method, path, body, extra);
    } catch (error) {
      if ((error as { reused?: boolean }).reused !== true) throw error;
      return this.#sendOnce(method, path, body, extra);
    }
  }

  #sendOnce(method: string, path: string, body: unknown, extra: Record<string, string>): Promise<Reply> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(new URL(path, this.base), {
        method,
        agent: this.#http,
        headers: {
          ...(this.#cookie ? { cookie: this.#cookie } : {}),
          ...(text
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
            : {}),
          ...extra,
        },
      });
      req.on('response', (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (req.reusedSocket && error.code === 'ECONNRESET') Object.assign(error, { reused: true });
        reject(error);
      });
      req.end(text);
    });
  }

  async #bayeux(message: Record<string, unknown>): Promise<BayeuxMessage[]> {
    const res = await this.#send('POST', '/api/v2/notifications', [
      { ...message, id: String(++this.#messageId) },
    ]);
    return JSON.parse(res.body) as BayeuxMessage[];
  }

  /** Basic sign-in, then the Bayeux handshake and subscription. */
  async signIn(): Promise<void> {
    const basic = `Basic ${Buffer.from(`${this.user}:${this.user}`).toString('base64')}`;
    const me = await this.#send('GET', '/api/v2/me', undefined, { authorization: basic });
    const setCookie = me.headers['set-cookie']?.[0];
    if (me.status !== 200 || !setCookie) throw new Error(`${this.user}: sign-in failed (${me.status})`);
    this.#cookie = setCookie.split(';')[0] ?? '';
    this.#csrf = String(me.headers['x-csrf-token'] ?? '');
    await this.#handshake();
  }

  /** Bayeux handshake and the `/v2/me/calls` subscription on the signed-in session. */
  async #handshake(): Promise<void> {
    const [hs] = await this.#bayeux({
      channel: '/meta/handshake',
      version: '1.0',
      supportedConnectionTypes: ['long-polling'],
    });
    if (!hs?.successful || !hs.clientId)
      throw new Error(`${this.user}: handshake failed ${JSON.stringify(hs)}`);
    this.#clientId = hs.clientId;
    const replies = await this.#bayeux({
      channel: '/meta/subscribe',
      clientId: this.#clientId,
      subscription: '/v2/me/calls',
    });
    if (!replies.some((m) => m.channel === '/meta/subscribe' && m.successful))
      throw new Error(`${this.user}: subscribe failed ${JSON.stringify(replies)}`);
  }

  /** Starts the long-poll loop: one `/meta/connect` held by the server at all times. */
  startPolling(): void {
    this.#polling = true;
    void this.#poll();
  }

  async #poll(): Promise<void> {
    while (this.#polling) {
      let replies: BayeuxMessage[];
      try {
        replies = await this.#bayeux({
          channel: '/meta/connect',
          clientId: this.#clientId,
          connectionType: 'long-polling',
        });
      } catch {
        if (this.#polling) this.failures++;
        return;
      }
      const at = performance.now();
      for (const message of replies) {
        const call = message.data?.call;
        if (!call) continue;
        if (call.state === 'Established' && this.callId === undefined) this.callId = call.id;
        const index = this.#waiters.findIndex((w) => w.id === call.id && w.state === call.recordingState);
        if (index >= 0) this.#waiters.splice(index, 1)[0]?.resolve(at);
      }
      const connect = replies.find((m) => m.channel === '/meta/connect');
      if (!connect?.successful) {
        // Counted, then handshake again (as any Bayeux client does on 402) and go on polling.
        this.failures++;
        try {
          await this.#handshake();
        } catch {
          return;
        }
      }
    }
  }

  /** Resolves with the time the event for `id` in `state` arrived. */
  expect(id: string, state: string): Promise<number> {
    return new Promise((resolve) => this.#waiters.push({ id, state, resolve }));
  }

  /** POSTs a recording operation on the agent's call and resolves with ms until its event arrived. */
  async cycle(operationName: 'PauseCallRecording' | 'ResumeCallRecording'): Promise<number> {
    const id = this.callId;
    if (!id) throw new Error(`${this.user} has no call`);
    const event = this.expect(id, operationName === 'PauseCallRecording' ? 'Paused' : 'Recording');
    const start = performance.now();
    const res = await this.#send(
      'POST',
      `/api/v2/me/calls/${id}`,
      { operationName },
      { 'x-csrf-token': this.#csrf },
    );
    if (res.status !== 200)
      throw new Error(`${this.user}: ${operationName} answered ${res.status} ${res.body}`);
    return (await event) - start;
  }

  stop(): void {
    this.#polling = false;
    this.#http.destroy();
  }
}
