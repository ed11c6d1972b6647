/**
 * What the registry's state means to people and to the timer: the payment page's overlay state, the next
 * moment a decision can change on its own (grace end, deadline, cap, retry), and the answer to a manual resume.
 * Pure functions of {@link RegistryState}.
 *
 * Contract: the page state says `paused` only when the server-confirmed snapshot does; a pause asked for and
 * not confirmed by the deadline says `not-paused` until the snapshot confirms it; with no live call the page
 * is told `no-call`. A manual resume while a source is active is refused unless it is an override.
 */

import type { RegistryState } from './registry.ts';
import { recordingOf, targetCall, wantsPause } from './registry.ts';
import type { PageStateName, TriggerName, TriggerPolicy, TriggerRequest } from './trigger-types.ts';

/** The overlay state for pages while a payment step is active (`idle` when none is). */
export function pageStateOf(state: RegistryState, now: number, policy: TriggerPolicy): PageStateName {
  if (state.sources.size === 0) return 'idle';
  if (state.capped) return 'cap-ended';
  const callId = targetCall(state);
  const recording = recordingOf(state.snapshot, callId);
  if (callId === undefined || recording === undefined) return 'no-call';
  if (recording === 'paused') return state.capWarned ? 'cap-warning' : 'paused';
  // Recording on purpose (a manual override) or not recorded at all: the page must not say paused.
  if (state.overridden) return 'not-paused';
  if (recording === 'not-recording') return 'idle';
  const askedAt = state.auto?.requestedAt ?? now;
  return now >= askedAt + policy.deadlineMs ? 'not-paused' : 'pausing';
}

/** The next time (clock ms, > `now`) at which a decision may change without a new input, if any. */
export function nextWakeAt(state: RegistryState, now: number, policy: TriggerPolicy): number | undefined {
  const times: number[] = [];
  if (state.graceUntil !== undefined) times.push(state.graceUntil);
  if (state.retryAt > now) times.push(state.retryAt);
  if (state.command?.status === 'accepted') times.push(state.command.sentAt + policy.confirmWaitMs);
  if (state.auto) {
    const capAt = state.auto.requestedAt + policy.capMs;
    times.push(state.auto.requestedAt + policy.deadlineMs, capAt - policy.capWarningMs, capAt);
  }
  const future = times.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : undefined;
}

/** The answer to a manual resume (hotkey, window, tray, CLI, link). */
export type ManualResumeDecision =
  | { readonly allowed: false; readonly reason: 'source-active'; readonly ruleIds: readonly string[] }
  | {
      readonly allowed: true;
      readonly state: RegistryState;
      readonly request: TriggerRequest;
      /** The active rules the override overrode (empty when none was active). */
      readonly overrode: readonly string[];
    };

/**
 * Decides a manual resume: refused while a source is active unless `override`; allowed otherwise. An allowed
 * resume takes the pause out of the registry's hands, and an override also holds automatic pause off until
 * every source has ended (else the next focus event would pause again at once).
 */
export function decideManualResume(
  state: RegistryState,
  trigger: TriggerName,
  override: boolean,
  now: number,
): ManualResumeDecision {
  const ruleIds = [...new Set([...state.sources.values()].map((s) => s.ruleId))];
  const active = ruleIds.length > 0 && wantsPause(state, now);
  if (active && !override) return { allowed: false, reason: 'source-active', ruleIds };
  const next: RegistryState = {
    ...state,
    auto: undefined,
    capWarned: false,
    graceUntil: undefined,
    overridden: active,
  };
  const request: TriggerRequest = active
    ? { trigger, override: true, ...(ruleIds[0] ? { ruleId: ruleIds[0] } : {}) }
    : { trigger };
  return { allowed: true, state: next, request, overrode: active ? ruleIds : [] };
}
