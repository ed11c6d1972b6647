import type { Clock } from './clock.ts';
import {
  CallState,
  type CallSnapshot,
  type Device,
  type GwsEvent,
  type UnreadableCall,
} from './call-model.ts';
import type { ConnectionState } from './bayeux-connection.ts';
import { RecordingMachine, type RecordingMachineState } from './recording-machine.ts';

/**
 * The agent's workspace as the server last confirmed it: calls keyed by id
 * (each event replaces the whole snapshot, `Released` drops the call), one
 * recording state machine per call, the agent state from the device, and the
 * single derived status the tray shows.
 */

/** What the tray shows; exactly one at a time. */
export type DerivedStatus =
  'recording' | 'paused' | 'pausing' | 'resuming' | 'not-recording' | 'no-call' | 'unknown' | 'disconnected';

/** One call as consumers see it. */
export interface CallView {
  id: string;
  state: string;
  callType: string | undefined;
  /** Remote party numbers (both participant formats normalised). */
  participants: string[];
  capabilities: readonly string[];
  recording: RecordingMachineState;
  recordingError: string | undefined;
}

/** Immutable state snapshot handed to consumers. */
export interface WorkspaceSnapshot {
  connection: ConnectionState;
  /** True when subscribed *and* state was re-read after the latest (re)connect. */
  live: boolean;
  status: DerivedStatus;
  /** The call `toggleRecording()` would act on. */
  targetCallId: string | undefined;
  /**
   * The call `status` describes: the target, or else the most recently
   * established Held call, so a recording paused before a hold stays in sight.
   */
  statusCallId: string | undefined;
  calls: CallView[];
  /** Voice agent state (`Ready`, `NotReady`, …) from the device, if known. */
  agentState: string | undefined;
  /** `workMode` of the agent state, if any (e.g. `AfterCallWork`). */
  agentWorkMode: string | undefined;
}

interface CallEntry {
  call: CallSnapshot;
  machine: RecordingMachine;
  /** Order in which calls became Established; higher is more recent. */
  establishedSeq: number;
}

/** Construction options of {@link Workspace}. */
export interface WorkspaceOptions {
  /** Time source of the recording timeouts. */
  clock: Clock;
  /** How long a recording op may stay pending; default `DEFAULT_RECORDING_TIMEOUT_MS` (5 s). */
  recordingTimeoutMs?: number;
  /** Any change that may alter the snapshot. */
  onChange(): void;
  /** A recording op failed or timed out (the message says which call and why). */
  onRecordingError(callId: string, message: string): void;
  /** The workspace cannot trust its state (unknown/malformed event, timeout): re-read it over REST. */
  onNeedsRefresh(reason: string): void;
}

/** State holder; pure apart from the recording timers on the injected clock. */
export class Workspace {
  readonly #calls = new Map<string, CallEntry>();
  readonly #devices = new Map<string, Device>();
  readonly #options: WorkspaceOptions;
  #connection: ConnectionState = 'disconnected';
  #synced = false;
  #seq = 0;
  /** Counts applied events; with the per-call marks it orders events against REST reads. */
  #eventSeq = 0;
  readonly #lastEventFor = new Map<string, number>();
  /** REST reads begun and not yet ended; marks of released calls are only needed while one is. */
  #openReads = 0;
  #lastDeviceEvent = 0;

  constructor(options: WorkspaceOptions) {
    this.#options = options;
  }

  /** Records the Bayeux state; leaving `connected` marks the state as needing a re-read. */
  setConnection(state: ConnectionState): void {
    if (state === this.#connection) return;
    this.#connection = state;
    if (state !== 'connected') this.#synced = false;
    this.#options.onChange();
  }

  /** Marks the state as re-read from the server after the latest reconnect. */
  markSynced(): void {
    if (this.#synced || this.#connection !== 'connected') return;
    this.#synced = true;
    this.#options.onChange();
  }

  /** Applies one parsed Bayeux event. */
  applyEvent(event: GwsEvent): void {
    switch (event.kind) {
      case 'call':
        this.#eventSeq += 1;
        // A released call's mark only guards reads in flight against re-adding
        // it; with none in flight it is dropped, so the map stays bounded.
        if (event.call.state === CallState.Released && this.#openReads === 0) {
          this.#lastEventFor.delete(event.call.id);
        } else {
          this.#lastEventFor.set(event.call.id, this.#eventSeq);
        }
        this.#applyCall(event.call);
        break;
      case 'devices':
        this.#eventSeq += 1;
        this.#lastDeviceEvent = this.#eventSeq;
        for (const device of event.devices) this.#devices.set(device.id, device);
        break;
      case 'refresh':
        this.#options.onNeedsRefresh(event.reason);
        return;
    }
    this.#options.onChange();
  }

  /**
   * Marks the start of a REST re-read. Events that arrive while the read is in
   * flight may be newer than what the read returns (never older in a way that
   * matters: every change still produces its own later event), so
   * {@link replaceCalls}/{@link replaceDevices} leave alone whatever such an
   * event touched.
   */
  beginRead(): number {
    this.#openReads += 1;
    return this.#eventSeq;
  }

  /** Ends a read begun with {@link beginRead}, whether it succeeded or not. */
  endRead(): void {
    this.#openReads = Math.max(0, this.#openReads - 1);
  }

  /** Calls whose latest event is remembered to order it against REST reads (diagnostics, tests). */
  get trackedCallEvents(): number {
    return this.#lastEventFor.size;
  }

  /**
   * Replaces every call with a REST read (`GET /api/v2/me/calls?fields=*`)
   * begun at `since`. `unreadable` calls are kept (or added) with their
   * recording state `unknown`: never dropped, never guessed.
   */
  replaceCalls(
    calls: readonly CallSnapshot[],
    since: number = this.#eventSeq,
    unreadable: readonly UnreadableCall[] = [],
  ): void {
    const newerByEvent = (id: string) => (this.#lastEventFor.get(id) ?? 0) > since;
    const seen = new Set<string>();
    for (const call of calls) {
      seen.add(call.id);
      if (!newerByEvent(call.id)) this.#applyCall(call);
    }
    for (const bad of unreadable) {
      seen.add(bad.id);
      if (!newerByEvent(bad.id)) this.#applyUnreadable(bad);
    }
    for (const [id, entry] of this.#calls) {
      if (!seen.has(id) && !newerByEvent(id)) this.#drop(id, entry);
    }
    for (const [id, seq] of this.#lastEventFor) {
      if (seq <= since && !this.#calls.has(id)) this.#lastEventFor.delete(id);
    }
    this.#options.onChange();
  }

  /** Replaces the devices with a REST read (`GET /api/v2/me/devices?fields=*`) begun at `since`. */
  replaceDevices(devices: readonly Device[], since: number = this.#eventSeq): void {
    if (this.#lastDeviceEvent > since) return;
    this.#devices.clear();
    for (const device of devices) this.#devices.set(device.id, device);
    this.#options.onChange();
  }

  /** The call's recording machine, if the call is known. */
  machine(callId: string): RecordingMachine | undefined {
    return this.#calls.get(callId)?.machine;
  }

  /** The call's latest snapshot, if known. */
  call(callId: string): CallSnapshot | undefined {
    return this.#calls.get(callId)?.call;
  }

  /** All calls, most recently established first. */
  calls(): CallSnapshot[] {
    return [...this.#calls.values()].sort((a, b) => b.establishedSeq - a.establishedSeq).map((e) => e.call);
  }

  /**
   * The call a hotkey acts on: the single Established call, or the most
   * recently established of several. Held (or ringing, dialing) calls never are.
   */
  targetCall(): CallSnapshot | undefined {
    let best: CallEntry | undefined;
    for (const entry of this.#calls.values()) {
      if (entry.call.state !== CallState.Established) continue;
      if (!best || entry.establishedSeq > best.establishedSeq) best = entry;
    }
    return best?.call;
  }

  /**
   * The call the tray status describes: the target call, or else the most
   * recently established Held call. An agent who paused recording and then
   * put the customer on hold must still see `paused`, or they may forget to
   * resume; the hotkey still never acts on a held call.
   */
  statusCall(): CallSnapshot | undefined {
    const target = this.targetCall();
    if (target) return target;
    let best: CallEntry | undefined;
    for (const entry of this.#calls.values()) {
      if (entry.call.state !== CallState.Held) continue;
      if (!best || entry.establishedSeq > best.establishedSeq) best = entry;
    }
    return best?.call;
  }

  /** True when events flow and the state was re-read since the last reconnect. */
  get live(): boolean {
    return this.#connection === 'connected' && this.#synced;
  }

  /** The tray status; see {@link deriveStatus}. */
  snapshot(): WorkspaceSnapshot {
    const target = this.targetCall();
    const shown = this.statusCall();
    const shownMachine = shown ? this.#calls.get(shown.id)?.machine : undefined;
    const device = [...this.#devices.values()].find((d) => d.userState !== undefined);
    return {
      connection: this.#connection,
      live: this.live,
      status: deriveStatus(this.live, shownMachine),
      targetCallId: target?.id,
      statusCallId: shown?.id,
      calls: [...this.#calls.values()]
        .sort((a, b) => b.establishedSeq - a.establishedSeq)
        .map(({ call, machine }) => ({
          id: call.id,
          state: call.state,
          callType: call.callType,
          participants: call.participants.map((p) => p.phoneNumber),
          capabilities: call.capabilities,
          recording: machine.state,
          recordingError: machine.error,
        })),
      agentState: device?.userState?.state,
      agentWorkMode: device?.userState?.workMode,
    };
  }

  /** Stops every recording timer (on shutdown). */
  dispose(): void {
    for (const entry of this.#calls.values()) entry.machine.dispose();
    this.#calls.clear();
  }

  #applyUnreadable(bad: UnreadableCall): void {
    const existing = this.#calls.get(bad.id);
    if (bad.state === CallState.Released) {
      if (existing) this.#drop(bad.id, existing);
      return;
    }
    if (existing) {
      if (bad.state !== undefined) existing.call = { ...existing.call, state: bad.state };
      existing.machine.markUnknown(`the server sent an unreadable call: ${bad.reason}`);
      return;
    }
    this.#addCall(
      {
        id: bad.id,
        state: bad.state ?? 'Unknown',
        callType: undefined,
        participants: [],
        ani: undefined,
        capabilities: [],
        userData: {},
        recordingState: undefined,
      },
      undefined,
    );
  }

  #addCall(call: CallSnapshot, initial: RecordingMachine['confirmed']): void {
    const machine = new RecordingMachine(initial, {
      clock: this.#options.clock,
      ...(this.#options.recordingTimeoutMs === undefined
        ? {}
        : { timeoutMs: this.#options.recordingTimeoutMs }),
      onChange: () => this.#options.onChange(),
      onError: (message, kind) => {
        this.#options.onRecordingError(call.id, message);
        if (kind === 'timed-out')
          this.#options.onNeedsRefresh(`recording state of call ${call.id} unconfirmed`);
      },
    });
    this.#calls.set(call.id, {
      call,
      machine,
      establishedSeq: call.state === CallState.Established ? ++this.#seq : 0,
    });
  }

  #applyCall(call: CallSnapshot): void {
    const existing = this.#calls.get(call.id);
    if (call.state === CallState.Released) {
      if (existing) this.#drop(call.id, existing);
      return;
    }
    if (!existing) {
      // A call seen for the first time with no recording information is not recording.
      this.#addCall(call, call.recordingState ?? 'Stopped');
      return;
    }
    if (call.state === CallState.Established && existing.call.state !== CallState.Established) {
      existing.establishedSeq = ++this.#seq;
    }
    existing.call = call;
    // No recordingState and no GSIP_RECORD: the server said nothing about
    // recording, so the last confirmed state stands (and a pending op stays pending).
    if (call.recordingState !== undefined) existing.machine.observe(call.recordingState);
  }

  #drop(id: string, entry: CallEntry): void {
    entry.machine.dispose();
    this.#calls.delete(id);
  }
}

/**
 * The tray status. `disconnected` whenever the state may be stale; otherwise
 * from the target call's recording machine. Confirmed states only: while
 * `starting`/`stopping` the last confirmed state is shown (the server has not
 * said otherwise yet); `pausing`/`resuming` are shown as such because the
 * agent is waiting for secure pause to take effect.
 */
export function deriveStatus(live: boolean, target: RecordingMachine | undefined): DerivedStatus {
  if (!live) return 'disconnected';
  if (!target) return 'no-call';
  switch (target.state) {
    case 'recording':
      return 'recording';
    case 'paused':
      return 'paused';
    case 'pausing':
      return 'pausing';
    case 'resuming':
      return 'resuming';
    case 'stopped':
      return 'not-recording';
    case 'unknown':
      return 'unknown';
    case 'starting':
    case 'stopping':
      return fromConfirmed(target);
  }
}

function fromConfirmed(machine: RecordingMachine): DerivedStatus {
  switch (machine.confirmed) {
    case 'Recording':
      return 'recording';
    case 'Paused':
      return 'paused';
    case 'Stopped':
      return 'not-recording';
    case undefined:
      return 'unknown';
  }
}
