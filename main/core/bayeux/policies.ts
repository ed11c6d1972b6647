/**
 * Two small policies of the Bayeux connection, kept apart from its lifecycle:
 * which transport to offer (`auto`), and CometD's acknowledgement extension.
 */

import type { Message } from 'faye';
import type { Clock, TimerHandle } from '../ports/clock.ts';
import type { BayeuxTransport } from './options.ts';

/** Tunables of {@link WebsocketPolicy}. */
export interface WebsocketPolicyTimings {
  websocketFailuresBeforeFallback: number;
  websocketRetryMs: number;
}

/**
 * Transport `auto`, as CometD's own client does it: websocket first (faye
 * itself falls back to long-polling when the upgrade is refused or never
 * completes); after `websocketFailuresBeforeFallback` websocket failures
 * without a healthy poll in between, long-polling for `websocketRetryMs`,
 * then websocket again (`onRetry` asks the owner to rebuild).
 */
export class WebsocketPolicy {
  #failures = 0;
  #bannedUntil = -Infinity;
  #retryTimer: TimerHandle | undefined;

  constructor(
    private readonly transport: BayeuxTransport,
    private readonly clock: Clock,
    private readonly timings: WebsocketPolicyTimings,
    private readonly onRetry: () => void,
  ) {}

  /** Whether the next client should offer the websocket transport. */
  useWebsocket(): boolean {
    if (this.transport === 'websocket') return true;
    return this.transport === 'auto' && this.clock.now() >= this.#bannedUntil;
  }

  /** A poll held for real on the websocket: failures start over. */
  healthy(): void {
    this.#failures = 0;
  }

  /** Counts a websocket failure; true when this one made `auto` fall back (rebuild now). */
  failed(): boolean {
    if (this.transport !== 'auto') return false;
    this.#failures += 1;
    if (this.#failures < this.timings.websocketFailuresBeforeFallback) return false;
    this.#failures = 0;
    this.#bannedUntil = this.clock.now() + this.timings.websocketRetryMs;
    this.dispose();
    this.#retryTimer = this.clock.setTimeout(() => {
      this.#retryTimer = undefined;
      this.onRetry();
    }, this.timings.websocketRetryMs);
    return true;
  }

  /** Cancels the pending retry. */
  dispose(): void {
    if (this.#retryTimer) this.clock.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }
}

/**
 * CometD's acknowledgement extension, client side (the `cometd` package's
 * AckExtension): `ext.ack: true` offered in every handshake; used only when
 * the handshake reply agrees (`ext.ack: true` or `{enabled: true}`); then each
 * /meta/connect carries the last batch number the server sent. Ordered,
 * resent delivery is a bonus: reconciling with REST stays the guarantee.
 */
export class AckExtension {
  #agreed = false;
  #batch = 0;

  constructor(private readonly offered: boolean) {}

  /** True when the server agreed on the last handshake. */
  get agreed(): boolean {
    return this.#agreed;
  }

  /** Adds `ext.ack` to outgoing handshakes and (when agreed) connects. */
  outgoing(message: Message): void {
    if (message.channel === '/meta/handshake') {
      this.#agreed = false;
      this.#batch = 0;
      if (this.offered) message.ext = { ...message.ext, ack: true };
    } else if (message.channel === '/meta/connect' && this.#agreed) {
      message.ext = { ...message.ext, ack: this.#batch };
    }
  }

  /** Reads the agreement from a handshake reply and batch numbers from connect replies. */
  incoming(message: Message): void {
    const ack = message.ext?.ack;
    if (message.channel === '/meta/handshake' && message.successful) {
      const enabled =
        typeof ack === 'object' && ack !== null && (ack as { enabled?: unknown }).enabled === true;
      this.#agreed = this.offered && (ack === true || enabled);
    } else if (message.channel === '/meta/connect' && message.successful && this.#agreed) {
      if (typeof ack === 'number') this.#batch = ack;
    }
  }
}
