/**
 * The auditor with an in-memory sink: the entry of each compliance event, a
 * confirmation settling the request it answers, which other confirmed
 * changes are worth an entry, safe call ids, and a failed write reported
 * instead of thrown.
 */

import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../main/core/compliance/audit-log.ts';
import {
  auditId,
  createComplianceAuditor,
  eventRecord,
  stateRecord,
} from '../../../../main/core/compliance/compliance-auditor.ts';
import type { ConfirmedChange } from '../../../../main/core/compliance/pause-tracker.ts';
import type { CallView } from '../../../../main/core/state/workspace-types.ts';
import { callView } from './snapshots.ts';

function memoryAuditor() {
  const written: AuditRecord[] = [];
  const failures: string[] = [];
  const auditor = createComplianceAuditor(
    {
      append(record) {
        written.push(record);
        return undefined as never;
      },
    },
    (message) => failures.push(message),
  );
  return { auditor, written, failures };
}

function change(recording: CallView['recording'], extra: Partial<ConfirmedChange> = {}): ConfirmedChange {
  return {
    call: callView('c1', recording),
    previous: 'recording',
    source: 'event',
    wasTracked: false,
    ...extra,
  };
}

describe('eventRecord', () => {
  it('holds ids, levels, reasons and rounded durations only', () => {
    expect(
      eventRecord({
        type: 'reminder',
        level: 2,
        callId: 'c1',
        pausedForMs: 60_000.4,
        pausedSince: 0,
        at: 60_000,
      }),
    ).toEqual({ action: 'reminder', result: 'level-2', callId: 'c1', detail: 'pausedForMs=60000' });
    expect(
      eventRecord({ type: 'auto-resume-warning', callId: 'c1', resumeAt: 70_000, at: 60_000.6 }),
    ).toEqual({
      action: 'auto-resume-warning',
      result: 'announced',
      callId: 'c1',
      detail: 'resumeInMs=9999',
    });
    expect(
      eventRecord({
        type: 'call-ended-while-paused',
        callId: 'c1',
        reason: 'replaced',
        newCallId: 'n/1',
        pausedForMs: 5,
        at: 5,
      }),
    ).toEqual({
      action: 'call-ended-while-paused',
      result: 'replaced',
      callId: 'c1',
      detail: 'pausedForMs=5 newCallId=n_1',
    });
    expect(eventRecord({ type: 'stream-lost-while-paused', callId: 'c1', pausedForMs: 7, at: 7 })).toEqual({
      action: 'stream-lost-while-paused',
      result: 'lost',
      callId: 'c1',
      detail: 'pausedForMs=7',
    });
  });
});

describe('stateRecord', () => {
  it('records changes into, out of or during a pause, and corrections; not ordinary recording', () => {
    expect(stateRecord(change('paused'))).toEqual({
      action: 'recording-state',
      result: 'paused',
      callId: 'c1',
      detail: 'from=recording source=event',
    });
    expect(stateRecord(change('recording', { previous: 'paused', source: undefined }))?.detail).toBe(
      'from=paused',
    );
    expect(stateRecord(change('stopped', { wasTracked: true }))).toBeDefined();
    expect(stateRecord(change('stopped', { source: 'reconcile' }))).toBeDefined();
    expect(stateRecord(change('recording', { previous: undefined }))).toBeUndefined();
    expect(stateRecord(change('stopped'))).toBeUndefined();
  });
});

describe('createComplianceAuditor', () => {
  it('settles the request a confirmation answers, with its latency, once', () => {
    const { auditor, written } = memoryAuditor();
    auditor.pending.set('c1', { op: 'pause', at: 1_000, auto: false });
    auditor.confirmed(change('recording', { previous: undefined }), 1_200);
    expect(written, 'a confirmation of another state settles nothing').toEqual([]);
    auditor.confirmed(change('paused'), 1_250);
    expect(written).toEqual([{ action: 'pause', result: 'confirmed', callId: 'c1', latencyMs: 250 }]);
    expect(auditor.pending.size).toBe(0);
    auditor.pending.set('c1', { op: 'resume', at: 2_000, auto: true });
    auditor.confirmed(change('recording', { previous: 'paused' }), 2_100);
    expect(written.at(-1)).toEqual({
      action: 'auto-resume',
      result: 'confirmed',
      callId: 'c1',
      latencyMs: 100,
    });
  });

  it('forgets the requests of calls that are gone', () => {
    const { auditor } = memoryAuditor();
    auditor.pending.set('c1', { op: 'pause', at: 0, auto: false });
    auditor.pending.set('c2', { op: 'pause', at: 0, auto: false });
    auditor.forgetGone(new Set(['c2']));
    expect([...auditor.pending.keys()]).toEqual(['c2']);
  });

  it('makes call ids safe and reports a failed write instead of throwing', () => {
    expect(auditId('a b/c')).toBe('a_b_c');
    expect(auditId('')).toBeNull();
    const failures: string[] = [];
    const auditor = createComplianceAuditor(
      {
        append() {
          throw new Error('disk full');
        },
      },
      (message) => failures.push(message),
    );
    expect(() => auditor.record({ action: 'pause', result: 'requested', callId: 'c1' })).not.toThrow();
    expect(failures).toEqual(['disk full']);
    expect(() =>
      createComplianceAuditor(undefined, () => undefined).record({ action: 'pause', result: 'x' }),
    ).not.toThrow();
  });
});
