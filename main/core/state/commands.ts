/**
 * The agent's commands. Each one checks what the client already knows
 * (connection live, target call, `capabilities`, pending operation) before
 * sending anything, so an impossible action costs no request and returns a
 * reason the UI can show. Expected failures are values, never exceptions.
 */

import { CallState, type CallSnapshot } from './call-model.ts';
import { GwsPath, type GwsFailure, type GwsResult } from '../gws/session.ts';
import { RECORDING_OPS, type RecordingOp } from './recording-machine.ts';
import type { Workspace } from './workspace.ts';

/** Why a command did nothing or failed. */
export type CommandFailureCode =
  | 'not-connected'
  | 'no-call'
  | 'not-capable'
  | 'pending'
  | 'invalid-state'
  | 'rejected'
  | 'outcome-unknown'
  | 'closed';

/** Outcome of a command. `ok` means the server accepted it; confirmation arrives as state. */
export type CommandResult =
  | { ok: true; operation: string; callId?: string }
  | { ok: false; code: CommandFailureCode; reason: string; callId?: string };

/** Call operations exposed as commands (gws-api.md §4.4). */
export type CallOperation = 'Answer' | 'Hold' | 'Retrieve' | 'Hangup';

/** Agent-state operations (gws-api.md §2.4). */
export type AgentStateOperation = 'Ready' | 'NotReady';

/** What commands need: a way to POST and the current workspace. */
export interface CommandContext {
  /** POSTs an operation to GWS (the session's `post`). */
  post(path: string, body: Record<string, unknown>): Promise<GwsResult>;
  /** The state commands check before sending and update while pending. */
  readonly workspace: Workspace;
  /**
   * Re-reads the calls from the server now; resolves true when the read
   * succeeded. Commands use it on an `unknown`/`stale` call (instead of a bare
   * refusal) and after a refusal that says our state was wrong.
   */
  refresh?(): Promise<boolean>;
}

const fail = (
  code: CommandFailureCode,
  reason: string,
  callId?: string,
): Extract<CommandResult, { ok: false }> => ({
  ok: false,
  code,
  reason,
  ...(callId === undefined ? {} : { callId }),
});

const NOT_LIVE = 'not connected to GWS notifications: the shown state may be stale, nothing was sent';
const UNSURE =
  'recording state is unknown and the server could not be read just now: nothing was sent (re-reading in the background)';

/** True when the call's recording state is unknown or not confirmed recently (and nothing is pending). */
function unsure(ctx: CommandContext, callId: string): boolean {
  const machine = ctx.workspace.machine(callId);
  if (machine?.isPending) return false;
  return machine?.state === 'unknown' || ctx.workspace.isStale(callId);
}

/**
 * The hotkey: pause a recording call, resume a paused one. Targets the single
 * Established call (most recently established of several; never a Held call).
 * Ignored with a reason while an operation is pending or the state is unknown.
 * It never *starts* a recording: the secure-pause hotkey must not turn
 * recording on for a call where it was off.
 */
export async function toggleRecording(ctx: CommandContext, reread = true): Promise<CommandResult> {
  if (!ctx.workspace.live) return fail('not-connected', NOT_LIVE);
  const target = ctx.workspace.targetCall();
  if (!target) return fail('no-call', noTargetReason(ctx.workspace));
  if (unsure(ctx, target.id)) {
    // Unknown is never a dead end: read the server's state, then act on it.
    if (reread && ctx.refresh && (await ctx.refresh())) return toggleRecording(ctx, false);
    return fail('invalid-state', UNSURE, target.id);
  }
  const machine = ctx.workspace.machine(target.id);
  switch (machine?.state) {
    case 'recording':
      return recordingCommand(ctx, 'pause', target.id);
    case 'paused':
      return recordingCommand(ctx, 'resume', target.id);
    case 'starting':
    case 'pausing':
    case 'resuming':
    case 'stopping':
      return fail('pending', `${machine.state}: wait for the server to confirm`, target.id);
    case 'stopped':
      return fail('invalid-state', 'recording is off on this call: nothing to pause or resume', target.id);
    default:
      return fail('invalid-state', 'recording state is unknown: nothing was sent', target.id);
  }
}

/**
 * Start / pause / resume / stop recording on `callId`, or on the hotkey target.
 * Moves the call's machine to its pending state. Rolls back only on a definite
 * refusal (a GWS error statusCode, or an HTTP 4xx); after a timeout, a reset
 * connection or a 5xx without a GWS body the server may have executed the
 * operation, so the machine stays pending until the server's event or the
 * timeout (then `unknown` and a re-read) — never a guessed rollback.
 */
export async function recordingCommand(
  ctx: CommandContext,
  op: RecordingOp,
  callId?: string,
  reread = true,
): Promise<CommandResult> {
  if (!ctx.workspace.live) return fail('not-connected', NOT_LIVE, callId);
  const call = callId === undefined ? ctx.workspace.targetCall() : ctx.workspace.call(callId);
  if (!call)
    return fail('no-call', callId === undefined ? noTargetReason(ctx.workspace) : `no call ${callId}`);
  if (unsure(ctx, call.id)) {
    if (reread && ctx.refresh && (await ctx.refresh())) return recordingCommand(ctx, op, callId, false);
    return fail('invalid-state', UNSURE, call.id);
  }
  const machine = ctx.workspace.machine(call.id);
  const spec = RECORDING_OPS[op];
  if (machine?.isPending) return fail('pending', `${machine.state}: wait for the server to confirm`, call.id);
  if (!call.capabilities.includes(spec.operationName)) {
    return fail(
      'not-capable',
      `the call does not offer ${spec.operationName} now (${describe(call)})`,
      call.id,
    );
  }
  const begun = machine?.begin(op);
  if (!begun?.ok) return fail('invalid-state', begun?.reason ?? 'recording state is unknown', call.id);
  const result = await ctx.post(`${GwsPath.Calls}/${encodeURIComponent(call.id)}`, {
    operationName: spec.operationName,
  });
  if (result.ok) return { ok: true, operation: spec.operationName, callId: call.id };
  const failed = failure(spec.operationName, result, call.id);
  if (isDefiniteRefusal(result)) {
    machine?.fail(begun.token, failed.reason);
    // A refusal (e.g. statusCode 2, "not allowed now") may mean our state was
    // wrong: re-read at once rather than keep showing it.
    if (result.kind !== 'closed') void ctx.refresh?.();
  }
  return failed;
}

/** True when the server certainly did not execute the request. */
function isDefiniteRefusal(result: GwsFailure): boolean {
  if (result.kind === 'closed' || result.kind === 'gws') return true; // gws: statusCode ≠ 0
  return result.kind === 'http' && result.httpStatus >= 400 && result.httpStatus < 500;
}

/** Picks the call a call operation applies to when the caller names none. */
function defaultCallFor(ctx: CommandContext, operation: CallOperation): CallSnapshot | undefined {
  const calls = ctx.workspace.calls();
  switch (operation) {
    case 'Answer':
      return calls.find((c) => c.state === CallState.Ringing);
    case 'Retrieve':
      return calls.find((c) => c.state === CallState.Held);
    case 'Hold':
      return ctx.workspace.targetCall();
    case 'Hangup':
      // Never a held call: hanging up on a customer on hold needs an explicit callId.
      return (
        ctx.workspace.targetCall() ??
        calls.find(
          (c) =>
            (c.state === CallState.Ringing || c.state === CallState.Dialing) &&
            c.capabilities.includes('Hangup'),
        )
      );
  }
}

/**
 * Answer / Hold / Retrieve / Hangup on `callId`, or on the obvious call
 * (ringing for Answer, held for Retrieve, the hotkey target otherwise).
 */
export async function callCommand(
  ctx: CommandContext,
  operation: CallOperation,
  callId?: string,
): Promise<CommandResult> {
  if (!ctx.workspace.live) return fail('not-connected', NOT_LIVE, callId);
  const call = callId === undefined ? defaultCallFor(ctx, operation) : ctx.workspace.call(callId);
  if (!call) return fail('no-call', callId === undefined ? `no call to ${operation}` : `no call ${callId}`);
  if (!call.capabilities.includes(operation)) {
    return fail('not-capable', `the call does not offer ${operation} now (${describe(call)})`, call.id);
  }
  const result = await ctx.post(`${GwsPath.Calls}/${encodeURIComponent(call.id)}`, {
    operationName: operation,
  });
  return result.ok ? { ok: true, operation, callId: call.id } : failure(operation, result, call.id);
}

/** Ready / NotReady on the voice channel; confirmed later by a DeviceStateChangeMessage. */
export async function agentStateCommand(
  ctx: CommandContext,
  operation: AgentStateOperation,
): Promise<CommandResult> {
  if (!ctx.workspace.live) return fail('not-connected', NOT_LIVE);
  const result = await ctx.post(GwsPath.VoiceChannel, { operationName: operation });
  return result.ok ? { ok: true, operation } : failure(operation, result);
}

function failure(
  operation: string,
  result: GwsFailure,
  callId?: string,
): Extract<CommandResult, { ok: false }> {
  if (result.kind === 'closed') return fail('closed', `${operation} not sent: ${result.message}`, callId);
  if (!isDefiniteRefusal(result)) {
    return fail(
      'outcome-unknown',
      `${operation} outcome unknown (the server may have executed it): ${result.message}`,
      callId,
    );
  }
  const detail =
    result.kind === 'gws' ? `${result.message} (statusCode ${result.statusCode})` : result.message;
  return fail('rejected', `${operation} refused by the server: ${detail}`, callId);
}

function noTargetReason(workspace: Workspace): string {
  const held = workspace.calls().filter((c) => c.state === CallState.Held).length;
  return held > 0 ? 'no established call (held calls are never the target)' : 'no established call';
}

function describe(call: CallSnapshot): string {
  return `call is ${call.state}, recording ${call.recordingState ?? 'not reported'}`;
}
