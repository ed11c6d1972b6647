/**
 * The compliance layer's auditor: turns confirmed recording changes, command
 * answers and compliance events into audit entries, so that a pause can be
 * proved afterwards (who asked, what the server answered, when it confirmed).
 *
 * Entries carry only ids, actions, codes and durations, never server text or
 * call data (a call's `userData` may hold card data). A confirmation settles
 * the request it answers (`confirmed`, with its latency: it may arrive before
 * the HTTP answer); any other confirmed change is recorded when it concerns a
 * pause or corrected us (`recording-state`). A failed write never breaks the
 * layer: it is reported as an `error` event instead.
 */

import type { AuditLog, AuditRecord } from './audit-log.ts';
import { OP_ACTION, OP_TARGET, type Pending } from './audited-commands.ts';
import type {
  AutoResumeWarningEvent,
  CallEndedWhilePausedEvent,
  ReminderEvent,
  StreamLostWhilePausedEvent,
} from './compliance-events.ts';
import type { ConfirmedChange } from './pause-tracker.ts';

/** What the auditor writes to. */
export type AuditSink = Pick<AuditLog, 'append'>;

/** An audit record whose call id is not yet made safe. */
export type RecordInput = Omit<AuditRecord, 'callId'> & { callId?: string | undefined };

/** The compliance events that leave one audit entry each, as they are emitted. */
export type AuditedEvent =
  ReminderEvent | AutoResumeWarningEvent | CallEndedWhilePausedEvent | StreamLostWhilePausedEvent;

/** Call ids as the audit log accepts them (GWS ids always do; anything else is made safe). */
export function auditId(id: string | undefined): string | null {
  if (id === undefined || id === '') return null;
  return id.replace(/[^A-Za-z0-9._:-]/g, '_').slice(0, 128);
}

/** The audit entry of a compliance event. */
export function eventRecord(event: AuditedEvent): RecordInput {
  switch (event.type) {
    case 'reminder':
      return {
        action: 'reminder',
        result: `level-${event.level}`,
        callId: event.callId,
        detail: `pausedForMs=${Math.round(event.pausedForMs)}`,
      };
    case 'auto-resume-warning':
      return {
        action: 'auto-resume-warning',
        result: 'announced',
        callId: event.callId,
        detail: `resumeInMs=${Math.round(Math.max(0, event.resumeAt - event.at))}`,
      };
    case 'call-ended-while-paused': {
      const successor = event.newCallId === undefined ? '' : ` newCallId=${auditId(event.newCallId)}`;
      return {
        action: 'call-ended-while-paused',
        result: event.reason,
        callId: event.callId,
        detail: `pausedForMs=${Math.round(event.pausedForMs)}${successor}`,
      };
    }
    case 'stream-lost-while-paused':
      return {
        action: 'stream-lost-while-paused',
        result: 'lost',
        callId: event.callId,
        detail: `pausedForMs=${Math.round(event.pausedForMs)}`,
      };
  }
}

/**
 * The `recording-state` entry of a confirmed change that answers no request:
 * written when the call is or was paused, or a reconciliation corrected us;
 * undefined for the ordinary comings and goings of recording calls.
 */
export function stateRecord(change: ConfirmedChange): RecordInput | undefined {
  const { call, previous, source, wasTracked } = change;
  if (call.recording !== 'paused' && previous !== 'paused' && !wasTracked && source !== 'reconcile') {
    return undefined;
  }
  return {
    action: 'recording-state',
    result: call.recording,
    callId: call.id,
    detail: `from=${previous ?? 'none'}${source ? ` source=${source}` : ''}`,
  };
}

/** The auditor of one compliance layer. */
export interface ComplianceAuditor {
  /** Appends one entry (its call id made safe); a failed write is reported, never thrown. */
  record(entry: RecordInput): void;
  /** Requests awaiting the server's confirmation, by call id (filled by the commands and the auto-resumer). */
  readonly pending: Map<string, Pending>;
  /** A confirmed change at clock ms `now`: settles the request it answers, else {@link stateRecord}. */
  confirmed(change: ConfirmedChange, now: number): void;
  /** Drops the requests of calls that are gone. */
  forgetGone(present: ReadonlySet<string>): void;
}

/** Creates the auditor; without `audit` nothing is written. `onWriteFailed` gets the reason of a failed write. */
export function createComplianceAuditor(
  audit: AuditSink | undefined,
  onWriteFailed: (message: string) => void,
): ComplianceAuditor {
  const pending = new Map<string, Pending>();
  function record(entry: RecordInput): void {
    if (!audit) return;
    try {
      audit.append({ ...entry, callId: auditId(entry.callId) });
    } catch (error) {
      onWriteFailed((error as Error).message);
    }
  }
  return {
    record,
    pending,
    confirmed(change: ConfirmedChange, now: number): void {
      const request = pending.get(change.call.id);
      if (request && OP_TARGET[request.op] === change.call.recording) {
        pending.delete(change.call.id);
        record({
          action: request.auto ? 'auto-resume' : OP_ACTION[request.op],
          result: 'confirmed',
          callId: change.call.id,
          latencyMs: now - request.at,
        });
        return;
      }
      const entry = stateRecord(change);
      if (entry) record(entry);
    },
    forgetGone(present: ReadonlySet<string>): void {
      for (const id of [...pending.keys()]) if (!present.has(id)) pending.delete(id);
    },
  };
}
