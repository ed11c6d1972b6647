/**
 * The app's view of the core, derived from the core's own types: the snapshot
 * (`WorkspaceSnapshot`, every call with a required `stale`), the events
 * (`CompliantCoreEvent`: the core's state and error events plus the
 * compliance layer's) and the commands (`AgentCore`). Nothing is restated, so
 * the rule "never show an unconfirmed state as confirmed" rests on fields the
 * compiler holds the core to, and a change in the core breaks the app's build
 * instead of its behaviour.
 *
 * The one thing optional here is compliance itself: a core built without
 * `withCompliance` (browser mode tests, a bare `agentCoreFactory`) has no
 * `keepPaused` or `complianceState`.
 */

import type { CompliantCore } from '../../core/compliance/compliance-events.ts';

export type { StartResult } from '../../core/core-events.ts';
export type { CallView, WorkspaceSnapshot } from '../../core/state/workspace-types.ts';
export type { CommandResult } from '../../core/state/commands.ts';
export type {
  ComplianceEvent,
  CompliantCoreEvent,
  PausedCallCompliance,
} from '../../core/compliance/compliance-events.ts';

/** What only the compliance layer adds to the core's API. */
type ComplianceExtras = 'keepPaused' | 'complianceState' | 'markTransfer';

/**
 * The core as the app drives it: the core's API with the compliance layer's
 * event vocabulary, and the compliance extras present when the core is
 * wrapped. A bare `AgentCore` and a `CompliantCore` are both one.
 */
export type AppCore = Omit<CompliantCore, ComplianceExtras> & Partial<Pick<CompliantCore, ComplianceExtras>>;
