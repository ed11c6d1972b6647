/**
 * Property-based tests of the Workspace, the state every compliance decision
 * reads: whatever the order of events, REST reads (also overlapping events),
 * command outcomes, timeouts and connection changes, a call is never shown
 * `paused` or `recording` unless the server's last word on it said so, and
 * nothing throws. Then 10 000 mutated event bodies through the real parser
 * and workspace. Seeds are fixed: a failure reproduces.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallList, parseGwsEvent, type CallSnapshot } from '../../../../main/core/state/call-model.ts';
import type { RecordingOp } from '../../../../main/core/state/recording-machine.ts';
import { Workspace } from '../../../../main/core/state/workspace.ts';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';

const IDS = ['c1', 'c2', 'c3', 'c4'] as const;
const CAPABILITIES = ['PauseCallRecording', 'ResumeCallRecording', 'StartCallRecording', 'StopCallRecording'];

const rawCall = fc.record(
  {
    id: fc.constantFrom(...IDS),
    state: fc.constantFrom('Ringing', 'Established', 'Held', 'Released', 'Dialing', 'Odd'),
    recordingState: fc.constantFrom('Recording', 'Paused', 'Stopped', 'Bogus'),
    userData: fc.record({ GSIP_RECORD: fc.constantFrom('ON', 'PAUSED', 'OFF', 'x') }),
    capabilities: fc.constant(CAPABILITIES),
    previousConnId: fc.constantFrom(...IDS),
  },
  { requiredKeys: ['id', 'state', 'capabilities'] },
);

const step = fc.oneof(
  fc.record({
    kind: fc.constant('event' as const),
    notificationType: fc.constantFrom('StatusChange', 'CallRecordingStateChange', undefined, 'Weird'),
    call: rawCall,
  }),
  fc.record({ kind: fc.constant('begin-read' as const) }),
  fc.record({
    kind: fc.constant('end-read' as const),
    ok: fc.boolean(),
    calls: fc.array(fc.oneof(rawCall, fc.record({ id: fc.constantFrom(...IDS), state: fc.constant(7) })), {
      maxLength: 4,
    }),
  }),
  fc.record({
    kind: fc.constant('command' as const),
    id: fc.constantFrom(...IDS),
    op: fc.constantFrom<RecordingOp>('start', 'pause', 'resume', 'stop'),
    refused: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 8_000 }) }),
  fc.record({
    kind: fc.constant('connection' as const),
    state: fc.constantFrom('connected', 'connecting', 'disconnected'),
    synced: fc.boolean(),
  }),
);

/** What the server last said about each call's recording, kept exactly as the workspace's ordering rules. */
class ServerWord {
  readonly word = new Map<string, string>();
  readonly connIds = new Map<string, string | undefined>();
  eventSeq = 0;
  openReads = 0;
  readonly lastEventFor = new Map<string, number>();

  apply(call: CallSnapshot): void {
    if (call.state === 'Released') {
      this.word.delete(call.id);
      return;
    }
    if (!this.word.has(call.id)) {
      const previous = call.previousConnId;
      if (previous !== undefined && previous !== call.id && previous !== call.connId) {
        for (const id of [...this.word.keys()]) {
          if (id === previous || this.connIds.get(id) === previous) this.word.delete(id);
        }
      }
      this.word.set(call.id, call.recordingState ?? 'Stopped');
      this.connIds.set(call.id, call.connId);
      return;
    }
    if (call.recordingState !== undefined) this.word.set(call.id, call.recordingState);
  }
}

function check(workspace: Workspace, model: ServerWord): void {
  const snapshot = workspace.snapshot();
  for (const call of snapshot.calls) {
    const word = model.word.get(call.id);
    if (call.recording === 'paused') expect(word, `call ${call.id} shown paused`).toBe('Paused');
    if (call.recording === 'recording') expect(word, `call ${call.id} shown recording`).toBe('Recording');
  }
  const shown = snapshot.statusCallId === undefined ? undefined : model.word.get(snapshot.statusCallId);
  if (snapshot.status === 'paused') expect(shown, 'status paused').toBe('Paused');
  if (snapshot.status === 'recording') expect(shown, 'status recording').toBe('Recording');
}

function newWorkspace(clock: ManualClock): Workspace {
  return new Workspace({
    clock,
    recordingTimeoutMs: 5_000,
    staleAfterMs: 10_000,
    onChange: () => undefined,
    onRecordingError: () => undefined,
    onNeedsRefresh: () => undefined,
  });
}

describe('Workspace properties', () => {
  it('never shows paused/recording against the server’s last word, and never throws', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const clock = new ManualClock();
        const workspace = newWorkspace(clock);
        const model = new ServerWord();
        const reads: number[] = [];
        workspace.setConnection('connected');
        workspace.markSynced();
        for (const s of steps) {
          switch (s.kind) {
            case 'event': {
              const event = parseGwsEvent({
                messageType: 'CallStateChangeMessage',
                ...(s.notificationType === undefined ? {} : { notificationType: s.notificationType }),
                call: s.call,
              });
              if (event.kind === 'call') {
                model.eventSeq += 1;
                if (event.call.state === 'Released' && model.openReads === 0)
                  model.lastEventFor.delete(event.call.id);
                else model.lastEventFor.set(event.call.id, model.eventSeq);
                model.apply(event.call);
              }
              workspace.applyEvent(event);
              break;
            }
            case 'begin-read':
              if (reads.length < 2) {
                reads.push(workspace.beginRead());
                model.openReads += 1;
              }
              break;
            case 'end-read': {
              const since = reads.shift();
              if (since === undefined) break;
              if (s.ok) {
                const list = parseCallList(s.calls);
                const newer = (id: string) => (model.lastEventFor.get(id) ?? 0) > since;
                const seen = new Set<string>();
                for (const call of list.calls) {
                  seen.add(call.id);
                  if (!newer(call.id)) model.apply(call);
                }
                for (const bad of list.unreadable) {
                  seen.add(bad.id);
                  if (!newer(bad.id)) model.word.set(bad.id, 'unreadable');
                }
                for (const id of [...model.word.keys()])
                  if (!seen.has(id) && !newer(id)) model.word.delete(id);
                for (const [id, seq] of [...model.lastEventFor]) {
                  if (seq <= since && !model.word.has(id)) model.lastEventFor.delete(id);
                }
                workspace.replaceCalls(list.calls, since, list.unreadable);
              }
              workspace.endRead();
              model.openReads -= 1;
              break;
            }
            case 'command': {
              const begun = workspace.machine(s.id)?.begin(s.op);
              if (begun?.ok && s.refused) workspace.machine(s.id)?.fail(begun.token, 'refused');
              break;
            }
            case 'advance':
              clock.advance(s.ms);
              break;
            case 'connection':
              workspace.setConnection(s.state);
              if (s.synced) workspace.markSynced();
              break;
          }
          check(workspace, model);
        }
        workspace.dispose();
      }),
      { numRuns: 400, seed: 0x8c0ffee },
    );
  });

  it('10 000 mutated event bodies never crash the parser or the workspace', () => {
    const bases = fixtureNames()
      .filter((name) => name.startsWith('cometd-'))
      .map((name) => loadFixture(name).data);
    const clock = new ManualClock();
    let workspace = newWorkspace(clock);
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom('__proto__', 'constructor', '', 'Paused', 'Released', -1, 1e308, null, [], {}),
      fc.string({ maxLength: 300 }),
    );
    const mutation = fc.record({
      base: fc.nat(bases.length - 1),
      edits: fc.array(
        fc.record({
          path: fc.array(
            fc.constantFrom(
              'call',
              'recordingState',
              'state',
              'id',
              'userData',
              'GSIP_RECORD',
              'participants',
              'capabilities',
              '0',
              'phoneNumber',
              'messageType',
              'notificationType',
              'devices',
              'userState',
              '__proto__',
            ),
            {
              minLength: 1,
              maxLength: 4,
            },
          ),
          value: hostile,
          remove: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    });
    let applied = 0;
    fc.assert(
      fc.property(mutation, ({ base, edits }) => {
        // A fresh workspace now and then: mutated ids pile up calls that are never released.
        if (applied % 250 === 0) {
          workspace.dispose();
          workspace = newWorkspace(clock);
          workspace.setConnection('connected');
          workspace.markSynced();
        }
        const body = JSON.parse(JSON.stringify(bases[base])) as Record<string, unknown>;
        for (const edit of edits) mutate(body, edit.path, edit.value, edit.remove);
        const text = JSON.stringify(body);
        const event = parseGwsEvent(JSON.parse(text));
        workspace.applyEvent(event);
        if (applied % 10 === 0) {
          workspace.snapshot();
          clock.advance(1_000);
        }
        applied += 1;
      }),
      { numRuns: 10_000, seed: 0x5eed },
    );
    expect(applied).toBe(10_000);
  }, 60_000);
});

/** Sets (or removes) `value` at `path`, creating objects on the way; never through the prototype. */
function mutate(
  target: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
  remove: boolean,
): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === null || typeof next !== 'object') {
      const created: Record<string, unknown> = {};
      Object.defineProperty(node, key, {
        value: created,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      node = created;
    } else node = next as Record<string, unknown>;
  }
  const last = path.at(-1) as string;
  if (remove) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}
