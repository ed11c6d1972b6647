/**
 * The vocabulary the core speaks to its consumers (desktop app, browser mode,
 * headless CLI, compliance layer): codes and severities, never prose to match.
 * Messages are for people (logs, tooltips); decisions are made on codes.
 *
 * This file holds types only, so every layer can import it (`import type`)
 * without pulling the core's runtime in.
 */

import type { WorkspaceSnapshot } from './state/workspace.ts';

import type { CoreErrorCode, Severity } from './ports/core-errors.ts';
export type { CoreErrorCode, Severity, SignInFailureCode, StartResult } from './ports/core-errors.ts';

import type { RecordingTransition } from './state/workspace-types.ts';
export type { RecordingTransition } from './state/workspace-types.ts';

/**
 * A state event: the whole snapshot, emitted only when it differs from the
 * previous one (ignoring `at`), with the recording transitions confirmed since
 * the previous state event, oldest first.
 */
export interface CoreStateEvent {
  type: 'state';
  state: WorkspaceSnapshot;
  transitions: RecordingTransition[];
}

/**
 * An error event. Consumers decide on `code` and `severity` (a `diagnostic`
 * goes to the log only); `message` is redacted prose for people.
 */
export interface CoreErrorEvent {
  type: 'error';
  code: CoreErrorCode;
  severity: Severity;
  message: string;
  /** The call it is about, when there is one. */
  callId?: string;
}

/** Everything {@link AgentCore.subscribe} delivers. */
export type CoreEvent = CoreStateEvent | CoreErrorEvent;
