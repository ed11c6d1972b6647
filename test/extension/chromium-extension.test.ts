/**
 * The extension end to end in real Debian Chromium: the unpacked extension from `npm run build:extension`, the
 * real native messaging host (started by Chromium from the host manifest in <user-data-dir>/NativeMessagingHosts),
 * the real per-user socket server and the trigger runner in this process, with a fake core port whose
 * confirmation the test controls. Asserted as the agent sees it: the badge beside the card field, and — on every
 * raw message that reached the app — only kind, rule id, step id and time, never a value, query or fragment.
 * Screenshots of each state go to docs/screenshots/extension-*.png.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TRIGGER_POLICY } from '../../main/core/triggers/trigger-types.ts';
import { waitFor } from '../main/helpers/wait-for.ts';
import type { ExtensionHarness } from './extension-harness.ts';
import { badge, CARD, HAVE_CHROMIUM, ROOT, startExtensionHarness } from './extension-harness.ts';

const SHOTS = join(ROOT, 'docs', 'screenshots');
const GRACE_MS = 400;

describe.skipIf(!HAVE_CHROMIUM)('extension in Chromium', () => {
  let h: ExtensionHarness;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startExtensionHarness(GRACE_MS);
    origin = h.origin;
  }, 60_000);

  afterAll(() => h?.close());

  beforeEach(async () => {
    await waitFor(
      () => h.runner.state.sources.size === 0 && h.runner.pageState === 'idle',
      5_000,
      'no active step',
    );
    h.core.sent.length = 0;
    h.core.confirmDelayMs = 300;
    h.core.autoConfirm = false;
    h.core.setCalls([{ callId: 'c1', recording: 'recording' }]);
  });

  it('focus on the card number pauses with the rule id, shows Pausing… then Recording paused ✓, and leaving resumes', async () => {
    const page = await h.context.newPage();
    await page.goto(`${origin}/checkout?order=${CARD}#pan=${CARD}`);
    await page.focus('#cc');
    await waitFor(() => h.core.sent.length > 0, 5_000, 'pause request');
    expect(h.core.sent[0]).toEqual({
      kind: 'pause',
      callId: 'c1',
      request: { trigger: 'extension', ruleId: 'pay' },
    });
    await waitFor(
      async () => (await badge(page))?.text === 'Pausing…',
      2_000,
      'Pausing…',
      () => badge(page),
    );
    await page.screenshot({ path: join(SHOTS, 'extension-pausing.png') });
    await page.keyboard.type(CARD);
    await waitFor(
      async () => (await badge(page))?.text === 'Recording paused ✓',
      3_000,
      'paused',
      () => badge(page),
    );
    expect((await badge(page))?.role).toBe('status');
    await page.screenshot({ path: join(SHOTS, 'extension-paused.png') });

    await page.goto(`${origin}/other`);
    await waitFor(
      () => h.core.recordingOf('c1') === 'recording',
      GRACE_MS + 3_000,
      'resumed after the grace',
    );
    expect(h.core.sent.at(-1)).toEqual({ kind: 'resume', callId: 'c1', request: { trigger: 'auto-resume' } });

    const allowed = new Set(['v', 'type', 'kind', 'ruleId', 'stepId', 'at']);
    for (const message of h.raw) {
      expect(Object.keys(message as object).every((key) => allowed.has(key))).toBe(true);
      const text = JSON.stringify(message);
      for (const leak of ['4111', 'order', 'pan=', '?', '#', 'Checkout', '127.0.0.1'])
        expect(text).not.toContain(leak);
    }
    expect(h.raw.some((m) => (m as { kind?: string }).kind === 'field-focus')).toBe(true);
    await page.close();
  });

  it('two tabs: closing one keeps the pause, closing the last resumes after the grace', async () => {
    h.core.autoConfirm = true;
    const first = await h.context.newPage();
    const second = await h.context.newPage();
    for (const page of [first, second]) {
      await page.goto(`${origin}/checkout`);
      await page.focus('#cc');
    }
    await waitFor(
      () => h.runner.state.sources.size === 2,
      5_000,
      'two sources',
      () => h.runner.state.sources.size,
    );
    await first.close();
    await waitFor(() => h.runner.state.sources.size === 1, 5_000, 'first tab ended');
    // Twice the grace with the second tab still on the payment step: the pause must hold.
    await new Promise((done) => setTimeout(done, GRACE_MS * 2));
    expect(h.core.recordingOf('c1')).toBe('paused');
    expect(h.core.sent.map((s) => s.kind)).toEqual(['pause']);
    await second.close();
    await waitFor(() => h.core.recordingOf('c1') === 'recording', GRACE_MS + 3_000, 'last one out resumes');
    h.core.autoConfirm = false;
  });

  it('shows NOT PAUSED within the deadline + 0.5 s when the server never confirms', async () => {
    h.core.confirmDelayMs = undefined;
    const page = await h.context.newPage();
    await page.goto(`${origin}/checkout`);
    const focusedAt = Date.now();
    await page.focus('#csc');
    const alarm = await waitFor(
      async () => {
        const seen = await badge(page);
        return seen?.text === 'NOT PAUSED — do not take card details' ? seen : undefined;
      },
      DEFAULT_TRIGGER_POLICY.deadlineMs + 2_000,
      'NOT PAUSED',
      () => badge(page),
    );
    expect(Date.now() - focusedAt).toBeLessThanOrEqual(DEFAULT_TRIGGER_POLICY.deadlineMs + 500);
    expect(alarm.role).toBe('alert');
    await page.screenshot({ path: join(SHOTS, 'extension-not-paused.png') });
    h.core.confirm('c1', 'paused');
    await waitFor(
      async () => (await badge(page))?.text === 'Recording paused ✓',
      2_000,
      'cleared by a late confirmation',
    );
    await page.close();
  });

  it('tells the page there is no live call and sends nothing', async () => {
    h.core.setCalls([]);
    const page = await h.context.newPage();
    await page.goto(`${origin}/checkout`);
    await page.focus('#cc');
    await waitFor(
      async () => (await badge(page))?.text === 'No live call',
      3_000,
      'No live call',
      () => badge(page),
    );
    await page.screenshot({ path: join(SHOTS, 'extension-no-call.png') });
    expect(h.core.sent).toEqual([]);
    await page.close();
  });

  it('does nothing on a page outside the patterns', async () => {
    const before = h.raw.length;
    const page = await h.context.newPage();
    await page.goto(`${origin}/other?x=/checkout`);
    await page.focus('#cc');
    await page.keyboard.type(CARD);
    // Measures the ABSENCE of traffic over a window: nothing may arrive, so there is no condition to wait on.
    await new Promise((done) => setTimeout(done, 800));
    expect(h.raw.slice(before).filter((m) => (m as { type?: string }).type === 'trigger')).toEqual([]);
    expect(await badge(page)).toBeUndefined();
    expect(h.core.sent).toEqual([]);
    await page.close();
  });
});
