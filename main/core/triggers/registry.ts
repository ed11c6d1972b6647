/**
 * The trigger registry's decisions, as pure functions of plain data: given what is active, what the server
 * confirmed and the time, which pause or resume to send, what the payment page should show, and when to look
 * again. The runner ({@link ./trigger-runner.ts}) only feeds inputs in and carries the commands out.
 *
 * Contract (the safety rules of automatic pause):
 * - sources are counted: a pause stays while ANY source is active (two tabs, a rule and a field); the last one
 *   out starts the grace period, and only when the grace passes with no new source is a resume sent;
 * - a pause the registry started never outlives the cap: a warning first, then a resume with trigger `cap`,
 *   and no new automatic pause until every source has ended (else the cap would be undone at once);
 * - a manual resume while a source is active is refused unless it is a deliberate override, which is reported
 *   for the audit log and, like the cap, holds automatic pause off until every source has ended;
 * - a pause not confirmed by the server within the deadline shows `not-paused`; `paused` only ever comes from
 *   the server-confirmed snapshot; with no live call nothing is sent and the page is told `no-call`;
 * - a refused request is retried on a back-off; an accepted one that the snapshot never confirms is sent again
 *   after `confirmWaitMs` (the core's re-read corrects a lost event well within it).
 * Requests carry the trigger name and a rule id only.
 */

import { backoffDelay } from '../ports/backoff.ts';
import type {
  ConfirmedRecording,
  SourceTrigger,
  TriggerPolicy,
  TriggerRequest,
  TriggerSnapshot,
} from './trigger-types.ts';

/** One active source (a payment step in a tab, a matching window). */
export interface ActiveSource {
  readonly trigger: SourceTrigger;
  readonly ruleId: string;
  readonly since: number;
}

/** The last request the registry sent, and how it went. */
export interface SentCommand {
  readonly kind: 'pause' | 'resume';
  readonly callId: string;
  readonly sentAt: number;
  readonly status: 'in-flight' | 'accepted' | 'refused';
}

/** A pause the registry started and therefore must end. */
export interface AutoPause {
  readonly callId: string;
  /** First request of this pause: the deadline and the cap count from here. */
  readonly requestedAt: number;
}

/** Everything the registry knows. */
export interface RegistryState {
  readonly sources: ReadonlyMap<string, ActiveSource>;
  readonly graceUntil: number | undefined;
  readonly auto: AutoPause | undefined;
  readonly command: SentCommand | undefined;
  readonly failures: number;
  readonly retryAt: number;
  /** The cap ended the pause; no automatic pause until every source has ended. */
  readonly capped: boolean;
  readonly capWarned: boolean;
  /** A manual override resumed; no automatic pause until every source has ended. */
  readonly overridden: boolean;
  readonly snapshot: TriggerSnapshot;
}

/** An input to the registry. */
export type RegistryInput =
  | {
      readonly type: 'source-start';
      readonly key: string;
      readonly trigger: SourceTrigger;
      readonly ruleId: string;
    }
  | { readonly type: 'source-end'; readonly key: string }
  | { readonly type: 'snapshot'; readonly snapshot: TriggerSnapshot }
  | { readonly type: 'command-done'; readonly ok: boolean }
  | { readonly type: 'tick' };

/** A request to carry out. */
export interface RegistryCommand {
  readonly kind: 'pause' | 'resume';
  readonly callId: string;
  readonly request: TriggerRequest;
}

/** Something the agent or the audit log must learn (beyond the page state). */
export type RegistryNotice =
  | { readonly type: 'cap-warning'; readonly callId: string; readonly endsAt: number }
  | { readonly type: 'cap-ended'; readonly callId: string };

/** The outcome of one input. */
export interface RegistryStep {
  readonly state: RegistryState;
  readonly commands: readonly RegistryCommand[];
  readonly notices: readonly RegistryNotice[];
}

/** The registry before anything happened. */
export function initialRegistryState(snapshot: TriggerSnapshot = { calls: [] }): RegistryState {
  return {
    sources: new Map(),
    graceUntil: undefined,
    auto: undefined,
    command: undefined,
    failures: 0,
    retryAt: 0,
    capped: false,
    capWarned: false,
    overridden: false,
    snapshot,
  };
}

/** The confirmed recording of `callId`, or `undefined` when the call is not live. */
export function recordingOf(
  snapshot: TriggerSnapshot,
  callId: string | undefined,
): ConfirmedRecording | undefined {
  return snapshot.calls.find((call) => call.callId === callId)?.recording;
}

/** The call automatic pause acts on: the one it paused, else the first live call. */
export function targetCall(state: RegistryState): string | undefined {
  return state.auto?.callId ?? state.snapshot.calls[0]?.callId;
}

/** True while the registry wants the target paused. */
export function wantsPause(state: RegistryState, now: number): boolean {
  if (state.capped || state.overridden) return false;
  if (state.sources.size > 0) return true;
  return state.graceUntil !== undefined && now < state.graceUntil;
}

function startSource(
  state: RegistryState,
  input: Extract<RegistryInput, { type: 'source-start' }>,
  now: number,
): RegistryState {
  if (state.sources.has(input.key)) return state;
  const sources = new Map(state.sources);
  sources.set(input.key, { trigger: input.trigger, ruleId: input.ruleId, since: now });
  return { ...state, sources, graceUntil: undefined };
}

function endSource(state: RegistryState, key: string, now: number, policy: TriggerPolicy): RegistryState {
  if (!state.sources.has(key)) return state;
  const sources = new Map(state.sources);
  sources.delete(key);
  if (sources.size > 0) return { ...state, sources };
  // The last one out: the grace period starts, and cap/override holds end with the sources they held off.
  return { ...state, sources, graceUntil: now + policy.graceMs, capped: false, overridden: false };
}

function commandDone(state: RegistryState, ok: boolean, now: number, policy: TriggerPolicy): RegistryState {
  if (!state.command || state.command.status !== 'in-flight') return state;
  if (ok) return { ...state, command: { ...state.command, status: 'accepted' }, failures: 0 };
  const failures = state.failures + 1;
  return {
    ...state,
    command: { ...state.command, status: 'refused' },
    failures,
    retryAt: now + backoffDelay(failures, policy.retryBaseMs, policy.retryMaxMs),
  };
}

/** Applies one input; no decision yet. */
function apply(
  state: RegistryState,
  input: RegistryInput,
  now: number,
  policy: TriggerPolicy,
): RegistryState {
  switch (input.type) {
    case 'source-start':
      return startSource(state, input, now);
    case 'source-end':
      return endSource(state, input.key, now, policy);
    case 'snapshot':
      return { ...state, snapshot: input.snapshot };
    case 'command-done':
      return commandDone(state, input.ok, now, policy);
    case 'tick':
      return state;
  }
}

/** The cap: warn once, then end the pause and hold automatic pause off. */
function applyCap(state: RegistryState, now: number, policy: TriggerPolicy): RegistryStep {
  const auto = state.auto;
  if (!auto || state.capped) return { state, commands: [], notices: [] };
  const endsAt = auto.requestedAt + policy.capMs;
  if (now >= endsAt) {
    return {
      state: { ...state, capped: true },
      commands: [],
      notices: [{ type: 'cap-ended', callId: auto.callId }],
    };
  }
  if (!state.capWarned && now >= endsAt - policy.capWarningMs && wantsPause(state, now)) {
    return {
      state: { ...state, capWarned: true },
      commands: [],
      notices: [{ type: 'cap-warning', callId: auto.callId, endsAt }],
    };
  }
  return { state, commands: [], notices: [] };
}

/** True when a request of `kind` for `callId` is already on its way or waiting for its confirmation. */
function awaiting(
  state: RegistryState,
  kind: 'pause' | 'resume',
  callId: string,
  now: number,
  policy: TriggerPolicy,
): boolean {
  const command = state.command;
  if (!command || command.kind !== kind || command.callId !== callId) return false;
  if (command.status === 'in-flight') return true;
  return command.status === 'accepted' && now < command.sentAt + policy.confirmWaitMs;
}

function send(state: RegistryState, command: RegistryCommand, now: number): RegistryStep {
  const sent: SentCommand = { kind: command.kind, callId: command.callId, sentAt: now, status: 'in-flight' };
  return { state: { ...state, command: sent }, commands: [command], notices: [] };
}

/** The oldest active source: the one a pause request names. */
function leadSource(state: RegistryState): ActiveSource | undefined {
  let lead: ActiveSource | undefined;
  for (const source of state.sources.values()) if (!lead || source.since < lead.since) lead = source;
  return lead;
}

function decidePause(state: RegistryState, now: number, policy: TriggerPolicy): RegistryStep {
  const callId = targetCall(state);
  const idle = { state, commands: [], notices: [] };
  if (callId === undefined) return idle;
  const recording = recordingOf(state.snapshot, callId);
  // Already paused (by us, or by the agent's own hotkey: that pause stays the agent's to end) or not recorded.
  if (recording === 'paused' || recording === 'not-recording') return idle;
  if (state.command?.status === 'in-flight' || awaiting(state, 'pause', callId, now, policy)) return idle;
  if (now < state.retryAt) return idle;
  const lead = leadSource(state);
  const auto = state.auto ?? { callId, requestedAt: now };
  const request: TriggerRequest = {
    trigger: lead?.trigger ?? 'extension',
    ...(lead ? { ruleId: lead.ruleId } : {}),
  };
  return send({ ...state, auto }, { kind: 'pause', callId, request }, now);
}

function decideResume(state: RegistryState, now: number, policy: TriggerPolicy): RegistryStep {
  const auto = state.auto;
  const idle = { state, commands: [], notices: [] };
  if (!auto) return idle;
  const recording = recordingOf(state.snapshot, auto.callId);
  const done = { ...idle, state: { ...state, auto: undefined, capWarned: false } };
  if (recording === undefined) return done;
  if (recording === 'recording' || recording === 'not-recording') {
    // A pause we asked for may still be confirmed late (a lost event the core's re-read corrects): keep watching.
    if (awaiting(state, 'pause', auto.callId, now, policy)) return idle;
    return done;
  }
  if (state.command?.status === 'in-flight' || awaiting(state, 'resume', auto.callId, now, policy))
    return idle;
  if (now < state.retryAt) return idle;
  const request: TriggerRequest = { trigger: state.capped ? 'cap' : 'auto-resume' };
  return send(state, { kind: 'resume', callId: auto.callId, request }, now);
}

/** One input in, the commands and notices out. */
export function stepRegistry(
  state: RegistryState,
  input: RegistryInput,
  now: number,
  policy: TriggerPolicy,
): RegistryStep {
  let next = apply(state, input, now, policy);
  if (next.graceUntil !== undefined && now >= next.graceUntil) next = { ...next, graceUntil: undefined };
  // The call we paused has ended: nothing left to resume there.
  if (next.auto && recordingOf(next.snapshot, next.auto.callId) === undefined) {
    next = { ...next, auto: undefined, capWarned: false };
  }
  const capped = applyCap(next, now, policy);
  const decided = wantsPause(capped.state, now)
    ? decidePause(capped.state, now, policy)
    : decideResume(capped.state, now, policy);
  return {
    state: decided.state,
    commands: decided.commands,
    notices: [...capped.notices, ...decided.notices],
  };
}
