/**
 * Bench of the browser trigger: card field focus → pause request at the app's per-user socket, in real Debian
 * Chromium with the unpacked extension and the real native host (goal: p95 ≤ 100 ms). Two figures per sample:
 * from the content script's own focus timestamp (the `at` of the message; same OS clock) and from the moment
 * the bench asked Chromium to focus (adds the DevTools round trip). Each sample alternates focus between the name
 * field and the card field, so every sample is one fresh focus event.
 *
 * Run alone: `node --import tsx bench/extension.ts [samples]`. Wire into `npm run bench` by calling
 * {@link runExtensionBench} from bench/run.ts and printing its row beside the hotkey path.
 */

import { fileURLToPath } from 'node:url';
import type { LatencyStats } from './stats.ts';
import { stats } from './stats.ts';
import { HAVE_CHROMIUM, startExtensionHarness } from '../test/extension/extension-harness.ts';
import { waitFor } from '../test/main/helpers/wait-for.ts';

/** The bench's result. */
export interface ExtensionBenchResult {
  /** Content script's focus timestamp → line at the app socket. */
  readonly focusToSocket: LatencyStats;
  /** Bench's focus call → line at the app socket. */
  readonly focusCallToSocket: LatencyStats;
}

/** Runs `samples` focus events (after 5 warm-up ones); undefined when Chromium is not installed. */
export async function runExtensionBench(samples = 60): Promise<ExtensionBenchResult | undefined> {
  if (!HAVE_CHROMIUM) return undefined;
  const harness = await startExtensionHarness(3_000);
  try {
    harness.core.setCalls([{ callId: 'c1', recording: 'recording' }]);
    harness.core.autoConfirm = true;
    const page = await harness.context.newPage();
    await page.goto(`${harness.origin}/checkout`);
    const fromEvent: number[] = [];
    const fromCall: number[] = [];
    for (let i = 0; i < samples + 5; i++) {
      await page.focus('#name');
      const seen = harness.raw.length;
      const calledAt = Date.now();
      await page.focus('#cc');
      const index = await waitFor(
        () => {
          const found = harness.raw.findIndex(
            (m, at) => at >= seen && (m as { kind?: string }).kind === 'field-focus',
          );
          return found >= 0 ? found + 1 : undefined;
        },
        5_000,
        'field-focus at the socket',
      );
      const message = harness.raw[index - 1] as { at: number };
      const arrived = harness.arrivals[index - 1] ?? Number.NaN;
      if (i < 5) continue;
      fromEvent.push(arrived - message.at);
      fromCall.push(arrived - calledAt);
    }
    return { focusToSocket: stats(fromEvent), focusCallToSocket: stats(fromCall) };
  } finally {
    await harness.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runExtensionBench(Number(process.argv[2] ?? 60));
  if (!result) {
    process.stdout.write('extension bench skipped: /usr/bin/chromium is not installed\n');
  } else {
    const row = (name: string, s: LatencyStats): string =>
      `${name.padEnd(34)} n=${s.samples} p50=${s.p50} ms p95=${s.p95} ms max=${s.max} ms\n`;
    process.stdout.write(row('field focus → app socket', result.focusToSocket));
    process.stdout.write(row('focus call → app socket', result.focusCallToSocket));
    process.stdout.write(`goal p95 ≤ 100 ms: ${result.focusToSocket.p95 <= 100 ? 'met' : 'NOT met'}\n`);
  }
}
