/**
 * Secure pause you can prove: reminders, auto-resume, call-event rules and
 * the audit trail, as a decorator over the core's PUBLIC API, so the desktop
 * app, the browser mode and the headless CLI all get it.
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
 *
 * This file only composes units with one job each: the {@link PauseTracker}
 * (which calls are confirmed paused, since when), the pure `planCompliance`
 * (what is due), the {@link PlanRunner} (when to look:
 * one timer on the injected clock), the {@link AutoResumer} (acts on
 * auto-resumes and "keep paused" through the core), the auditor (entries) and
 * the audited recording commands.
 */

import { createEmitter, type Emitter } from '../ports/emitter.ts';
import type { AgentCore } from '../agent-core.ts';
import type { RecordingTransition } from '../state/workspace-types.ts';
import { auditedRecordingCommands } from './audited-commands.ts';
import { AutoResumer } from './auto-resumer.ts';
import {
  createComplianceAuditor,
  eventRecord,
  type AuditedEvent,
  type ComplianceAuditor,
} from './compliance-auditor.ts';
import type { CompliantCore, CompliantCoreEvent, CoreSnapshot } from './compliance-events.ts';
import { complianceSettings, type ComplianceOptions, type ComplianceSettings } from './compliance-options.ts';
import type { ComplianceDecision } from './compliance-plan.ts';
import { PauseTracker } from './pause-tracker.ts';
import { PlanRunner } from './plan-runner.ts';

export type { ComplianceOptions } from './compliance-options.ts';

/** The units of one compliance layer. */
interface Layer {
  core: AgentCore;
  settings: ComplianceSettings;
  events: Emitter<CompliantCoreEvent>;
  auditor: ComplianceAuditor;
  tracker: PauseTracker;
  resumer: AutoResumer;
  runner: PlanRunner;
}

/**
 * Wraps `core` with compliance. Takes over `subscribe` (the core's events are
 * passed through, each followed by the compliance events it caused) and the
 * recording commands (audited: request, answer, confirmation). Throws a
 * RangeError naming the option on an out-of-range setting.
 */
export function withCompliance(core: AgentCore, options: ComplianceOptions = {}): CompliantCore {
  const layer = assemble(core, complianceSettings(options));
  core.subscribe((event) => {
    layer.events.emit(event);
    if (event.type === 'state') onState(layer, event.state, event.transitions);
  });
  // A core wrapped after it started (or already holding a paused call) is taken as it is now.
  onState(layer, core.getSnapshot(), []);
  return compliantCore(layer);
}

/** Builds the units and wires them to each other. */
function assemble(core: AgentCore, settings: ComplianceSettings): Layer {
  const { clock, audit, wallNow } = settings;
  // A listener that throws is ignored: a consumer's bug must not break compliance.
  const events = createEmitter<CompliantCoreEvent>();
  const auditor = createComplianceAuditor(audit, (message) =>
    events.emit({
      type: 'error',
      code: 'other',
      severity: 'error',
      message: `audit log write failed: ${message}`,
    }),
  );
  const tracker = new PauseTracker({
    pausedSinceOf(callId, now) {
      const restored = audit?.pausedAtOf(callId);
      return restored === undefined ? now : now - Math.max(0, wallNow() - restored);
    },
    autoResumeMs: settings.autoResumeMs,
    maxPostpones: settings.maxPostpones,
  });
  const resumer = new AutoResumer({
    clock,
    autoResumeMs: settings.autoResumeMs,
    retryMs: settings.retryMs,
    maxPostpones: settings.maxPostpones,
    core,
    tracker,
    auditor,
    emit: (event) => events.emit(event),
    replan: () => runner.run(),
  });
  const runner: PlanRunner = new PlanRunner({
    clock,
    reminderMs: settings.reminderMs,
    warnMs: settings.warnMs,
    tracker,
    snapshot: () => core.getSnapshot(),
    act: (decision, now) => actOn(layer, decision, now),
  });
  const layer: Layer = { core, settings, events, auditor, tracker, resumer, runner };
  return layer;
}

/** Takes in one snapshot: what ended, what the server confirmed, what lost the stream; then the plan. */
function onState(layer: Layer, snapshot: CoreSnapshot, transitions: readonly RecordingTransition[]): void {
  if (layer.runner.stopped) return;
  const now = layer.settings.clock.now();
  const seen = layer.tracker.observe(snapshot, transitions, now);
  for (const event of seen.ended) report(layer, event);
  layer.auditor.forgetGone(seen.present);
  for (const change of seen.confirmed) layer.auditor.confirmed(change, now);
  for (const event of seen.streamLost) report(layer, event);
  layer.runner.run(snapshot);
}

/** Emits a compliance event to the listeners, then audits it. */
function report(layer: Layer, event: AuditedEvent): void {
  layer.events.emit(event);
  layer.auditor.record(eventRecord(event));
}

/** Acts on one decision of the plan, made at clock ms `now`, on the pause it names. */
function actOn(layer: Layer, decision: ComplianceDecision, now: number): void {
  const pause = layer.tracker.get(decision.callId);
  if (!pause) return;
  switch (decision.kind) {
    case 'remind': {
      const { level, callId, pausedForMs, pausedSince } = decision;
      pause.reminderLevel = level;
      report(layer, { type: 'reminder', level, callId, pausedForMs, pausedSince, at: now });
      return;
    }
    case 'warn':
      pause.warned = true;
      pause.resumeAt = decision.resumeAt;
      report(layer, {
        type: 'auto-resume-warning',
        callId: decision.callId,
        resumeAt: decision.resumeAt,
        at: now,
      });
      return;
    case 'auto-resume':
      void layer.resumer.resume(pause);
      return;
  }
}

/** The wrapped core's API: audited sign-in/out and recording commands, the rest passed through. */
function compliantCore(layer: Layer): CompliantCore {
  const { core, auditor, tracker, resumer } = layer;
  return {
    start: () => auditedStart(layer),
    stop: () => auditedStop(layer),
    getSnapshot: () => core.getSnapshot(),
    subscribe: (listener) => layer.events.on(listener),
    reconnectNow: () => core.reconnectNow(),
    ...auditedRecordingCommands({
      core,
      clock: layer.settings.clock,
      record: auditor.record,
      pending: auditor.pending,
    }),
    answer: (callId) => core.answer(callId),
    hold: (callId) => core.hold(callId),
    retrieve: (callId) => core.retrieve(callId),
    hangup: (callId) => core.hangup(callId),
    ready: () => core.ready(),
    notReady: () => core.notReady(),
    get loginCount(): number {
      return core.loginCount;
    },
    keepPaused: (callId) => resumer.keepPaused(callId),
    markTransfer: (callId) => tracker.markTransfer(callId),
    complianceState: () => tracker.view(),
  };
}

async function auditedStart(layer: Layer): ReturnType<AgentCore['start']> {
  const { core, auditor, settings } = layer;
  const at = settings.clock.now();
  auditor.record({ action: 'sign-in', result: 'requested' });
  const result = await core.start();
  const code = result.ok ? 'confirmed' : result.code;
  auditor.record({ action: 'sign-in', result: code, latencyMs: settings.clock.now() - at });
  return result;
}

/** Stops the plan (no reminder or auto-resume after this), then the core; a second stop only stops the core. */
async function auditedStop(layer: Layer): Promise<void> {
  const { core, auditor, settings, runner } = layer;
  if (runner.stopped) return core.stop();
  runner.stop();
  const at = settings.clock.now();
  auditor.record({ action: 'sign-out', result: 'requested', detail: `pausedCalls=${layer.tracker.size}` });
  await core.stop();
  auditor.record({ action: 'sign-out', result: 'confirmed', latencyMs: settings.clock.now() - at });
}
