import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../contract/ipc-contract.ts';
import {
  STATUS_WORDS,
  agentStateWords,
  callRecordingWords,
  displayStatus,
  formatDuration,
} from '../../../renderer/src/lib/status.ts';
import { makeCall, makeView } from '../helpers/fake-api.ts';

const ALL: AppStatus[] = [
  'recording',
  'paused',
  'pausing',
  'resuming',
  'not-recording',
  'no-call',
  'unknown',
  'disconnected',
  'signed-out',
];

describe('displayStatus', () => {
  it('shows exactly the nine contract words, each status its own word and shape', () => {
    expect(Object.values(STATUS_WORDS).sort()).toEqual(
      [
        'Recording',
        'Paused',
        'Pausing…',
        'Resuming…',
        'Not recording',
        'No call',
        'Unknown',
        'Disconnected',
        'Signed out',
      ].sort(),
    );
    const shown = ALL.map((status) => {
      const view =
        status === 'signed-out'
          ? makeView({ status, connection: 'signed-out', session: { phase: 'signed-out', demo: false } })
          : status === 'disconnected'
            ? makeView({ status, connection: 'disconnected' })
            : makeView({ status });
      return displayStatus(view);
    });
    expect(shown.map((d) => d.status)).toEqual(ALL);
    expect(shown.map((d) => d.icon)).toEqual([
      'recording',
      'paused',
      'pending',
      'pending',
      'not-recording',
      'no-call',
      'unknown',
      'disconnected',
      'signed-out',
    ]);
  });

  it('never shows a stale confirmation as confirmed: a stale recording call is Unknown', () => {
    const view = makeView({ status: 'recording', calls: [makeCall({ stale: true })] });
    const display = displayStatus(view);
    expect(display.word).toBe('Unknown');
    expect(display.note).toMatch(/not confirmed/);
  });

  it('shows Disconnected, not the last state, while the stream is down', () => {
    expect(displayStatus(makeView({ status: 'paused', connection: 'connecting' })).word).toBe('Disconnected');
  });

  it('shows Unknown before any view and when contact with the app is lost', () => {
    expect(displayStatus(undefined).word).toBe('Unknown');
    expect(displayStatus(makeView({ status: 'recording' }), false).word).toBe('Unknown');
  });

  it('shows Signed out whenever the session is not signed in', () => {
    const view = makeView({ status: 'no-call', session: { phase: 'signed-out', demo: false } });
    expect(displayStatus(view).word).toBe('Signed out');
  });
});

describe('call list words', () => {
  it('says "not confirmed" for a stale call whatever its last state', () => {
    expect(callRecordingWords(makeCall({ recording: 'paused', stale: true }))).toBe(
      'recording state not confirmed',
    );
    expect(callRecordingWords(makeCall({ recording: 'paused' }))).toBe('recording paused');
  });
});

describe('agentStateWords', () => {
  it('spells GWS agent states as words', () => {
    expect(agentStateWords('NotReady')).toBe('Not ready');
    expect(agentStateWords('AfterCallWork')).toBe('After call work');
    expect(agentStateWords(undefined)).toBe('not known');
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours, never negative', () => {
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5000)).toBe('0:00');
  });
});
