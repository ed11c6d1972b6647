/**
 * The recording commands as the compliance layer passes them through: each
 * one audited as `requested`, then `accepted` or the failure code (`refused`
 * for a server refusal, `outcome-unknown`, `not-capable`, ...), and remembered
 * as pending so that the server's confirmation is audited as `confirmed` with
 * its latency (the confirmation may even arrive before the HTTP answer).
 */

import type { Clock } from '../ports/clock.ts';
import type { AgentCore } from '../agent-core.ts';
import type { CommandResult } from '../state/commands.ts';
import type { AuditAction } from './audit-entry.ts';
import type { RecordInput } from './compliance-auditor.ts';

/** A recording operation, as the core names its pending states. */
export type RecordingOp = 'pause' | 'resume' | 'start' | 'stop';

/** The audit action of each operation. */
export const OP_ACTION: Record<RecordingOp, AuditAction> = {
  pause: 'pause',
  resume: 'resume',
  start: 'start-recording',
  stop: 'stop-recording',
};
/** The confirmed `recording` each operation waits for. */
export const OP_TARGET: Record<RecordingOp, string> = {
  pause: 'paused',
  resume: 'recording',
  start: 'recording',
  stop: 'stopped',
};
/** GWS operation names (a command result's `operation`) back to operations. */
export const OPERATION_OP: Record<string, RecordingOp> = {
  PauseCallRecording: 'pause',
  ResumeCallRecording: 'resume',
  StartCallRecording: 'start',
  StopCallRecording: 'stop',
};
/** A request awaiting the server's confirmation. */
export interface Pending {
  op: RecordingOp;
  at: number;
  auto: boolean;
}

/** What {@link auditedRecordingCommands} needs from the layer. */
export interface AuditedCommandsDeps {
  core: AgentCore;
  clock: Clock;
  record(entry: RecordInput): void;
  /** Shared with the auditor, which settles entries on the server's confirmation. */
  pending: Map<string, Pending>;
}

/** Toggle/pause/resume/start/stop of `core`, audited. */
export function auditedRecordingCommands(
  deps: AuditedCommandsDeps,
): Pick<
  AgentCore,
  'toggleRecording' | 'pauseRecording' | 'resumeRecording' | 'startRecording' | 'stopRecording'
> {
  const { core, clock, record, pending } = deps;

  async function request(
    op: RecordingOp | undefined,
    callId: string | undefined,
    run: () => Promise<CommandResult>,
  ): Promise<CommandResult> {
    const snapshot = core.getSnapshot();
    const id = callId ?? snapshot.targetCallId;
    const at = clock.now();
    record({ action: op ? OP_ACTION[op] : 'toggle', result: 'requested', callId: id });
    if (op && id !== undefined) pending.set(id, { op, at, auto: false });
    const result = await run();
    const resolvedOp = op ?? (result.ok ? OPERATION_OP[result.operation] : undefined);
    const action = resolvedOp ? OP_ACTION[resolvedOp] : 'toggle';
    const resultId = result.callId ?? id;
    const latencyMs = clock.now() - at;
    if (result.ok) {
      if (resolvedOp && resultId !== undefined && !op)
        pending.set(resultId, { op: resolvedOp, at, auto: false });
      record({ action, result: 'accepted', callId: resultId, latencyMs });
    } else {
      if (id !== undefined && pending.get(id)?.auto === false && result.code !== 'outcome-unknown')
        pending.delete(id);
      record({
        action,
        result: result.code === 'rejected' ? 'refused' : result.code,
        callId: resultId,
        latencyMs,
      });
    }
    return result;
  }

  function opOfToggle(): RecordingOp | undefined {
    const snapshot = core.getSnapshot();
    const target = snapshot.calls.find((c) => c.id === snapshot.targetCallId);
    if (target?.recording === 'recording') return 'pause';
    if (target?.recording === 'paused') return 'resume';
    return undefined;
  }

  return {
    toggleRecording: () => request(opOfToggle(), undefined, () => core.toggleRecording()),
    pauseRecording: (callId) => request('pause', callId, () => core.pauseRecording(callId)),
    resumeRecording: (callId) => request('resume', callId, () => core.resumeRecording(callId)),
    startRecording: (callId) => request('start', callId, () => core.startRecording(callId)),
    stopRecording: (callId) => request('stop', callId, () => core.stopRecording(callId)),
  };
}
