/**
 * The agent's workspace as the server last confirmed it: calls keyed by id
 * (each event replaces the whole snapshot, `Released` drops the call), one
 * recording state machine per call, the agent state from the device, and the
 * single derived status the tray shows. With `listedCallsOnly` an event for a
 * call the agent's REST reads have not listed (or on another agent's device)
 * never reaches the calls: it is held in {@link UnlistedCalls} and asks for a
 * read, which decides. How often to re-read is told by {@link Workspace.reconcileCadence}:
 * `fast` while any call is paused, pending, unknown or unverified, `slow` while
 * every call is plainly recording or not recording.
 */

import type { RecordingTransition } from './workspace-types.ts';
import {
  CallState,
  type CallSnapshot,
  type Device,
  type GwsEvent,
  type UnreadableCall,
} from './call-model.ts';
import type { ConnectionState } from '../bayeux/connection.ts';
import { RecordingMachine, type RecordingMachineState } from './recording-machine.ts';
import { deriveStatus, toMachineState } from './derive-status.ts';
import { callView, latestIn, targetEntry, type CallEntry } from './call-entry.ts';
import { CallTrust } from './call-trust.ts';
import { UnlistedCalls } from './unlisted-calls.ts';
import type { ReconcileCadence, WorkspaceOptions, WorkspaceSnapshot } from './workspace-types.ts';

export { deriveStatus, type DerivedStatus } from './derive-status.ts';
export type { CallView, ReconcileCadence, WorkspaceOptions, WorkspaceSnapshot } from './workspace-types.ts';

/** Where a report of a call came from. */
type Source = 'event' | 'read';

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
  /** Confirmed transitions not yet taken by the owner. */
  #transitions: RecordingTransition[] = [];
  /** >0 while a multi-step update runs; changes are announced once at its end. */
  #batch = 0;
  #dirty = false;
  readonly #trust: CallTrust;
  /** Events about calls no read has listed yet (only with `listedCallsOnly`). */
  readonly #unlisted = new UnlistedCalls();

  constructor(options: WorkspaceOptions) {
    this.#options = options;
    this.#trust = new CallTrust({
      clock: options.clock,
      ...(options.staleAfterMs === undefined ? {} : { staleAfterMs: options.staleAfterMs }),
      ...(options.plainStaleAfterMs === undefined ? {} : { plainStaleAfterMs: options.plainStaleAfterMs }),
      onExpire: () => this.#notify(),
    });
  }

  /** Announces a change (once per batch), then re-arms the staleness timer. */
  #notify(): void {
    if (this.#batch > 0) {
      this.#dirty = true;
      return;
    }
    this.#dirty = false;
    this.#trust.arm(this.#calls.values(), this.live);
    this.#options.onChange();
  }

  #batched(update: () => void): void {
    this.#batch += 1;
    try {
      update();
    } finally {
      this.#batch -= 1;
      if (this.#batch === 0 && this.#dirty) this.#notify();
    }
  }

  /** Takes the confirmed transitions recorded since the last call, oldest first. */
  takeTransitions(): RecordingTransition[] {
    const taken = this.#transitions;
    this.#transitions = [];
    return taken;
  }

  /** True when `callId`'s recording state is not confirmed as current (see `CallView.stale`). */
  isStale(callId: string): boolean {
    const entry = this.#calls.get(callId);
    return entry === undefined || this.#stale(entry);
  }

  /** True when any call is known (or an event about an unlisted one awaits a read). */
  get needsReconcile(): boolean {
    return this.reconcileCadence !== 'none';
  }

  /**
   * How often the owner should re-read the calls: `none` without calls, `slow`
   * while every call is plainly recording or not recording (confirmed,
   * verified, nothing pending), else `fast` (paused, pausing, resuming,
   * unknown, stale, or an unlisted call's event waiting for its read).
   */
  get reconcileCadence(): ReconcileCadence {
    return this.#trust.cadence(this.#calls.values(), this.live, this.#unlisted.size);
  }

  #stale(entry: CallEntry): boolean {
    return this.#trust.stale(entry, this.live);
  }

  /** Records the Bayeux state; leaving `connected` marks the state as needing a re-read. */
  setConnection(state: ConnectionState): void {
    if (state === this.#connection) return;
    this.#connection = state;
    if (state !== 'connected') this.#synced = false;
    this.#notify();
  }

  /** Marks the state as re-read from the server after the latest reconnect. */
  markSynced(): void {
    if (this.#synced || this.#connection !== 'connected') return;
    this.#synced = true;
    this.#notify();
  }

  /** Applies one parsed Bayeux event (announced once, after every derived field is updated). */
  applyEvent(event: GwsEvent): void {
    this.#batched(() => this.#applyEvent(event));
  }

  #applyEvent(event: GwsEvent): void {
    switch (event.kind) {
      case 'call':
        if (this.#heldForRead(event.call)) return;
        this.#eventSeq += 1;
        // A released call's mark only guards reads in flight against re-adding
        // it; with none in flight it is dropped, so the map stays bounded.
        if (event.call.state === CallState.Released && this.#openReads === 0) {
          this.#lastEventFor.delete(event.call.id);
        } else {
          this.#lastEventFor.set(event.call.id, this.#eventSeq);
        }
        this.#applyCall(event.call, 'event');
        break;
      case 'devices':
        this.#eventSeq += 1;
        this.#lastDeviceEvent = this.#eventSeq;
        for (const device of event.devices) this.#devices.set(device.id, device);
        break;
      case 'refresh':
        this.#options.onNeedsRefresh(event.reason, event.code);
        return;
    }
    this.#notify();
  }

  /**
   * With `listedCallsOnly`: true when the event is not applied but held (a
   * call no read has listed) or ignored (a call on another device), after
   * asking for the read that decides. Nothing visible changes either way.
   */
  #heldForRead(call: CallSnapshot): boolean {
    if (!this.#options.listedCallsOnly) return false;
    if (this.#otherDevice(call)) {
      this.#options.onNeedsRefresh(`an event named call ${call.id} on a device that is not the agent's`);
      return true;
    }
    if (this.#calls.has(call.id)) return false;
    this.#eventSeq += 1;
    const released = call.state === CallState.Released;
    this.#unlisted.hold(call, this.#eventSeq, released);
    if (!released) {
      this.#options.onNeedsRefresh(
        `call ${call.id} is not among the agent's listed calls yet`,
        'unlisted-call',
      );
    }
    return true;
  }

  /** The event names a device, the agent's devices are known, and it is none of them. */
  #otherDevice(call: CallSnapshot): boolean {
    return call.deviceId !== undefined && this.#devices.size > 0 && !this.#devices.has(call.deviceId);
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

  /**
   * A REST read failed: until one succeeds, every call's confirmation holds
   * only the short `staleAfterMs` (the server cannot vouch for a long window now).
   */
  markReadFailed(): void {
    if (this.#trust.setReadFailing(true)) this.#notify();
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
    const newerByEvent = (id: string): boolean => (this.#lastEventFor.get(id) ?? 0) > since;
    this.#trust.setReadFailing(false);
    this.#batched(() => {
      const seen = new Set<string>();
      for (const call of calls) {
        seen.add(call.id);
        // A held event newer than this read about a call the read lists: the event is the latest word.
        const held = this.#unlisted.takeNewer(call.id, since);
        if (held) this.#applyCall(held, 'event');
        else if (!newerByEvent(call.id)) this.#applyCall(call, 'read');
      }
      this.#unlisted.settle(since);
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
      this.#notify();
    });
  }

  /** Replaces the devices with a REST read (`GET /api/v2/me/devices?fields=*`) begun at `since`. */
  replaceDevices(devices: readonly Device[], since: number = this.#eventSeq): void {
    if (this.#lastDeviceEvent > since) return;
    this.#devices.clear();
    for (const device of devices) this.#devices.set(device.id, device);
    this.#notify();
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
    return targetEntry(this.#calls.values())?.call;
  }

  /**
   * The call the tray status describes: the target call, or else the most
   * recently established Held call. An agent who paused recording and then
   * put the customer on hold must still see `paused`, or they may forget to
   * resume; the hotkey still never acts on a held call.
   */
  statusCall(): CallSnapshot | undefined {
    return (targetEntry(this.#calls.values()) ?? latestIn(this.#calls.values(), CallState.Held))?.call;
  }

  /** True when events flow and the state was re-read since the last reconnect. */
  get live(): boolean {
    return this.#connection === 'connected' && this.#synced;
  }

  /** The tray status; see {@link deriveStatus}. */
  snapshot(): WorkspaceSnapshot {
    const target = this.targetCall();
    const shown = this.statusCall();
    const shownEntry = shown ? this.#calls.get(shown.id) : undefined;
    const device = [...this.#devices.values()].find((d) => d.userState !== undefined);
    const entries = [...this.#calls.values()].sort((a, b) => b.establishedSeq - a.establishedSeq);
    return {
      connection: this.#connection,
      live: this.live,
      status: deriveStatus(this.live, shownEntry?.machine, shownEntry ? this.#stale(shownEntry) : false),
      targetCallId: target?.id,
      statusCallId: shown?.id,
      calls: entries.map((entry) => callView(entry, this.#stale(entry))),
      agentState: device?.userState?.state,
      agentWorkMode: device?.userState?.workMode,
      at: this.#options.clock.now(),
      ...(shownEntry?.pausedSince === undefined ? {} : { pausedSince: shownEntry.pausedSince }),
      otherPausedCallIds: entries
        .filter((e) => e.pausedSince !== undefined && e.call.id !== shown?.id)
        .map((e) => e.call.id),
    };
  }

  /** Stops every recording timer and the staleness timer (on shutdown). */
  dispose(): void {
    this.#trust.dispose();
    for (const entry of this.#calls.values()) entry.machine.dispose();
    this.#calls.clear();
    this.#unlisted.clear();
  }

  #applyUnreadable(bad: UnreadableCall): void {
    const existing = this.#calls.get(bad.id);
    if (bad.state === CallState.Released) {
      if (existing) this.#drop(bad.id, existing);
      return;
    }
    if (existing) {
      if (bad.state !== undefined) existing.call = { ...existing.call, state: bad.state };
      existing.verifiedAt = undefined;
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
      'read',
    );
  }

  #addCall(
    call: CallSnapshot,
    initial: RecordingMachine['confirmed'],
    source: Source,
    replaced?: { id: string; entry: CallEntry | undefined },
  ): void {
    const machine = new RecordingMachine(initial, {
      clock: this.#options.clock,
      ...(this.#options.recordingTimeoutMs === undefined
        ? {}
        : { timeoutMs: this.#options.recordingTimeoutMs }),
      onChange: () => this.#notify(),
      onError: (message, kind) => {
        this.#options.onRecordingError(call.id, message);
        if (kind === 'timed-out')
          this.#options.onNeedsRefresh(`recording state of call ${call.id} unconfirmed`, 'unconfirmed');
      },
    });
    const now = this.#options.clock.now();
    const previous = replaced?.entry;
    const entry: CallEntry = {
      call,
      machine,
      establishedSeq: call.state === CallState.Established ? ++this.#seq : (previous?.establishedSeq ?? 0),
      since: previous?.since ?? now,
      verifiedAt: initial === undefined ? undefined : now,
      // A pause confirmed on the replaced call stays the same pause.
      pausedSince: initial === 'Paused' ? (previous?.pausedSince ?? now) : undefined,
      previousCallId: replaced?.id,
    };
    this.#calls.set(call.id, entry);
    if (initial !== undefined) {
      const from = previous?.machine.confirmed;
      this.#transitions.push({
        callId: call.id,
        from: toMachineState(from),
        to: toMachineState(initial),
        at: now,
        source,
      });
    }
  }

  /**
   * The call a new call replaces (its `previousConnId` names a known call's
   * ConnID or id); that call is gone with no Released event (gws-api.md §4.1).
   */
  #replacedBy(call: CallSnapshot): { id: string; entry: CallEntry | undefined } | undefined {
    const previous = call.previousConnId;
    if (previous === undefined || previous === call.id || previous === call.connId) return undefined;
    for (const [id, entry] of this.#calls) {
      if (id === previous || entry.call.connId === previous) return { id, entry };
    }
    return { id: previous, entry: undefined };
  }

  #applyCall(call: CallSnapshot, source: Source): void {
    const existing = this.#calls.get(call.id);
    if (call.state === CallState.Released) {
      if (existing) this.#drop(call.id, existing);
      return;
    }
    if (!existing) {
      const replaced = this.#replacedBy(call);
      if (replaced?.entry) this.#drop(replaced.id, replaced.entry);
      // A call seen for the first time with no recording information is not recording.
      this.#addCall(call, call.recordingState ?? 'Stopped', source, replaced);
      return;
    }
    if (call.state === CallState.Established && existing.call.state !== CallState.Established) {
      existing.establishedSeq = ++this.#seq;
    }
    existing.call = call;
    // No recordingState and no GSIP_RECORD: the server said nothing about
    // recording, so the last confirmed state stands (and a pending op stays
    // pending) — but it is not re-verified: only a report that carries the
    // recording state may keep a `paused` fresh (else a lost event could hide
    // behind routine reads that say nothing about recording).
    if (call.recordingState === undefined) return;
    existing.verifiedAt = this.#options.clock.now();
    const before = existing.machine.confirmed;
    const awaited = existing.machine.awaitedState;
    existing.machine.observe(call.recordingState);
    const after = existing.machine.confirmed;
    if (after === undefined || after === before) return;
    // A read that contradicts a confirmed state (and is not our own pending op
    // settling) means an event was lost or the server changed it by itself.
    const mismatch = source === 'read' && before !== undefined && after !== awaited;
    this.#confirmed(existing, toMachineState(before), toMachineState(after), mismatch ? 'reconcile' : source);
    if (mismatch) this.#options.onMismatch?.(call.id, toMachineState(before), toMachineState(after));
  }

  #confirmed(
    entry: CallEntry,
    from: RecordingMachineState,
    to: RecordingMachineState,
    source: RecordingTransition['source'],
  ): void {
    const at = this.#options.clock.now();
    if (to === 'paused') entry.pausedSince ??= at;
    else entry.pausedSince = undefined;
    this.#transitions.push({ callId: entry.call.id, from, to, at, source });
  }

  #drop(id: string, entry: CallEntry): void {
    entry.machine.dispose();
    this.#calls.delete(id);
  }
}
