import { describe, expect, it } from 'vitest';
import { pauseSpans } from '../../../../main/core/evidence/pause-report.ts';
import { spansToCsv, spansToHtml } from '../../../../main/core/evidence/report-render.ts';
import { shiftRecords, writeLog } from './evidence-fixtures.ts';

const T = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('pause report', () => {
  it('one span per confirmed pause: start at the confirmation, end at the confirmed resume', () => {
    const { entries } = writeLog(shiftRecords(3));
    const spans = pauseSpans([entries]);
    expect(spans).toHaveLength(3);
    expect(spans[0]).toMatchObject({
      callId: 'call-0',
      agent: 'agent1',
      start: T + 600_000 + 80,
      end: T + 600_000 + 90_070,
      durationMs: 89_990,
      trigger: 'hotkey',
      recordingFile: 'rec_0.mp3',
      pauseConfirmed: true,
      resumeConfirmed: true,
      anomalies: [],
    });
    expect(pauseSpans([entries], { from: T + 1_000_000 }).map((s) => s.callId)).toEqual(['call-1', 'call-2']);
  });

  it('flags a pause never confirmed, a call ended while paused, a span over the cap, a pause after the payment step, a clock offset', () => {
    const { entries } = writeLog([
      { action: 'pause', result: 'requested', callId: 'never', atMs: T },
      { action: 'pause', result: 'refused', callId: 'never', atMs: T + 100 },
      { action: 'pause', result: 'confirmed', callId: 'ended', atMs: T + 1_000 },
      { action: 'call-ended-while-paused', result: 'ended', callId: 'ended', atMs: T + 5_000 },
      { action: 'pause', result: 'confirmed', callId: 'long', atMs: T + 10_000 },
      { action: 'resume', result: 'confirmed', callId: 'long', atMs: T + 10_000 + 11 * 60_000 },
      { action: 'payment-step', result: 'began', callId: 'late', trigger: 'extension', atMs: T + 20_000 },
      { action: 'pause', result: 'requested', callId: 'late', atMs: T + 21_000 },
      { action: 'pause', result: 'confirmed', callId: 'late', atMs: T + 21_100, clockOffsetMs: 1_500 },
      { action: 'resume', result: 'confirmed', callId: 'late', atMs: T + 30_000 },
    ]);
    const byCall = Object.fromEntries(pauseSpans([entries]).map((s) => [s.callId, s.anomalies]));
    expect(byCall).toEqual({
      never: ['pause never confirmed'],
      ended: ['call ended while paused'],
      long: ['longer than the cap (10 min)'],
      late: ['pause requested after the payment step began', 'clock offset 1500 ms to the GWS server'],
    });
  });

  it('CSV and HTML carry every span; the HTML escapes what it shows', () => {
    const { entries } = writeLog(shiftRecords(2), '<b>agent</b>');
    const spans = pauseSpans([entries]);
    const csv = spansToCsv(spans).trim().split('\n');
    expect(csv[0]).toBe(
      'callId,agent,hostName,start,end,durationSeconds,trigger,recordingFile,pauseConfirmed,resumeConfirmed,anomalies',
    );
    expect(csv).toHaveLength(3);
    const html = spansToHtml(spans, { ok: true, lines: ['chain intact'] });
    expect(html).toContain('2026-12-01 — 2 paused spans');
    expect(html).not.toContain('<b>agent</b>');
    expect(html).toContain('&#60;b&#62;agent&#60;/b&#62;');
  });
});
