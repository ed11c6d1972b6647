/**
 * What `npm run bench` prints and checks: the side-by-side table with ratios,
 * one row per section that ran, and the goals each run is held to (latency
 * ratios, overhead, event throughput, scale, GWS load per agent).
 */

import type { EventApplyResult } from './event-apply.ts';
import type { FloorResult } from './floor.ts';
import { formatGwsLoad, type GwsLoadResult } from './gws-load.ts';
import type { OfficialResult } from './official.ts';
import type { OursResult } from './ours.ts';
import type { OverheadResult } from './overhead.ts';
import type { ScaleResult } from './scale.ts';
import { round } from './stats.ts';

/** Everything one `npm run bench` measured. */
export interface BenchReport {
  ours: OursResult[];
  official: OfficialResult[];
  floor: FloorResult[];
  overhead: OverheadResult[];
  eventApply: (EventApplyResult & { timeCapped: boolean }) | undefined;
  scale: ScaleResult[];
  /** (g) `GET /me/calls` per agent per minute over a simulated shift, ours and the old policy. */
  gwsLoad: GwsLoadResult | undefined;
}

/** One speed goal with where it stands. */
export interface GoalCheck {
  goal: string;
  met: boolean;
  detail: string;
}

const ms = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(2));
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || b === 0 ? '—' : `${(a / b).toFixed(2)}×`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The printed table, side by side, with ratios. */
export function formatReport(report: BenchReport): string {
  const parts: string[] = [];
  const rows = report.ours.map((o) => {
    const off = report.official.find((x) => x.server === o.server && x.transport === o.transport);
    const floor = report.floor.find((f) => f.server === o.server);
    return [
      o.server,
      o.transport,
      ms(o.toggle.p50),
      ms(o.toggle.p95),
      ms(o.toggle.p99),
      ms(off?.cycle.p50),
      ms(off?.cycle.p95),
      ms(off?.cycle.p99),
      ms(floor?.refusedPost.p50),
      ratio(o.toggle.p50, off?.cycle.p50),
      ratio(o.toggle.p99, o.toggle.p50),
    ];
  });
  parts.push(
    '(a) ours toggle→confirmed, (b) official CometD client POST→event, (c) floor: refused POST, keep-alive (ms)',
    table(
      [
        'server',
        'transport',
        'ours p50',
        'p95',
        'p99',
        'official p50',
        'p95',
        'p99',
        'floor p50',
        'ours/off p50',
        'ours p99/p50',
      ],
      rows,
    ),
  );
  parts.push(
    '',
    '(d) our client overhead at the socket (ms)',
    table(
      ['server', 'transport', 'toggle→POST p50', 'p99', 'event→status p50', 'p99'],
      report.overhead.map((d) => [
        d.server,
        d.transport,
        ms(d.toggleToPostOnWire.p50),
        ms(d.toggleToPostOnWire.p99),
        ms(d.eventInToStatus.p50),
        ms(d.eventInToStatus.p99),
      ]),
    ),
  );
  const e = report.eventApply;
  if (e) {
    parts.push(
      '',
      `(e) event apply: ${e.eventsPerSecond.toLocaleString('en')} events/s over ${e.events.toLocaleString('en')} events ` +
        `(${e.calls.toLocaleString('en')} calls${e.timeCapped ? ', time-capped' : ''}); heap ${e.heapBaselineMB} → ${e.heapAfterMB} MB ` +
        `(${e.heapGrowthPercent}%)${e.gcExposed ? '' : ' [no --expose-gc: heap not comparable]'}`,
    );
  }
  if (report.scale.length > 0) {
    parts.push(
      '',
      '(f) simulator at scale, live long-polls: pause POST → event (ms), simulator RSS',
      table(
        ['agents', 'steady p50', 'p99', 'burst p50', 'p99', 'RSS MB', 'setup s', 'poll failures'],
        report.scale.map((s) => [
          String(s.agents),
          ms(s.steady.p50),
          ms(s.steady.p99),
          ms(s.burst.p50),
          ms(s.burst.p99),
          String(s.simRssMB),
          String(s.setupSeconds),
          String(s.pollFailures),
        ]),
      ),
    );
  }
  if (report.gwsLoad) parts.push('', `(g) ${formatGwsLoad(report.gwsLoad)}`);
  return parts.join('\n');
}

/** The speed goals, checked against this run. */
export function checkGoals(report: BenchReport): GoalCheck[] {
  const goals: GoalCheck[] = [];
  for (const o of report.ours) {
    const off = report.official.find((x) => x.server === o.server && x.transport === o.transport);
    if (off) {
      goals.push({
        goal: `ours p50 ≤ official p50 (${o.server}, ${o.transport})`,
        met: o.toggle.p50 <= off.cycle.p50,
        detail: `${o.toggle.p50} vs ${off.cycle.p50} ms`,
      });
    }
    goals.push({
      goal: `ours p99 ≤ 2× ours p50 (${o.server}, ${o.transport})`,
      met: o.toggle.p99 <= 2 * o.toggle.p50,
      detail: `p99 ${o.toggle.p99} ms, p50 ${o.toggle.p50} ms`,
    });
  }
  for (const d of report.overhead) {
    goals.push({
      goal: `(d) p99 ≤ 1 ms (${d.server}, ${d.transport})`,
      met: d.toggleToPostOnWire.p99 <= 1 && d.eventInToStatus.p99 <= 1,
      detail: `toggle→POST p99 ${d.toggleToPostOnWire.p99} ms, event→status p99 ${d.eventInToStatus.p99} ms`,
    });
  }
  const e = report.eventApply;
  if (e) {
    goals.push({
      goal: '(e) ≥ 500k events/s, heap flat within 5 %',
      met: e.eventsPerSecond >= 500_000 && Math.abs(e.heapGrowthPercent) <= 5 && !e.timeCapped,
      detail: `${e.eventsPerSecond} events/s, heap ${e.heapGrowthPercent}%${e.timeCapped ? `, only ${e.calls} calls in the time budget` : ''}`,
    });
  }
  const big = report.scale.find((s) => s.agents === 1_000);
  if (big) {
    goals.push({
      goal: '(f) 1,000 agents pause → event p99 ≤ 100 ms',
      met: big.steady.p99 <= 100 && big.burst.p99 <= 100,
      detail: `steady p99 ${big.steady.p99} ms, burst p99 ${big.burst.p99} ms`,
    });
  }
  const load = report.gwsLoad;
  if (load) {
    goals.push({
      goal: '(g) ≤ 1.5 GET /me/calls per agent per minute over a shift',
      met: load.ours.perMinute <= 1.5,
      detail: `ours ${load.ours.perMinute}/min, the old 5 s policy ${load.old.perMinute}/min`,
    });
  }
  return goals.map((g) => ({
    ...g,
    detail: g.detail.replace(/(\d+\.\d{3,})/g, (n) => String(round(Number(n)))),
  }));
}
