import { startOfficial, type OfficialResult } from './official.ts';
import { oursResult, startOurs, type OursResult } from './ours.ts';
import { stats } from './stats.ts';
import type { BenchTarget } from './targets.ts';

/**
 * (a) and (b) interleaved: our core (agent1) and the official CometD client
 * (agent2, its own call) are both signed in on the same server, and their
 * cycles alternate one by one (who goes first alternates too), so both see
 * the same machine load. On a shared machine whose load swings from minute to
 * minute, separate runs would compare different conditions, not clients.
 */
export async function runPaired(
  target: BenchTarget,
  transport: 'long-polling' | 'websocket',
  cycles: number,
): Promise<{ ours: OursResult; official: OfficialResult }> {
  const ours = await startOurs(target, transport);
  try {
    const official = await startOfficial(target, transport, 'agent2');
    try {
      for (let i = 0; i < 20; i++) {
        await ours.toggle(i);
        await official.cycle(i);
      }
      const oursSamples: number[] = [];
      const officialSamples: number[] = [];
      for (let i = 0; i < cycles; i++) {
        if (i % 4 < 2) {
          oursSamples.push(await ours.toggle(i));
          officialSamples.push(await official.cycle(i));
        } else {
          officialSamples.push(await official.cycle(i));
          oursSamples.push(await ours.toggle(i));
        }
      }
      return {
        ours: oursResult(target.name, transport, oursSamples),
        official: { server: target.name, transport, cycle: stats(officialSamples) },
      };
    } finally {
      await official.close();
    }
  } finally {
    await ours.close();
  }
}
