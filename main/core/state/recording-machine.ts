/**
 * Per-call recording state machine. The agent must never be shown a
 * recording state the server has not confirmed, so:
 * - a command moves the machine into a pending state (`starting`, `pausing`,
 *   `resuming`, `stopping`) — an HTTP `statusCode:0` only means "accepted";
 * - the pending state settles only when the server reports the target state
 *   (a Bayeux event, or a REST re-read of the call, which is the same server truth);
 * - an error `statusCode` or HTTP failure rolls back to the last confirmed state;
 * - no confirmation within `timeoutMs` → `unknown`, with an error, until the
 *   server next reports the call.
 */

import type { Clock, TimerHandle } from '../ports/clock.ts';
import type { RecordingState } from './call-model.ts';

/** Recording operations, named after the client action. */
export type RecordingOp = 'start' | 'pause' | 'resume' | 'stop';

/** Confirmed states (lower-case mirror of `recordingState`). */
export type ConfirmedRecording = 'recording' | 'paused' | 'stopped';
/** Pending states: a command was accepted locally, the server has not confirmed yet. */
export type PendingRecording = 'starting' | 'pausing' | 'resuming' | 'stopping';
/** Everything the machine can be in. */
export type RecordingMachineState = ConfirmedRecording | PendingRecording | 'unknown';

/** Static description of each operation: where it may start, what it waits for. */
export const RECORDING_OPS: Readonly<
  Record<
    RecordingOp,
    {
      operationName: string;
      from: readonly RecordingState[];
      pending: PendingRecording;
      target: RecordingState;
    }
  >
> = {
  start: { operationName: 'StartCallRecording', from: ['Stopped'], pending: 'starting', target: 'Recording' },
  pause: { operationName: 'PauseCallRecording', from: ['Recording'], pending: 'pausing', target: 'Paused' },
  resume: {
    operationName: 'ResumeCallRecording',
    from: ['Paused'],
    pending: 'resuming',
    target: 'Recording',
  },
  stop: {
    operationName: 'StopCallRecording',
    from: ['Recording', 'Paused'],
    pending: 'stopping',
    target: 'Stopped',
  },
};

/** Default time to wait for the server's event before declaring the state unknown. */
export const DEFAULT_RECORDING_TIMEOUT_MS = 5_000;

const CONFIRMED: Readonly<Record<RecordingState, ConfirmedRecording>> = {
  Recording: 'recording',
  Paused: 'paused',
  Stopped: 'stopped',
};

/** Result of {@link RecordingMachine.begin}: a token to report the HTTP outcome with, or why not. */
export type BeginResult = { ok: true; token: number } | { ok: false; reason: string };

/** Construction options of a {@link RecordingMachine}. */
export interface RecordingMachineOptions {
  /** Time source of the pending-operation timeout. */
  clock: Clock;
  /** How long a pending state may last; default {@link DEFAULT_RECORDING_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Called after every change of `state` or `error`. */
  onChange?: () => void;
  /** Called once per failure: rollback (`rolledBack`) or timeout (`unknown`). */
  onError?: (message: string, kind: 'rolled-back' | 'timed-out') => void;
}

/**
 * One call's recording state. Not thread-of-control aware: callers report the
 * HTTP outcome with the token from `begin`, so a late HTTP failure for an
 * operation that already settled or timed out changes nothing.
 */
export class RecordingMachine {
  #confirmed: RecordingState | undefined;
  #pending: { op: RecordingOp; token: number; timer: TimerHandle } | undefined;
  #error: string | undefined;
  #nextToken = 1;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #onChange: () => void;
  readonly #onError: (message: string, kind: 'rolled-back' | 'timed-out') => void;

  /** `initial` undefined starts the machine in `unknown` (nothing confirmed yet). */
  constructor(initial: RecordingState | undefined, options: RecordingMachineOptions) {
    this.#confirmed = initial;
    this.#clock = options.clock;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_RECORDING_TIMEOUT_MS;
    this.#onChange = options.onChange ?? (() => undefined);
    this.#onError = options.onError ?? (() => undefined);
  }

  /** Current state: pending if an operation is in flight, else the confirmed one, else `unknown`. */
  get state(): RecordingMachineState {
    if (this.#pending) return RECORDING_OPS[this.#pending.op].pending;
    return this.#confirmed === undefined ? 'unknown' : CONFIRMED[this.#confirmed];
  }

  /** The last server-confirmed state, `undefined` while unknown. */
  get confirmed(): RecordingState | undefined {
    return this.#confirmed;
  }

  /** The last failure (rollback or timeout); cleared by the next successful settle. */
  get error(): string | undefined {
    return this.#error;
  }

  /** The state the pending operation waits for, `undefined` when none is pending. */
  get awaitedState(): RecordingState | undefined {
    return this.#pending ? RECORDING_OPS[this.#pending.op].target : undefined;
  }

  /** True while an operation awaits the server. */
  get isPending(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * Enters the pending state for `op` if the confirmed state allows it.
   * Refuses (with a reason, no state change) while another op is pending or the
   * state is unknown — sending blind could pause an unpaused call or vice versa.
   */
  begin(op: RecordingOp): BeginResult {
    const spec = RECORDING_OPS[op];
    if (this.#pending) {
      return {
        ok: false,
        reason: `${RECORDING_OPS[this.#pending.op].pending}: wait for the server to confirm`,
      };
    }
    if (this.#confirmed === undefined) return { ok: false, reason: 'recording state is unknown' };
    if (!spec.from.includes(this.#confirmed)) {
      return { ok: false, reason: `cannot ${op} recording: it is ${CONFIRMED[this.#confirmed]}` };
    }
    const token = this.#nextToken++;
    const timer = this.#clock.setTimeout(() => this.#timeout(token), this.#timeoutMs);
    this.#pending = { op, token, timer };
    this.#error = undefined;
    this.#onChange();
    return { ok: true, token };
  }

  /** The HTTP request for `token` failed (error statusCode, HTTP error): roll back. */
  fail(token: number, message: string): void {
    if (this.#pending?.token !== token) return;
    this.#clearPending();
    this.#error = message;
    this.#onChange();
    this.#onError(message, 'rolled-back');
  }

  /**
   * The server reported the call with `recordingState` (event or REST re-read).
   * Settles a pending op when the target is reached, or when the state moved
   * somewhere the op no longer applies to (someone else changed it); keeps it
   * pending when the state is still the op's starting point.
   */
  observe(recordingState: RecordingState): void {
    const before = this.state;
    const hadError = this.#error;
    this.#confirmed = recordingState;
    if (this.#pending) {
      const spec = RECORDING_OPS[this.#pending.op];
      if (recordingState === spec.target || !spec.from.includes(recordingState)) {
        this.#clearPending();
        this.#error = undefined;
      }
    } else if (this.state !== before) {
      this.#error = undefined;
    }
    if (this.state !== before || this.#error !== hadError) this.#onChange();
  }

  /**
   * The server's report of the call could not be read: forget the confirmed
   * state (and any pending op) so nothing is shown or sent on a guess.
   */
  markUnknown(message: string): void {
    const before = this.state;
    const hadError = this.#error;
    this.#clearPending();
    this.#confirmed = undefined;
    this.#error = message;
    if (this.state !== before || this.#error !== hadError) this.#onChange();
  }

  /** Stops the timer; call when the call is dropped. */
  dispose(): void {
    if (this.#pending) this.#clock.clearTimeout(this.#pending.timer);
    this.#pending = undefined;
  }

  #timeout(token: number): void {
    if (this.#pending?.token !== token) return;
    const op = this.#pending.op;
    this.#pending = undefined;
    this.#confirmed = undefined;
    this.#error = `no confirmation from the server ${this.#timeoutMs} ms after ${op}: recording state unknown`;
    this.#onChange();
    this.#onError(this.#error, 'timed-out');
  }

  #clearPending(): void {
    if (!this.#pending) return;
    this.#clock.clearTimeout(this.#pending.timer);
    this.#pending = undefined;
  }
}
