/**
 * The bridge from extension messages to counted sources: a card field's focus starts the step's source, a blur
 * does not end it (agents tab to the name field mid-payment), submit / step end / a lost connection do; a rule
 * the current rules do not list, or the extension trigger switched off, starts nothing; every page-state change
 * reaches every connected extension.
 */

import { describe, expect, it } from 'vitest';
import type { AppToExtension, TriggerKind } from '../../../contract/extension-protocol.ts';
import { parseTriggerRules } from '../../../main/core/triggers/trigger-rules.ts';
import { createTriggerRunner } from '../../../main/core/triggers/trigger-runner.ts';
import { createExtensionBridge } from '../../../main/native-host/extension-bridge.ts';
import type { HostConnection } from '../../../main/native-host/socket-server.ts';
import { ManualClock } from '../helpers/manual-clock.ts';
import { FakeTriggerCore, settle } from '../core/triggers/fake-trigger-core.ts';

function setup(extra: Record<string, unknown> = {}) {
  const parsed = parseTriggerRules({ pages: [{ id: 'pay', url: 'https://pay.test/*' }], ...extra });
  if (!parsed.ok) throw new Error(parsed.error);
  const core = new FakeTriggerCore([{ callId: 'c1', recording: 'recording' }]);
  const runner = createTriggerRunner({ port: core, clock: new ManualClock() });
  const bridge = createExtensionBridge(runner, parsed.rules);
  const sent: AppToExtension[] = [];
  const host: HostConnection = { id: 'h1', send: (m) => sent.push(m) };
  bridge.handler.onMessage(host, { v: 1, type: 'hello' });
  const event = (kind: TriggerKind, stepId = '1.0.1', ruleId = 'pay') =>
    bridge.handler.onMessage(host, { v: 1, type: 'trigger', kind, ruleId, stepId, at: 0 });
  return { core, runner, bridge, host, sent, event };
}

describe('extension bridge', () => {
  it('answers hello with the page rules and the state', () => {
    const { sent } = setup();
    expect(sent).toEqual([
      { v: 1, type: 'rules', pages: [{ id: 'pay', url: 'https://pay.test/*', selectors: [] }] },
      { v: 1, type: 'state', state: 'idle' },
    ]);
  });

  it('focus starts a source; blur keeps it; submit ends it', async () => {
    const { runner, event, sent } = setup();
    event('step-start');
    expect(runner.state.sources.size).toBe(0);
    event('field-focus');
    await settle();
    expect([...runner.state.sources.keys()]).toEqual(['h1/1.0.1']);
    expect(sent.at(-1)).toEqual({ v: 1, type: 'state', state: 'pausing' });
    event('field-blur');
    expect(runner.state.sources.size).toBe(1);
    event('submit');
    expect(runner.state.sources.size).toBe(0);
  });

  it('a lost connection ends its steps; step-end ends one', () => {
    const { runner, event, bridge, host } = setup();
    event('field-focus', '1.0.1');
    event('field-focus', '2.0.2');
    event('step-end', '1.0.1');
    expect([...runner.state.sources.keys()]).toEqual(['h1/2.0.2']);
    bridge.handler.onClose(host);
    expect(runner.state.sources.size).toBe(0);
  });

  it('ignores an unlisted rule and a switched-off extension trigger', () => {
    const unlisted = setup();
    unlisted.event('field-focus', '1.0.1', 'other');
    expect(unlisted.runner.state.sources.size).toBe(0);
    const off = setup({ triggers: { extension: false } });
    off.event('field-focus');
    expect(off.runner.state.sources.size).toBe(0);
    expect(off.core.sent).toEqual([]);
  });
});
