/**
 * The core's state sync: what the agent's workspace is and how it stays true.
 * Contract: events from the stream are applied to the {@link Workspace}; REST
 * reads of the agent's calls (and devices) go through the one
 * {@link StateReader} (coalesced, retried with back-off on the injected
 * clock, never while the credentials are refused); every change of the
 * snapshot is published once, with the recording transitions confirmed since
 * the previous one. Why a unit of its own: the contact-center session (sign
 * in, stream, Start/End) decides WHEN the state may be trusted, this decides
 * WHAT it is — and the second is where every "never show an unconfirmed
 * recording state" rule lives.
 *
 * Reads follow the workspace's {@link ReconcileCadence}: every `fastMs` while a
 * pause is at stake (paused, pausing, resuming, unknown, stale), every `slowMs`
 * while every call plainly records or not — a lost event is then corrected
 * within `2 × fastMs` wherever the agent relies on a pause, at a fraction of
 * the load on GWS.
 */

import type { GwsResult } from '../gws/session.ts';
import { GwsPath } from '../gws/session.ts';
import type { Clock } from '../ports/clock.ts';
import type { CoreErrorCode, Severity } from '../ports/core-errors.ts';
import type { Logger } from '../ports/logging.ts';
import { describeValue } from '../ports/redact.ts';
import {
  callsResponseSchema,
  devicesResponseSchema,
  parseCallList,
  parseGwsEvent,
  summarize,
  type CallList,
  type Device,
} from './call-model.ts';
import { StateReader } from './state-reader.ts';
import { Workspace, type WorkspaceSnapshot } from './workspace.ts';
import type { ConnectionState } from '../bayeux/connection.ts';
import type { RecordingTransition, WorkspaceOptions } from './workspace-types.ts';

/** Reports an error event (redaction and logging are the reporter's job). */
export type ReportError = (code: CoreErrorCode, severity: Severity, message: string, callId?: string) => void;

/** The two reconcile cadences, in ms. */
export interface ReconcileCadences {
  /** While a pause is at stake or a call is unverified; a call unconfirmed for twice this is `stale`. */
  fastMs: number;
  /** While every call plainly records or not; such a call is `stale` after twice this. */
  slowMs: number;
}

/** Construction options of {@link StateSync}. */
export interface StateSyncOptions {
  /** The REST session's reads. */
  get(path: string): Promise<GwsResult>;
  clock: Clock;
  log: Logger;
  reportError: ReportError;
  /** Called with every changed snapshot and the transitions confirmed since the previous one. */
  publish(state: WorkspaceSnapshot, transitions: RecordingTransition[]): void;
  cadences: ReconcileCadences;
  /** Ceiling of the read retry back-off. */
  maxBackoffMs: number;
  /** False while no read may go out for another reason (the stream was signed out). */
  readAllowed(): boolean;
  recordingTimeoutMs?: number;
}

/** True when a failed read means the server refused our credentials (after the session's one re-login). */
function refusedCredentials(result: Exclude<GwsResult, { ok: true }>): boolean {
  return (
    (result.kind === 'http' && result.httpStatus === 401) ||
    (result.kind === 'gws' && (result.httpStatus === 401 || result.statusCode === 20))
  );
}

/** A parsed read, or why it cannot be used. */
type ParsedRead =
  { ok: true; list: CallList; devices: Device[] | undefined } | { ok: false; message: string };

/** Validates the bodies of a calls (and devices) read. */
function parseRead(callsBody: unknown, devicesBody: unknown, full: boolean): ParsedRead {
  const calls = callsResponseSchema.safeParse(callsBody);
  const devices = full ? devicesResponseSchema.safeParse(devicesBody) : undefined;
  if (!calls.success || (devices && !devices.success)) {
    const error = calls.success ? devices?.error : calls.error;
    return {
      ok: false,
      message: `the server sent unreadable state: ${error ? summarize(error) : 'unknown'}`,
    };
  }
  // Call by call: one malformed call must not hide the others; it is kept
  // with its recording state unknown rather than guessed.
  return { ok: true, list: parseCallList(calls.data.calls), devices: devices?.data?.devices };
}

/** See the module comment. */
export class StateSync {
  readonly workspace: Workspace;
  readonly #reader: StateReader;
  readonly #options: StateSyncOptions;
  #stopped = false;
  /** Failed reads in a row (the first is a warning, the rest diagnostics). */
  #readFailures = 0;
  /**
   * A read met refused credentials: no read is retried until one succeeds
   * again (after a new connect), since each retry would be another refused
   * sign-in and could lock the account.
   */
  #credentialsRefused = false;
  /** Key of the last published snapshot (without `at`): a state event goes out only on a change. */
  #lastKey = '';
  #carried: RecordingTransition[] = [];

  constructor(options: StateSyncOptions) {
    this.#options = options;
    const { fastMs, slowMs } = options.cadences;
    this.workspace = new Workspace({
      clock: options.clock,
      staleAfterMs: 2 * fastMs,
      plainStaleAfterMs: 2 * slowMs,
      listedCallsOnly: true,
      ...(options.recordingTimeoutMs === undefined ? {} : { recordingTimeoutMs: options.recordingTimeoutMs }),
      onChange: () => this.#onChange(),
      onRecordingError: (callId, message) =>
        options.reportError('recording-failed', 'warning', `call ${callId}: ${message}`, callId),
      onNeedsRefresh: (reason, code) => this.#onNeedsRefresh(reason, code),
      onMismatch: (callId, shown, actual) =>
        options.reportError(
          'state-mismatch',
          'warning',
          `call ${callId}: the server reports recording ${actual}, we showed ${shown}; corrected`,
          callId,
        ),
    });
    this.#reader = new StateReader({
      clock: options.clock,
      cadenceMs: () => this.#cadenceMs(),
      maxBackoffMs: options.maxBackoffMs,
      allowed: () => !this.#credentialsRefused && options.readAllowed(),
      read: (full) => this.#read(full),
    });
  }

  /** Applies one raw Bayeux event (parsed here; a malformed one asks for a read). */
  applyEvent(data: unknown): void {
    this.workspace.applyEvent(parseGwsEvent(data));
  }

  /** Records the stream's state (leaving `connected` makes the state unverified). */
  setConnection(state: ConnectionState): void {
    this.workspace.setConnection(state);
  }

  /**
   * After a (re)connect: reads calls and devices until a read succeeds
   * (the reader backs off between failures), while `current()` — this
   * connect is still the latest and nothing stopped. Resolves true once read
   * and still current; false when superseded, stopped or no read may be sent.
   */
  async syncAfterConnect(current: () => boolean): Promise<boolean> {
    for (;;) {
      if (this.#stopped || !current()) return false;
      if (await this.#reader.request(true)) return !this.#stopped && current();
      if (!this.#reader.allowed) return false;
    }
  }

  /** Marks the state as re-read after the latest reconnect: it is live (shown as confirmed) from now. */
  markSynced(): void {
    this.workspace.markSynced();
  }

  /** Re-reads the calls now, cutting a back-off short (a command waits on it). */
  refresh(): Promise<boolean> {
    return this.#reader.request(false, true);
  }

  /** Re-reads calls and devices now (on OS resume, network up). */
  readNow(): void {
    void this.#reader.request(true, true);
  }

  /** Stops reading for good (pending reads resolve false). */
  stop(): void {
    this.#stopped = true;
    this.#reader.stop();
  }

  /** Stops the workspace's timers (after the session ended). */
  dispose(): void {
    this.workspace.dispose();
  }

  #cadenceMs(): number | undefined {
    if (this.#stopped || !this.workspace.live) return undefined;
    switch (this.workspace.reconcileCadence) {
      case 'none':
        return undefined;
      case 'slow':
        return this.#options.cadences.slowMs;
      case 'fast':
        return this.#options.cadences.fastMs;
    }
  }

  /** Publishes the snapshot when it changed (transitions of unchanged snapshots ride on the next one). */
  #onChange(): void {
    const state = this.workspace.snapshot();
    const transitions = [...this.#carried, ...this.workspace.takeTransitions()];
    const key = JSON.stringify({ ...state, at: 0 });
    this.#reader.schedule();
    if (key === this.#lastKey) {
      this.#carried = transitions;
      return;
    }
    this.#lastKey = key;
    this.#carried = [];
    for (const t of transitions)
      this.#options.log.info(`call ${t.callId}: recording ${t.from} → ${t.to}`, { ...t });
    this.#options.publish(state, transitions);
  }

  #onNeedsRefresh(reason: string, code: Parameters<WorkspaceOptions['onNeedsRefresh']>[1]): void {
    if (code === 'unknown-event' || code === 'unreadable-event') {
      this.#options.reportError(code, 'diagnostic', `re-reading state from the server: ${reason}`);
    } else {
      this.#options.log.info(`re-reading state from the server: ${reason}`);
    }
    // An unlisted call's event only needs the calls; anything else re-reads the devices too.
    void this.#reader.request(code !== 'unlisted-call');
  }

  /** One read through the workspace's ordering marks. Never throws. */
  async #read(full: boolean): Promise<boolean> {
    const since = this.workspace.beginRead();
    try {
      const ok = await this.#readOnce(since, full);
      if (ok) this.#readFailures = 0;
      return ok;
    } catch (error) {
      return this.#readFailed(describeValue(error));
    } finally {
      this.workspace.endRead();
    }
  }

  /** One REST read of calls (and devices when `full`), begun at event mark `since`. */
  async #readOnce(since: number, full: boolean): Promise<boolean> {
    this.#options.log.debug(full ? 'reading calls and devices' : 'reconciling calls');
    const [calls, devices] = await Promise.all([
      this.#options.get(`${GwsPath.Calls}?fields=*`),
      full ? this.#options.get(`${GwsPath.Devices}?fields=*`) : undefined,
    ]);
    for (const result of devices ? [calls, devices] : [calls]) {
      if (result.ok) continue;
      this.#credentialsRefused ||= refusedCredentials(result);
      return this.#readFailed(result.message);
    }
    this.#credentialsRefused = false;
    if (!calls.ok || (devices && !devices.ok)) return false;
    const parsed = parseRead(calls.body, devices?.ok ? devices.body : undefined, full);
    if (!parsed.ok) return this.#readFailed(parsed.message);
    for (const problem of parsed.list.problems) {
      this.#options.reportError(
        'unreadable-event',
        'warning',
        `the server sent an unreadable call: ${problem}`,
      );
    }
    if (parsed.list.anonymous > 0) return false;
    this.workspace.replaceCalls(parsed.list.calls, since, parsed.list.unreadable);
    if (parsed.devices) this.workspace.replaceDevices(parsed.devices, since);
    return true;
  }

  #readFailed(message: string): false {
    this.#readFailures += 1;
    this.workspace.markReadFailed();
    this.#options.reportError(
      'resync-failed',
      this.#readFailures === 1 ? 'warning' : 'diagnostic',
      `cannot re-read state: ${message}`,
    );
    return false;
  }
}
