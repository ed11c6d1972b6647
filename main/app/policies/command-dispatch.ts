/**
 * The app's requests mapped onto the core: one command name → one core call,
 * and the compliance layer's events and state as the app reads them.
 */

import type { ComplianceView, CommandRequest } from '../../../contract/ipc-contract.ts';
import type { AppCore, CommandResult, ComplianceEvent, CompliantCoreEvent } from '../ports/core-port.ts';

/**
 * Runs a validated command on `core`. `keep-paused` needs the compliance
 * layer; without it the answer is `not-capable` (nothing to keep).
 */
export async function runCoreCommand(core: AppCore, request: CommandRequest): Promise<CommandResult> {
  const id = request.callId;
  switch (request.name) {
    case 'toggle':
      return core.toggleRecording();
    case 'pause':
      return core.pauseRecording(id);
    case 'resume':
      return core.resumeRecording(id);
    case 'start-recording':
      return core.startRecording(id);
    case 'stop-recording':
      return core.stopRecording(id);
    case 'answer':
      return core.answer(id);
    case 'hold':
      return core.hold(id);
    case 'retrieve':
      return core.retrieve(id);
    case 'hangup':
      return core.hangup(id);
    case 'ready':
      return core.ready();
    case 'not-ready':
      return core.notReady();
    case 'keep-paused':
      return core.keepPaused
        ? core.keepPaused(id)
        : { ok: false, code: 'not-capable', reason: 'pause reminders are not active' };
  }
}

/** Compliance event types the app turns into notifications. */
export const COMPLIANCE_EVENTS: ReadonlySet<CompliantCoreEvent['type']> = new Set<ComplianceEvent['type']>([
  'reminder',
  'auto-resume-warning',
  'auto-resume',
  'call-ended-while-paused',
  'stream-lost-while-paused',
]);

/** True for an event of the compliance layer. */
export function isComplianceEvent(event: CompliantCoreEvent): event is ComplianceEvent {
  return COMPLIANCE_EVENTS.has(event.type);
}

/** Reminder level and announced auto-resume of the status call (else the most recently paused one). */
export function complianceView(
  core: AppCore | undefined,
  statusCallId: string | undefined,
): ComplianceView | undefined {
  const tracked = core?.complianceState?.();
  if (!tracked || tracked.length === 0) return undefined;
  const entry = tracked.find((t) => t.callId === statusCallId) ?? tracked[0];
  if (!entry) return undefined;
  return {
    reminderLevel: entry.reminderLevel,
    ...(entry.autoResumeAt === undefined ? {} : { autoResumeAt: entry.autoResumeAt }),
  };
}
