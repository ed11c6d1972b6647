/**
 * The storm guard of the Bayeux client, as a pure decision over one
 * `/meta/connect` reply. Servers advise `interval: 0` (CometD's default), so a
 * server that answers every connect at once — with an error, with
 * `reconnect: "handshake"`, or successfully but without holding it — drives
 * faye into hundreds of requests per second (and, with `handshake`, one new
 * server-side client and one REST re-read per loop). A reply that carried
 * events, or was held, is the stream working: it is never delayed.
 */

import { backoffDelay } from '../ports/backoff.ts';
import type { Message } from 'faye';

/** What the pacer needs to know about one `/meta/connect` reply. */
export interface ConnectReply {
  /** Time between sending the connect and its reply, ms. */
  heldMs: number;
  /** Whether a data message arrived since the connect was sent (either order in the batch). */
  hadData: boolean;
  successful: boolean;
  /** `advice.reconnect` of the reply (after faye's sticky advice, if any). */
  reconnect: string | undefined;
  /**
   * The reply was expected to come at once: the first connect after a
   * handshake (CometD answers it immediately), or a connect we sent with
   * `advice.timeout: 0` after a transport failure.
   */
  immediateExpected: boolean;
}

/** Tunables of {@link ConnectPacer} (a subset of the Bayeux timings). */
export interface PacerTimings {
  /** Interval imposed after an instant, empty, successful reply. */
  throttleIntervalMs: number;
  /** A reply held less than this counts as instant. */
  minHoldMs: number;
  /** Ceiling of the growing interval after failed or re-handshake replies. */
  maxBackoffMs: number;
}

/**
 * Decides, reply by reply, the least reconnect interval to impose. Successful
 * instant replies get a fixed `throttleIntervalMs`; unsuccessful ones and
 * `reconnect: "handshake"` loops get `throttleIntervalMs × 2ⁿ` up to
 * `maxBackoffMs`, reset by the first held or event-carrying reply.
 */
export class ConnectPacer {
  readonly #timings: PacerTimings;
  #streak = 0;
  /** True while faye runs on our clamped interval rather than the server's. */
  #clamped = false;

  constructor(timings: PacerTimings) {
    this.#timings = timings;
  }

  /** Consecutive suspicious replies so far (0 after a healthy one). */
  get streak(): number {
    return this.#streak;
  }

  /** The interval to impose (ms), or `undefined` to follow the server's advice. */
  decide(reply: ConnectReply): number | undefined {
    const looping = !reply.successful || reply.reconnect === 'handshake';
    if (!looping && (reply.hadData || reply.heldMs >= this.#timings.minHoldMs)) {
      this.#streak = 0;
      return undefined;
    }
    if (!looping && reply.immediateExpected) return undefined;
    this.#streak += 1;
    if (!looping) return this.#timings.throttleIntervalMs;
    const ceiling = Math.max(this.#timings.maxBackoffMs, this.#timings.throttleIntervalMs);
    return backoffDelay(this.#streak, this.#timings.throttleIntervalMs, ceiling);
  }

  /**
   * Applies {@link decide} to a connect reply's advice before faye reads it.
   * faye keeps advice across replies (CometD servers send it only on the first
   * or a changed reply), so a clamp is added even to a reply without advice,
   * and undone (back to `serverIntervalMs`) once replies are held or carry events again.
   */
  apply(message: Message, reply: ConnectReply, serverIntervalMs: number | undefined): void {
    const floor = this.decide(reply);
    if (floor !== undefined) {
      const interval = Math.max(message.advice?.interval ?? serverIntervalMs ?? 0, floor);
      message.advice = { ...message.advice, interval };
      this.#clamped = true;
    } else if (this.#clamped) {
      this.#clamped = false;
      if (typeof message.advice?.interval !== 'number') {
        message.advice = { ...message.advice, interval: serverIntervalMs ?? 0 };
      }
    }
  }

  /** Forget the streak and any clamp (a fresh client). */
  reset(): void {
    this.#streak = 0;
    this.#clamped = false;
  }
}
