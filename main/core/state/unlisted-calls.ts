/**
 * Events about calls the agent's own `GET /me/calls` has not listed. Contract:
 * such an event is held here, never shown and never a command's target; it
 * only asks for a REST read, and the read decides — a call the read lists is
 * taken in (as the held event when that event is newer than the read), a call
 * it does not list is dropped. Why: the notification stream is not proof of
 * ownership. An event for another agent's call (a misrouted or forged one)
 * once turned the headline to "paused" while the agent's own call recorded,
 * and a hotkey press in that window would have acted on the foreign call.
 */

import type { CallSnapshot } from './call-model.ts';

/** One held event: the call as the event described it, and the event's sequence mark. */
export interface HeldCall {
  call: CallSnapshot;
  seq: number;
}

/** The held events, keyed by call id (the latest event per call wins). */
export class UnlistedCalls {
  readonly #held = new Map<string, HeldCall>();

  /** Holds `call` (event number `seq`); a `Released` one is simply forgotten. */
  hold(call: CallSnapshot, seq: number, released: boolean): void {
    if (released) this.#held.delete(call.id);
    else this.#held.set(call.id, { call, seq });
  }

  /**
   * What a read begun at event mark `since` that LISTS `callId` should apply:
   * the held event when it is newer than the read (and it is taken out), else
   * nothing (the read's own copy stands).
   */
  takeNewer(callId: string, since: number): CallSnapshot | undefined {
    const held = this.#held.get(callId);
    if (!held || held.seq <= since) return undefined;
    this.#held.delete(callId);
    return held.call;
  }

  /** After a read begun at `since`: drops every event the read has decided on (not newer than it). */
  settle(since: number): void {
    for (const [id, held] of this.#held) if (held.seq <= since) this.#held.delete(id);
  }

  /** Held events. */
  get size(): number {
    return this.#held.size;
  }

  /** Forgets everything (on shutdown). */
  clear(): void {
    this.#held.clear();
  }
}
