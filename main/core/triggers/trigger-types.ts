/**
 * The vocabulary of automatic pause: who asked (the trigger name the audit log records), what the trigger
 * registry needs from the core (a port, so the registry can be wired to the agent core later without importing
 * it), and the registry's timing policy.
 *
 * Contract: a request names its trigger and, for rule-driven triggers, the rule id — never a URL, a window title
 * or a field's content, which may hold card data. The snapshot the core hands over holds only the
 * server-confirmed recording state of each live call, so nothing here can turn an unconfirmed state into a
 * "paused" on the page.
 */

/** Every source of a pause or resume request, as the audit log spells it. */
export const TRIGGER_NAMES = [
  'hotkey',
  'window',
  'tray',
  'extension',
  'window-rule',
  'cli',
  'link',
  'auto-resume',
  'cap',
] as const;
export type TriggerName = (typeof TRIGGER_NAMES)[number];

/** Triggers that hold a pause open while they are active (counted sources). */
export type SourceTrigger = Extract<TriggerName, 'extension' | 'window-rule'>;

/** What travels with a pause or resume to the core (and on to the audit log). */
export interface TriggerRequest {
  readonly trigger: TriggerName;
  /** The rule that caused it, when one did. */
  readonly ruleId?: string;
  /** True for a manual resume that overrode an active rule (the audit log records it). */
  readonly override?: boolean;
}

/** Recording state of one call as the SERVER confirmed it (`unknown`: the core could not tell). */
export type ConfirmedRecording = 'recording' | 'paused' | 'not-recording' | 'unknown';

/** One live call of the agent. */
export interface CallRecordingView {
  readonly callId: string;
  readonly recording: ConfirmedRecording;
}

/** The core's confirmed view of the agent's live calls; the first is the one automatic pause targets. */
export interface TriggerSnapshot {
  readonly calls: readonly CallRecordingView[];
}

/** What the trigger runner needs from the core. */
export interface TriggerCorePort {
  /** Asks GWS to pause `callId`'s recording; resolves when GWS accepted the request (not when it confirmed). */
  pause(callId: string, request: TriggerRequest): Promise<void>;
  /** Asks GWS to resume `callId`'s recording; resolves when GWS accepted the request. */
  resume(callId: string, request: TriggerRequest): Promise<void>;
  /** The current confirmed snapshot. */
  snapshot(): TriggerSnapshot;
  /** Calls `listener` with every new snapshot; returns the unsubscribe function. */
  onSnapshot(listener: (snapshot: TriggerSnapshot) => void): () => void;
}

/** The registry's timing policy (milliseconds). */
export interface TriggerPolicy {
  /** An automatic pause not confirmed this long after it was asked for raises "NOT PAUSED". */
  readonly deadlineMs: number;
  /** After the last source ended, resume only once this has passed with no new source. */
  readonly graceMs: number;
  /** No automatic pause lasts longer than this. */
  readonly capMs: number;
  /** How long before the cap the agent is warned. */
  readonly capWarningMs: number;
  /** An accepted request with no confirmation for this long is sent again. */
  readonly confirmWaitMs: number;
  /** Back-off of a refused request: base and maximum. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

/** Defaults: deadline 2 s and grace 3 s as the issue states; a 10-minute cap, warned 30 s ahead. */
export const DEFAULT_TRIGGER_POLICY: TriggerPolicy = {
  deadlineMs: 2_000,
  graceMs: 3_000,
  capMs: 600_000,
  capWarningMs: 30_000,
  confirmWaitMs: 12_000,
  retryBaseMs: 500,
  retryMaxMs: 5_000,
};

/**
 * What a payment page's overlay shows (the core cannot import the extension protocol, so the list is restated
 * here; a test keeps the two equal).
 */
export const PAGE_STATE_NAMES = [
  'idle',
  'pausing',
  'paused',
  'not-paused',
  'no-call',
  'no-app',
  'cap-warning',
  'cap-ended',
] as const;
export type PageStateName = (typeof PAGE_STATE_NAMES)[number];
