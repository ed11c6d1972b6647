/**
 * Secure pause you can prove (issue 8): reminders, auto-resume, call-event
 * rules and the audit trail, as a decorator over the core's PUBLIC API, so
 * the desktop app, the browser mode and the headless CLI all get it.
 *
 * It reads only snapshots: a call counts as paused while its `recording` is
 * `paused` (the server's last word); reminders and auto-resume fire only while
 * that is confirmed (stream live, call not `stale`). The pause clock starts
 * when this layer first sees the call paused; after an app restart, from the
 * pause recorded in the audit log if the log ends with that call still paused,
 * else from the first read that shows it paused (GWS reports no pause time:
 * reminders then come at most that much late, never early). After a reconnect
 * the original pause start is kept, and the highest level that fell due while
 * unconfirmed fires as soon as the server confirms the pause again.
 */

import { systemClock, type TimerHandle } from '../ports/clock.ts';
import type { AgentCore } from '../agent-core.ts';
import type { CommandResult } from '../state/commands.ts';
import {
  OP_ACTION,
  OP_TARGET,
  auditId,
  auditedRecordingCommands,
  type ObservedCall,
  type Pending,
} from './audited-commands.ts';
import { dueLevel, nextLevelAt } from './pause-clock.ts';
import { seconds, type ComplianceOptions } from './compliance-options.ts';
import type { AuditRecord } from './audit-log.ts';
import type {
  ComplianceEvent,
  CompliantCore,
  CompliantCoreEvent,
  CoreEvent,
  CoreSnapshot,
  PausedCallCompliance,
  PausedCallEndReason,
  ReminderLevel,
} from './compliance-events.ts';

const CONFIRMED = new Set(['paused', 'recording', 'stopped']);
/** Longest delay a Node timer takes without overflowing to 1 ms. */
const MAX_TIMER_MS = 2_147_483_647;

interface Tracked {
  callId: string;
  pausedSince: number;
  fired: 0 | ReminderLevel;
  resumeAt: number | undefined;
  warned: boolean;
  postponesLeft: number;
  autoResuming: boolean;
  streamLostReported: boolean;
}

export type { ComplianceOptions } from './compliance-options.ts';

/**
 * Wraps `core` with compliance. Takes over `subscribe` (the core's events are
 * passed through, each followed by the compliance events it caused) and the
 * recording commands (audited: request, answer, confirmation). Throws a
 * RangeError naming the option on an out-of-range setting.
 */
export function withCompliance(core: AgentCore, options: ComplianceOptions = {}): CompliantCore {
  const clock = options.clock ?? systemClock;
  const wallNow = options.wallNow ?? Date.now;
  const base = seconds('reminderSeconds', options.reminderSeconds, 30, 1);
  const autoResumeMs = seconds('autoResumeSeconds', options.autoResumeSeconds, 0, 0) || undefined;
  const warnMs = seconds('autoResumeWarningSeconds', options.autoResumeWarningSeconds, 10, 0);
  const retryMs = seconds('autoResumeRetrySeconds', options.autoResumeRetrySeconds, 10, 1);
  const maxPostpones = options.maxPostpones ?? 1;
  const audit = options.audit;

  const listeners = new Set<(event: CompliantCoreEvent) => void>();
  const tracked = new Map<string, Tracked>();
  const lastRecording = new Map<string, string>();
  const pending = new Map<string, Pending>();
  const transfers = new Set<string>();
  let wasLive = false;
  let stopping = false;
  let timer: TimerHandle | undefined;

  function emit(event: CompliantCoreEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A consumer's bug must not break compliance.
      }
    }
  }

  function emitLoud(message: string, callId?: string): void {
    emit({
      type: 'error',
      code: 'recording-failed',
      severity: 'error',
      message,
      ...(callId === undefined ? {} : { callId }),
    } as CoreEvent);
  }

  function record(entry: Omit<AuditRecord, 'callId'> & { callId?: string | undefined }): void {
    if (!audit) return;
    try {
      audit.append({ ...entry, callId: auditId(entry.callId) });
    } catch (error) {
      emit({
        type: 'error',
        code: 'other',
        severity: 'error',
        message: `audit log write failed: ${(error as Error).message}`,
      } as CoreEvent);
    }
  }

  function emitCompliance(event: ComplianceEvent): void {
    emit(event);
  }

  // ---------------------------------------------------------------- tracking

  function startTracking(callId: string, now: number): Tracked {
    const restored = audit?.pausedAtOf(callId);
    const since = restored === undefined ? now : now - Math.max(0, wallNow() - restored);
    const entry: Tracked = {
      callId,
      pausedSince: since,
      fired: 0,
      resumeAt: autoResumeMs === undefined ? undefined : since + autoResumeMs,
      warned: false,
      postponesLeft: maxPostpones,
      autoResuming: false,
      streamLostReported: false,
    };
    tracked.set(callId, entry);
    return entry;
  }

  function onCallsGone(snapshot: CoreSnapshot, now: number): void {
    const calls = snapshot.calls as readonly ObservedCall[];
    const present = new Set(calls.map((c) => c.id));
    for (const [id, t] of [...tracked]) {
      if (present.has(id)) continue;
      tracked.delete(id);
      const successor = calls.find((c) => c.previousCallId === id);
      const reason: PausedCallEndReason = successor
        ? 'replaced'
        : transfers.has(id)
          ? 'transferred'
          : 'released';
      const pausedForMs = now - t.pausedSince;
      emitCompliance({
        type: 'call-ended-while-paused',
        callId: id,
        reason,
        ...(successor ? { newCallId: successor.id } : {}),
        pausedForMs,
        at: now,
      });
      record({
        action: 'call-ended-while-paused',
        result: reason,
        callId: id,
        detail: `pausedForMs=${Math.round(pausedForMs)}${successor ? ` newCallId=${auditId(successor.id)}` : ''}`,
      });
      // The same call under a new id: its pause (and its reminders) carry over.
      if (successor && !['recording', 'stopped'].includes(successor.recording)) {
        tracked.set(successor.id, { ...t, callId: successor.id });
        lastRecording.set(successor.id, successor.recording);
      }
    }
    for (const map of [lastRecording, pending])
      for (const id of [...map.keys()]) if (!present.has(id)) map.delete(id);
    for (const id of [...transfers]) if (!present.has(id)) transfers.delete(id);
  }

  function onConfirmed(call: ObservedCall, previous: string | undefined, now: number, source?: string): void {
    const request = pending.get(call.id);
    if (request && OP_TARGET[request.op] === call.recording) {
      pending.delete(call.id);
      record({
        action: request.auto ? 'auto-resume' : OP_ACTION[request.op],
        result: 'confirmed',
        callId: call.id,
        latencyMs: now - request.at,
      });
      return;
    }
    if (
      call.recording === 'paused' ||
      previous === 'paused' ||
      tracked.has(call.id) ||
      source === 'reconcile'
    ) {
      record({
        action: 'recording-state',
        result: call.recording,
        callId: call.id,
        detail: `from=${previous ?? 'none'}${source ? ` source=${source}` : ''}`,
      });
    }
  }

  function onState(snapshot: CoreSnapshot, transitions: readonly { callId: string; source: string }[]): void {
    const now = clock.now();
    onCallsGone(snapshot, now);
    for (const call of snapshot.calls as readonly ObservedCall[]) {
      const previous = lastRecording.get(call.id);
      if (call.recording !== previous) {
        lastRecording.set(call.id, call.recording);
        if (CONFIRMED.has(call.recording)) {
          const source = transitions.findLast((t) => t.callId === call.id)?.source;
          onConfirmed(call, previous, now, source);
        }
      }
      if (call.recording === 'paused' && !tracked.has(call.id)) startTracking(call.id, now);
      if ((call.recording === 'recording' || call.recording === 'stopped') && !call.stale)
        tracked.delete(call.id);
    }
    if (wasLive && !snapshot.live) {
      for (const t of tracked.values()) {
        if (t.streamLostReported) continue;
        t.streamLostReported = true;
        const pausedForMs = now - t.pausedSince;
        emitCompliance({ type: 'stream-lost-while-paused', callId: t.callId, pausedForMs, at: now });
        record({
          action: 'stream-lost-while-paused',
          result: 'lost',
          callId: t.callId,
          detail: `pausedForMs=${Math.round(pausedForMs)}`,
        });
      }
    }
    if (snapshot.live) for (const t of tracked.values()) t.streamLostReported = false;
    wasLive = snapshot.live;
    evaluate(snapshot);
  }

  // ---------------------------------------------------------------- timers

  /** The call, when the server's confirmed word on it is `paused` and current (live, not stale). */
  function confirmedPaused(snapshot: CoreSnapshot, callId: string): ObservedCall | undefined {
    const call = (snapshot.calls as readonly ObservedCall[]).find((c) => c.id === callId);
    return snapshot.live && call?.recording === 'paused' && call.stale !== true ? call : undefined;
  }

  /** Fires what is due for each confirmed pause, then arms one timer for the next due moment. */
  function evaluate(snapshot: CoreSnapshot = core.getSnapshot()): void {
    if (stopping) return;
    const now = clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const t of [...tracked.values()]) {
      const call = confirmedPaused(snapshot, t.callId);
      if (!call) continue;
      const pausedForMs = now - t.pausedSince;
      const due = dueLevel(pausedForMs, base);
      if (due !== 0 && due > t.fired) {
        t.fired = due;
        emitCompliance({
          type: 'reminder',
          level: due,
          callId: t.callId,
          pausedForMs,
          pausedSince: t.pausedSince,
          at: now,
        });
        record({
          action: 'reminder',
          result: `level-${due}`,
          callId: t.callId,
          detail: `pausedForMs=${Math.round(pausedForMs)}`,
        });
      }
      next = Math.min(next, nextLevelAt(t.pausedSince, base, t.fired) ?? next);
      // Auto-resume acts on an Established call only (GWS offers no recording ops while Held):
      // a held call's auto-resume waits for the Retrieve, then is announced afresh.
      if (t.resumeAt === undefined || t.autoResuming || (call.state ?? 'Established') !== 'Established')
        continue;
      if (!t.warned && now >= t.resumeAt - warnMs) {
        t.warned = true;
        // The agent always gets the full warning, also when the moment passed unconfirmed.
        t.resumeAt = Math.max(t.resumeAt, now + warnMs);
        emitCompliance({ type: 'auto-resume-warning', callId: t.callId, resumeAt: t.resumeAt, at: now });
        record({
          action: 'auto-resume-warning',
          result: 'announced',
          callId: t.callId,
          detail: `resumeInMs=${Math.round(Math.max(0, t.resumeAt - now))}`,
        });
      }
      if (now >= t.resumeAt) void autoResume(t);
      else next = Math.min(next, t.warned ? t.resumeAt : t.resumeAt - warnMs);
    }
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
    if (next !== Number.POSITIVE_INFINITY) {
      timer = clock.setTimeout(
        () => {
          timer = undefined;
          evaluate();
        },
        Math.min(MAX_TIMER_MS, Math.max(0, next - now)),
      );
    }
  }

  async function autoResume(t: Tracked): Promise<void> {
    t.autoResuming = true;
    const at = clock.now();
    record({
      action: 'auto-resume',
      result: 'requested',
      callId: t.callId,
      detail: `pausedForMs=${Math.round(at - t.pausedSince)}`,
    });
    pending.set(t.callId, { op: 'resume', at, auto: true });
    const result = await core.resumeRecording(t.callId);
    t.autoResuming = false;
    const now = clock.now();
    if (result.ok) {
      record({ action: 'auto-resume', result: 'accepted', callId: t.callId, latencyMs: now - at });
      emitCompliance({
        type: 'auto-resume',
        callId: t.callId,
        result,
        severity: 'info',
        phase: 'done',
        at: now,
      });
    } else {
      if (pending.get(t.callId)?.auto) pending.delete(t.callId);
      record({ action: 'auto-resume', result: result.code, callId: t.callId, latencyMs: now - at });
      emitCompliance({
        type: 'auto-resume',
        callId: t.callId,
        result,
        severity: 'error',
        phase: 'failed',
        at: now,
      });
      emitLoud(
        `AUTO-RESUME FAILED on call ${t.callId}: recording is still paused (${result.code}); resume it now`,
        t.callId,
      );
      // Try again later (reported again each time), unless the pause ended meanwhile.
      t.resumeAt = now + retryMs;
      t.warned = true;
    }
    evaluate();
  }

  function keepPaused(callId?: string): CommandResult {
    const snapshot = core.getSnapshot();
    const id =
      callId ??
      (snapshot.statusCallId !== undefined && tracked.has(snapshot.statusCallId)
        ? snapshot.statusCallId
        : tracked.size === 1
          ? [...tracked.keys()][0]
          : undefined);
    const t = id === undefined ? undefined : tracked.get(id);
    if (!t) return { ok: false, code: 'no-call', reason: 'no paused call to keep paused' };
    if (t.resumeAt === undefined || autoResumeMs === undefined) {
      return {
        ok: false,
        code: 'invalid-state',
        reason: 'auto-resume is off: nothing to postpone',
        callId: t.callId,
      };
    }
    if (t.postponesLeft <= 0) {
      record({ action: 'keep-paused', result: 'refused', callId: t.callId });
      return {
        ok: false,
        code: 'invalid-state',
        reason: `auto-resume was already postponed ${maxPostpones} time(s) for this pause`,
        callId: t.callId,
      };
    }
    const now = clock.now();
    t.postponesLeft -= 1;
    t.resumeAt = now + autoResumeMs;
    t.warned = false;
    record({
      action: 'keep-paused',
      result: 'accepted',
      callId: t.callId,
      detail: `resumeInMs=${autoResumeMs}`,
    });
    evaluate();
    return { ok: true, operation: 'KeepPaused', callId: t.callId };
  }

  core.subscribe((event) => {
    emit(event);
    if (event.type === 'state' && !stopping) {
      const transitions =
        (event as { transitions?: readonly { callId: string; source: string }[] }).transitions ?? [];
      onState(event.state, transitions);
    }
  });
  // A core wrapped after it started (or already holding a paused call) is taken as it is now.
  onState(core.getSnapshot(), []);

  return {
    async start() {
      const at = clock.now();
      record({ action: 'sign-in', result: 'requested' });
      const result = await core.start();
      const code = result.ok ? 'confirmed' : ((result as { code?: string }).code ?? 'failed');
      record({ action: 'sign-in', result: code, latencyMs: clock.now() - at });
      return result;
    },
    async stop() {
      if (stopping) return core.stop();
      stopping = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      const at = clock.now();
      record({ action: 'sign-out', result: 'requested', detail: `pausedCalls=${tracked.size}` });
      await core.stop();
      record({ action: 'sign-out', result: 'confirmed', latencyMs: clock.now() - at });
    },
    getSnapshot: () => core.getSnapshot(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnectNow: () => core.reconnectNow(),
    ...auditedRecordingCommands({ core, clock, record, pending }),
    answer: (callId) => core.answer(callId),
    hold: (callId) => core.hold(callId),
    retrieve: (callId) => core.retrieve(callId),
    hangup: (callId) => core.hangup(callId),
    ready: () => core.ready(),
    notReady: () => core.notReady(),
    get loginCount() {
      return core.loginCount;
    },
    keepPaused,
    markTransfer: (callId) => void transfers.add(callId),
    complianceState: (): PausedCallCompliance[] =>
      [...tracked.values()]
        .sort((a, b) => b.pausedSince - a.pausedSince)
        .map((t) => ({
          callId: t.callId,
          pausedSince: t.pausedSince,
          reminderLevel: t.fired,
          ...(t.resumeAt === undefined ? {} : { autoResumeAt: t.resumeAt }),
          postponesLeft: t.postponesLeft,
        })),
  };
}
