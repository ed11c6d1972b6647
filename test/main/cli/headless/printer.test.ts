/**
 * The headless CLI's printer, as an operator reads stdout: one `status` line
 * per change (not per snapshot), what the session goes through in the words
 * of the core, and error texts cleaned of this run's password even when a
 * server quotes it back.
 */

import { describe, expect, it } from 'vitest';
import { redactText } from '../../../../main/core/ports/redact.ts';
import { sessionPrinter, type Line } from '../../../../main/cli/headless/printer.ts';
import type { SessionEvent } from '../../../../main/app/services/session-controller.ts';
import { callView, snapshotOf } from '../../core/compliance/snapshots.ts';

const PASSWORD = 'Pw-quoted-back-9f2';

function printer() {
  const lines: Line[] = [];
  let signedOut = 0;
  const listener = sessionPrinter(
    { emit: (line) => lines.push(line), close: () => undefined },
    () => (signedOut += 1),
    (text) => redactText(text, [PASSWORD]),
  );
  return { lines, listener, signedOut: () => signedOut };
}

const state = (snapshot: ReturnType<typeof snapshotOf>): SessionEvent => ({
  type: 'core',
  event: { type: 'state', state: snapshot, transitions: [] },
});

describe('sessionPrinter', () => {
  it('prints a status line per change only, with the call the status is about', () => {
    const p = printer();
    const call = callView('c1', 'recording');
    p.listener(state(snapshotOf([call])));
    p.listener(state(snapshotOf([call], { at: 5 }))); // same for the operator: no new line
    p.listener(state(snapshotOf([callView('c1', 'paused')], { status: 'paused', pausedSince: 1234.4 })));
    p.listener({ type: 'session', state: { phase: 'signed-in', demo: false } });
    expect(p.lines).toEqual([
      expect.objectContaining({ type: 'status', recording: 'recording', callId: 'c1' }),
      expect.objectContaining({ type: 'status', recording: 'paused', callId: 'c1', pausedSince: 1234 }),
    ]);
  });

  it('an error text that quotes the password is printed redacted', () => {
    const p = printer();
    p.listener({
      type: 'core',
      event: {
        type: 'error',
        code: 'resync-failed',
        severity: 'warning',
        message: `GWS said: bad request for user agent1 with ${PASSWORD}`,
      },
    });
    expect(JSON.stringify(p.lines)).not.toContain(PASSWORD);
    expect(p.lines).toEqual([
      {
        type: 'error',
        code: 'resync-failed',
        severity: 'warning',
        message: expect.stringContaining('[redacted]'),
      },
    ]);
  });

  it('a snapshot that is signed out tells the caller (once per snapshot; the caller keeps it to once)', () => {
    const p = printer();
    p.listener(state(snapshotOf([], { connection: 'signed-out', status: 'disconnected' })));
    expect(p.signedOut()).toBe(1);
    expect(p.lines).toEqual([expect.objectContaining({ type: 'status', connection: 'signed-out' })]);
  });
});
