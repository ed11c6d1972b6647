/**
 * The headless CLI's output: one JSON object per line on stdout — `status` on
 * every change of what an operator sees (not on every snapshot), `error` for
 * the core's errors, a line per compliance event — read from the session's
 * core events. Once the reader of stdout is gone (EPIPE), nothing more is
 * written there. Values come from the core's snapshot as they are: a status
 * is only what the core shows (it never shows a state the server has not
 * confirmed), and no password, token or card data is in a snapshot. Error
 * texts can quote a server, so they go through the caller's redaction (which
 * knows this run's password) before they are printed.
 */

import { complianceLine } from '../../core/compliance/event-lines.ts';
import { isComplianceEvent } from '../../app/policies/command-dispatch.ts';
import type { CompliantCoreEvent, WorkspaceSnapshot } from '../../app/ports/core-port.ts';
import type { SessionEvent } from '../../app/services/session-controller.ts';

/** One JSON line's object. */
export type Line = Record<string, unknown>;

/** Writes JSON lines on stdout. */
export interface LineWriter {
  emit(line: Line): void;
  /** The reader went away: drop every later line. */
  close(): void;
}

/** The writer over `process.stdout`. */
export function stdoutWriter(): LineWriter {
  let open = true;
  return {
    emit(line) {
      if (open) process.stdout.write(`${JSON.stringify(line)}\n`);
    },
    close() {
      open = false;
    },
  };
}

/** The `status` line of a snapshot. */
export function statusLine(snapshot: WorkspaceSnapshot): Line {
  return {
    type: 'status',
    connection: snapshot.connection,
    recording: snapshot.status,
    callId: snapshot.statusCallId ?? null,
    agentState: snapshot.agentState ?? null,
    calls: snapshot.calls.map((c) => ({ id: c.id, state: c.state, recording: c.recording, stale: c.stale })),
    ...(snapshot.pausedSince === undefined ? {} : { pausedSince: Math.round(snapshot.pausedSince) }),
    ...(snapshot.otherPausedCallIds.length === 0 ? {} : { otherPausedCallIds: snapshot.otherPausedCallIds }),
  };
}

/**
 * A listener of the session's events that prints its core's events; calls
 * `onSignedOut` when the server refused the credentials while reconnecting.
 * `redact` cleans every error text (a server may echo what it was sent).
 */
export function sessionPrinter(
  writer: LineWriter,
  onSignedOut: () => void,
  redact: (text: string) => string,
): (event: SessionEvent) => void {
  let last = '';
  const print = (event: CompliantCoreEvent): void => {
    if (event.type === 'error') {
      const { code, severity, message, callId } = event;
      return writer.emit({
        type: 'error',
        code,
        severity,
        message: redact(message),
        ...(callId === undefined ? {} : { callId }),
      });
    }
    if (isComplianceEvent(event)) return writer.emit(complianceLine(event));
    if (event.type !== 'state') return;
    if (event.state.connection === 'signed-out') onSignedOut();
    const line = statusLine(event.state);
    const key = JSON.stringify(line);
    if (key === last) return;
    last = key;
    writer.emit(line);
  };
  return (event) => {
    if (event.type === 'core') print(event.event);
  };
}
