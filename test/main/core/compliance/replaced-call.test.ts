/**
 * A paused call REPLACED by T-Server (new id, `previousConnId`: gws-api.md
 * §4.2). The simulator cannot produce this, so the documented event fixtures
 * go through the real parser into a real Workspace, whose snapshots are
 * served through the core's public API; everything runs on one manual clock.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentCore } from '../../../../main/core/agent-core.ts';
import { parseGwsEvent } from '../../../../main/core/state/call-model.ts';
import type { CommandResult } from '../../../../main/core/state/commands.ts';
import { AuditLog } from '../../../../main/core/compliance/audit-log.ts';
import type { CompliantCoreEvent, CoreEvent } from '../../../../main/core/compliance/compliance-events.ts';
import { withCompliance } from '../../../../main/core/compliance/with-compliance.ts';
import { Workspace } from '../../../../main/core/state/workspace.ts';
import { loadFixture } from '../../helpers/fixtures.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

/** The core's public API over a real Workspace fed by hand (no network: the simulator has no ConnID change). */
function workspaceCore(clock: ManualClock): { core: AgentCore; feed(data: unknown): void } {
  const listeners = new Set<(event: CoreEvent) => void>();
  const workspace: Workspace = new Workspace({
    clock,
    onChange: () => {
      const event = { type: 'state', state: workspace.snapshot(), transitions: workspace.takeTransitions() };
      for (const listener of listeners) listener(event as CoreEvent);
    },
    onRecordingError: () => undefined,
    onNeedsRefresh: () => undefined,
  });
  const unused = async (): Promise<CommandResult> => ({
    ok: false,
    code: 'closed',
    reason: 'not in this test',
  });
  const core: AgentCore = {
    start: async () => ({ ok: true }),
    stop: async () => workspace.dispose(),
    getSnapshot: () => workspace.snapshot(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnectNow: () => undefined,
    toggleRecording: unused,
    pauseRecording: unused,
    resumeRecording: unused,
    startRecording: unused,
    stopRecording: unused,
    answer: unused,
    hold: unused,
    retrieve: unused,
    hangup: unused,
    ready: unused,
    notReady: unused,
    loginCount: 1,
  };
  workspace.setConnection('connected');
  workspace.markSynced();
  return { core, feed: (data) => workspace.applyEvent(parseGwsEvent(data)) };
}

function fixtureData(name: string): Record<string, unknown> & { call: Record<string, unknown> } {
  return structuredClone(loadFixture(name).data) as Record<string, unknown> & {
    call: Record<string, unknown>;
  };
}

describe('a paused call replaced by a new id (previousConnId)', () => {
  it('is reported and audited as replaced, and its pause carries over to the new id', () => {
    const clock = new ManualClock();
    const { core, feed } = workspaceCore(clock);
    const file = join(mkdtempSync(join(tmpdir(), 'gws-replaced-')), 'audit.jsonl');
    let wall = Date.UTC(2026, 11, 2, 10, 0, 0);
    const audit = AuditLog.open({ file, agent: 'agent1', now: () => wall });
    const cc = withCompliance(core, { clock, audit, reminderSeconds: 30 });
    const events: CompliantCoreEvent[] = [];
    cc.subscribe((event) => events.push(event));

    feed(fixtureData('cometd-05-call-established-recording.json'));
    const paused = fixtureData('cometd-06-call-recording-paused.json');
    feed(paused);
    const oldId = String(paused.call.id);
    expect(cc.getSnapshot()).toMatchObject({ status: 'paused', statusCallId: oldId });

    clock.advance(20_000);
    wall += 20_000;
    const replacement = fixtureData('cometd-06-call-recording-paused.json');
    replacement.call = {
      ...replacement.call,
      id: '02H7QK4M1C9F3T8R5V0B6N2LAES0001Z',
      connId: '006d02a3c4e5f0ff',
      previousConnId: String(paused.call.connId),
    };
    feed(replacement);

    const ended = events.filter((e) => e.type === 'call-ended-while-paused');
    expect(ended).toEqual([
      expect.objectContaining({
        callId: oldId,
        reason: 'replaced',
        newCallId: '02H7QK4M1C9F3T8R5V0B6N2LAES0001Z',
        pausedForMs: 20_000,
      }),
    ]);
    expect(cc.getSnapshot()).toMatchObject({
      status: 'paused',
      statusCallId: '02H7QK4M1C9F3T8R5V0B6N2LAES0001Z',
    });
    clock.advance(10_000);
    expect(events.filter((e) => e.type === 'reminder')).toEqual([
      expect.objectContaining({ level: 1, callId: '02H7QK4M1C9F3T8R5V0B6N2LAES0001Z', pausedForMs: 30_000 }),
    ]);
    audit.close();

    // An app restart now dates the pause of the NEW id from the original pause.
    const reopened = AuditLog.open({ file, agent: 'agent1' });
    expect(reopened.pausedAtOf('02H7QK4M1C9F3T8R5V0B6N2LAES0001Z')).toBe(Date.UTC(2026, 11, 2, 10, 0, 0));
    expect(reopened.pausedAtOf(oldId)).toBeUndefined();
    reopened.close();
  });

  it('a paused call released by the far end is reported once, and nothing fires afterwards', () => {
    const clock = new ManualClock();
    const { core, feed } = workspaceCore(clock);
    const cc = withCompliance(core, { clock, reminderSeconds: 30, autoResumeSeconds: 120 });
    const events: CompliantCoreEvent[] = [];
    cc.subscribe((event) => events.push(event));
    feed(fixtureData('cometd-06-call-recording-paused.json'));
    clock.advance(45_000);
    feed(fixtureData('cometd-08-call-released.json'));
    clock.advance(3_600_000);
    expect(events.filter((e) => e.type !== 'state').map((e) => e.type)).toEqual([
      'reminder',
      'call-ended-while-paused',
    ]);
    expect(clock.pending).toBe(0);
  });
});
