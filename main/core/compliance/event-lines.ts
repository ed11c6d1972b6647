/**
 * Compliance events as JSON line objects for the headless CLI (and any log):
 * only ids, levels, codes and durations — never server text, so nothing from
 * a call's `userData` or a server message can leak through it.
 */

import type { ComplianceEvent } from './compliance-events.ts';

/** One compliance event as a JSON line object (see the module comment). */
export function complianceLine(event: ComplianceEvent): Record<string, unknown> {
  switch (event.type) {
    case 'reminder':
      return {
        type: event.type,
        level: event.level,
        callId: event.callId,
        pausedForMs: Math.round(event.pausedForMs),
      };
    case 'auto-resume-warning':
      return {
        type: event.type,
        callId: event.callId,
        resumeInMs: Math.max(0, Math.round(event.resumeAt - event.at)),
      };
    case 'auto-resume':
      return {
        type: event.type,
        callId: event.callId,
        severity: event.severity,
        phase: event.phase,
        ok: event.result.ok,
        ...(event.result.ok ? {} : { code: event.result.code }),
      };
    case 'call-ended-while-paused':
      return {
        type: event.type,
        callId: event.callId,
        reason: event.reason,
        ...(event.newCallId === undefined ? {} : { newCallId: event.newCallId }),
        pausedForMs: Math.round(event.pausedForMs),
      };
    case 'stream-lost-while-paused':
      return { type: event.type, callId: event.callId, pausedForMs: Math.round(event.pausedForMs) };
  }
}
