import { describe, expect, it } from 'vitest';
import type { AppStatus } from '../../../contract/ipc-contract.ts';
import { STATUS_WORDS } from '../../../contract/status-words.ts';
import {
  agentStateWords,
  callRecordingWords,
  callStateWords,
  displayStatus,
  statusNoteWords,
  statusWord,
} from '../../../renderer/src/lib/status.ts';
import { makeCall, makeView } from '../helpers/fake-api.ts';
import { strictTranslator, t } from './strict-translator.ts';

/** The word the region shows for `view`, in English. */
const word = (...args: Parameters<typeof displayStatus>): string =>
  statusWord(t, displayStatus(...args).status);

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
    expect(shown.map((d) => statusWord(t, d.status))).toEqual(ALL.map((s) => STATUS_WORDS[s]));
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
    expect(statusWord(t, display.status)).toBe('Unknown');
    expect(statusNoteWords(t, display.note ?? 'bridge-lost')).toMatch(/not confirmed/);
  });

  it('shows Disconnected, not the last state, while the stream is down', () => {
    expect(word(makeView({ status: 'paused', connection: 'connecting' }))).toBe('Disconnected');
  });

  it('shows Unknown before any view and when contact with the app is lost', () => {
    expect(word(undefined)).toBe('Unknown');
    expect(word(makeView({ status: 'recording' }), false)).toBe('Unknown');
  });

  it('shows Signed out whenever the session is not signed in', () => {
    const view = makeView({ status: 'no-call', session: { phase: 'signed-out', demo: false } });
    expect(word(view)).toBe('Signed out');
  });
});

describe('call list words', () => {
  it('says "not confirmed" for a stale call whatever its last state', () => {
    expect(callRecordingWords(t, makeCall({ recording: 'paused', stale: true }))).toBe(
      'recording state not confirmed',
    );
    expect(callRecordingWords(t, makeCall({ recording: 'paused' }))).toBe('recording paused');
  });
});

describe('agentStateWords', () => {
  it('spells GWS agent states as words', () => {
    expect(agentStateWords(t, 'NotReady')).toBe('Not ready');
    expect(agentStateWords(t, 'AfterCallWork')).toBe('After call work');
    expect(agentStateWords(t, undefined)).toBe('not known');
  });
});

describe('in other languages', () => {
  it('words call states, types and agent states, and keeps an unknown GWS state as GWS names it', () => {
    const de = strictTranslator('de').t;
    expect(callStateWords(de, makeCall({ state: 'Held' }))).toBe('Gehalten');
    expect(callStateWords(de, makeCall({ state: 'Parked' }))).toBe('Parked');
    expect(agentStateWords(de, 'NotReady')).toBe('Nicht bereit');
    expect(agentStateWords(de, 'OnBreak')).toBe('On break');
    expect(callRecordingWords(strictTranslator('ar').t, makeCall({ recording: 'paused', stale: true }))).toBe(
      'حالة التسجيل غير مؤكدة',
    );
  });
});
