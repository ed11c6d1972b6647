/**
 * Which calls the server has confirmed paused, and since when: the memory of
 * the compliance layer, fed one core snapshot at a time and doing no I/O.
 *
 * A call starts being tracked when a snapshot first shows its `recording` as
 * `paused` (the server's last word) and stops when the server confirms it
 * `recording` or `stopped` again; an unconfirmed (`stale`) word never ends a
 * pause, so a lost stream cannot silence the reminders. A paused call that
 * leaves the workspace ends its pause (`released`, `transferred` when the
 * layer was told of a transfer, `replaced` when a call names it as its
 * `previousCallId`: the pause, with its reminders, carries over to the new
 * id). The tracker reports what it saw (confirmed changes, ended pauses,
 * stream losses) and leaves acting on it to the layer.
 */

import type { CallView, RecordingTransition } from '../state/workspace-types.ts';
import type {
  CallEndedWhilePausedEvent,
  CoreSnapshot,
  PausedCallCompliance,
  ReminderLevel,
  StreamLostWhilePausedEvent,
} from './compliance-events.ts';

/** The `recording` values that are the server's word (not a pending or unknown state). */
const CONFIRMED: ReadonlySet<string> = new Set(['paused', 'recording', 'stopped']);

/**
 * One pause as the layer follows it. The tracker owns which calls have one;
 * the progress fields (reminders, warning, auto-resume) are advanced by the
 * layer as it acts on the compliance plan.
 */
export interface TrackedPause {
  callId: string;
  /** Clock ms the pause began, as far as known. */
  pausedSince: number;
  /** Highest reminder level fired for this pause (0: none yet). */
  reminderLevel: 0 | ReminderLevel;
  /** Clock ms of the planned auto-resume; undefined when auto-resume is off. */
  resumeAt: number | undefined;
  /** The auto-resume at `resumeAt` has been announced. */
  warned: boolean;
  /** `keepPaused` uses left. */
  postponesLeft: number;
  /** An auto-resume request is in flight. */
  autoResuming: boolean;
  /** The current stream outage was reported for this pause. */
  streamLostReported: boolean;
}

/** A call whose recording the server newly confirmed in a snapshot. */
export interface ConfirmedChange {
  call: CallView;
  /** The `recording` this layer saw before (undefined: a call new to it). */
  previous: string | undefined;
  /** What confirmed it, when the core said (the latest transition of the call). */
  source: RecordingTransition['source'] | undefined;
  /** The call was tracked as paused before this snapshot. */
  wasTracked: boolean;
}

/** What one snapshot told the tracker, in the order the layer reports it. */
export interface Observation {
  /** Paused calls that left the workspace. */
  ended: CallEndedWhilePausedEvent[];
  /** Newly confirmed recording states, in snapshot order. */
  confirmed: ConfirmedChange[];
  /** Pauses that lost the stream (once per outage and call). */
  streamLost: StreamLostWhilePausedEvent[];
  /** Ids of the calls in the snapshot. */
  present: ReadonlySet<string>;
}

/** Construction options of {@link PauseTracker}. */
export interface PauseTrackerOptions {
  /**
   * Clock ms the pause of `callId`, first seen paused at clock ms `now`, began
   * (earlier than `now` when an audit log recorded it before an app restart).
   */
  pausedSinceOf(callId: string, now: number): number;
  /** Auto-resume after this long paused; undefined = off. */
  autoResumeMs: number | undefined;
  /** `keepPaused` uses per pause. */
  maxPostpones: number;
}

/** The confirmed pauses; see the module comment. */
export class PauseTracker {
  readonly #options: PauseTrackerOptions;
  readonly #pauses = new Map<string, TrackedPause>();
  /** The last `recording` seen per call, to tell a change from a repeat. */
  readonly #lastRecording = new Map<string, string>();
  /** Calls whose transfer was announced. */
  readonly #transfers = new Set<string>();
  #wasLive = false;

  constructor(options: PauseTrackerOptions) {
    this.#options = options;
  }

  /** Takes in one snapshot at clock ms `now`; `transitions` are the core's since the previous one. */
  observe(snapshot: CoreSnapshot, transitions: readonly RecordingTransition[], now: number): Observation {
    const present = new Set(snapshot.calls.map((call) => call.id));
    const ended = this.#endGone(snapshot.calls, present, now);
    const confirmed = this.#follow(snapshot.calls, transitions, now);
    const streamLost = this.#streamLoss(snapshot.live, now);
    return { ended, confirmed, streamLost, present };
  }

  /** The pause of `callId`, if tracked. */
  get(callId: string): TrackedPause | undefined {
    return this.#pauses.get(callId);
  }

  /** Every tracked pause, in the order they were first seen. */
  all(): TrackedPause[] {
    return [...this.#pauses.values()];
  }

  /** How many calls are paused. */
  get size(): number {
    return this.#pauses.size;
  }

  /** A transfer of `callId` was requested: its end while paused is `transferred`. */
  markTransfer(callId: string): void {
    this.#transfers.add(callId);
  }

  /**
   * The pause the agent means: `callId` when given, else the status call's,
   * else the only one; undefined when none (or ambiguous).
   */
  target(callId: string | undefined, statusCallId: string | undefined): TrackedPause | undefined {
    if (callId !== undefined) return this.#pauses.get(callId);
    if (statusCallId !== undefined && this.#pauses.has(statusCallId)) return this.#pauses.get(statusCallId);
    return this.#pauses.size === 1 ? this.all()[0] : undefined;
  }

  /** The tracked pauses for the app's view, most recently paused first. */
  view(): PausedCallCompliance[] {
    return this.all()
      .sort((a, b) => b.pausedSince - a.pausedSince)
      .map((pause) => ({
        callId: pause.callId,
        pausedSince: pause.pausedSince,
        reminderLevel: pause.reminderLevel,
        ...(pause.resumeAt === undefined ? {} : { autoResumeAt: pause.resumeAt }),
        postponesLeft: pause.postponesLeft,
      }));
  }

  /** Ends the pauses of calls no longer present (a replaced call's carries over); forgets gone calls. */
  #endGone(
    calls: readonly CallView[],
    present: ReadonlySet<string>,
    now: number,
  ): CallEndedWhilePausedEvent[] {
    const ended: CallEndedWhilePausedEvent[] = [];
    for (const [id, pause] of [...this.#pauses]) {
      if (present.has(id)) continue;
      this.#pauses.delete(id);
      const successor = calls.find((call) => call.previousCallId === id);
      ended.push({
        type: 'call-ended-while-paused',
        callId: id,
        reason: successor ? 'replaced' : this.#transfers.has(id) ? 'transferred' : 'released',
        ...(successor ? { newCallId: successor.id } : {}),
        pausedForMs: now - pause.pausedSince,
        at: now,
      });
      // The same call under a new id: its pause (and its reminders) carry over.
      if (successor && successor.recording !== 'recording' && successor.recording !== 'stopped') {
        this.#pauses.set(successor.id, { ...pause, callId: successor.id });
        this.#lastRecording.set(successor.id, successor.recording);
      }
    }
    for (const id of [...this.#lastRecording.keys()]) if (!present.has(id)) this.#lastRecording.delete(id);
    for (const id of [...this.#transfers]) if (!present.has(id)) this.#transfers.delete(id);
    return ended;
  }

  /** Notes each call's recording: confirmed changes out, pauses started and ended. */
  #follow(
    calls: readonly CallView[],
    transitions: readonly RecordingTransition[],
    now: number,
  ): ConfirmedChange[] {
    const confirmed: ConfirmedChange[] = [];
    for (const call of calls) {
      const previous = this.#lastRecording.get(call.id);
      if (call.recording !== previous) {
        this.#lastRecording.set(call.id, call.recording);
        if (CONFIRMED.has(call.recording)) {
          const source = transitions.findLast((t) => t.callId === call.id)?.source;
          confirmed.push({ call, previous, source, wasTracked: this.#pauses.has(call.id) });
        }
      }
      if (call.recording === 'paused' && !this.#pauses.has(call.id)) this.#start(call.id, now);
      if ((call.recording === 'recording' || call.recording === 'stopped') && !call.stale)
        this.#pauses.delete(call.id);
    }
    return confirmed;
  }

  #start(callId: string, now: number): void {
    const pausedSince = this.#options.pausedSinceOf(callId, now);
    const { autoResumeMs, maxPostpones } = this.#options;
    this.#pauses.set(callId, {
      callId,
      pausedSince,
      reminderLevel: 0,
      resumeAt: autoResumeMs === undefined ? undefined : pausedSince + autoResumeMs,
      warned: false,
      postponesLeft: maxPostpones,
      autoResuming: false,
      streamLostReported: false,
    });
  }

  /** On the live → not live edge, each pause not yet reported for this outage. */
  #streamLoss(live: boolean, now: number): StreamLostWhilePausedEvent[] {
    const lost: StreamLostWhilePausedEvent[] = [];
    if (this.#wasLive && !live) {
      for (const pause of this.#pauses.values()) {
        if (pause.streamLostReported) continue;
        pause.streamLostReported = true;
        lost.push({
          type: 'stream-lost-while-paused',
          callId: pause.callId,
          pausedForMs: now - pause.pausedSince,
          at: now,
        });
      }
    }
    if (live) for (const pause of this.#pauses.values()) pause.streamLostReported = false;
    this.#wasLive = live;
    return lost;
  }
}
