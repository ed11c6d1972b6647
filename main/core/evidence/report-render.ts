/**
 * The pause report as CSV (one row per span) and as one self-contained HTML
 * page an assessor can read offline: per UTC day, a timeline of the day's
 * spans (one row per agent, anomalies in red) and a table of them, with the
 * verification result of the evidence on top. Every value is escaped; the
 * page loads nothing from anywhere.
 */

import type { PauseSpan } from './pause-report.ts';

/** CSV columns of {@link spansToCsv}. */
export const REPORT_COLUMNS = [
  'callId',
  'agent',
  'hostName',
  'start',
  'end',
  'durationSeconds',
  'trigger',
  'recordingFile',
  'pauseConfirmed',
  'resumeConfirmed',
  'anomalies',
] as const;

const iso = (ms: number | undefined): string => (ms === undefined ? '' : new Date(ms).toISOString());
const seconds = (ms: number | undefined): string => (ms === undefined ? '' : (ms / 1000).toFixed(1));

function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The spans as CSV (header + one row each). */
export function spansToCsv(spans: readonly PauseSpan[]): string {
  const rows = spans.map((s) =>
    [
      s.callId,
      s.agent,
      s.hostName ?? '',
      iso(s.start),
      iso(s.end),
      seconds(s.durationMs),
      s.trigger ?? '',
      s.recordingFile ?? '',
      String(s.pauseConfirmed),
      String(s.resumeConfirmed),
      s.anomalies.join('; '),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[REPORT_COLUMNS.join(','), ...rows].join('\n')}\n`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const DAY_MS = 86_400_000;

/** The SVG timeline of one day: hours across, one row per agent. */
function timeline(day: string, spans: readonly PauseSpan[]): string {
  const dayStart = Date.parse(`${day}T00:00:00.000Z`);
  const agents = [...new Set(spans.map((s) => `${s.agent}${s.hostName ? ` @ ${s.hostName}` : ''}`))].sort();
  const width = 960;
  const left = 160;
  const row = 26;
  const height = 30 + agents.length * row;
  const x = (ms: number): number => left + ((ms - dayStart) / DAY_MS) * (width - left - 24);
  const hours = Array.from({ length: 25 }, (_, h) => {
    const hx = x(dayStart + h * 3_600_000).toFixed(1);
    const label =
      h % 3 === 0
        ? `<text x="${hx}" y="14" class="hour" text-anchor="middle">${String(h).padStart(2, '0')}:00</text>`
        : '';
    return `<line x1="${hx}" y1="18" x2="${hx}" y2="${height}" class="grid"/>${label}`;
  }).join('');
  const rows = agents
    .map((agent, i) => `<text x="4" y="${38 + i * row}" class="agent">${escapeHtml(agent)}</text>`)
    .join('');
  const bars = spans
    .map((s) => {
      const i = agents.indexOf(`${s.agent}${s.hostName ? ` @ ${s.hostName}` : ''}`);
      const x1 = x(s.start);
      const x2 = Math.max(x(Math.min(s.end ?? dayStart + DAY_MS, dayStart + DAY_MS)), x1 + 3);
      const cls = s.anomalies.length > 0 ? 'bar anomaly' : 'bar';
      const title = `${s.callId} ${iso(s.start)} – ${iso(s.end)} ${s.anomalies.join('; ')}`;
      return `<rect x="${x1.toFixed(1)}" y="${24 + i * row}" width="${(x2 - x1).toFixed(1)}" height="18" class="${cls}"><title>${escapeHtml(title)}</title></rect>`;
    })
    .join('');
  return `<svg class="timeline" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Paused spans on ${day}, by agent">${hours}${rows}${bars}</svg>`;
}

function table(spans: readonly PauseSpan[]): string {
  const yes = (value: boolean): string =>
    value ? '<span class="ok">yes</span>' : '<span class="bad">NO</span>';
  const rows = spans
    .map(
      (s) => `<tr${s.anomalies.length > 0 ? ' class="flag"' : ''}>
<td>${escapeHtml(iso(s.start).slice(11, 19))}</td><td>${escapeHtml(iso(s.end).slice(11, 19) || 'open')}</td>
<td class="num">${escapeHtml(seconds(s.durationMs))}</td><td>${escapeHtml(s.agent)}</td><td>${escapeHtml(s.callId)}</td>
<td>${escapeHtml(s.trigger ?? '')}</td><td>${escapeHtml(s.recordingFile ?? '')}</td>
<td>${yes(s.pauseConfirmed)}</td><td>${yes(s.resumeConfirmed)}</td><td>${escapeHtml(s.anomalies.join('; '))}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Paused (UTC)</th><th>Ended</th><th>Seconds</th><th>Agent</th><th>Call</th>
<th>Trigger</th><th>Recording file</th><th>Pause confirmed</th><th>Resume confirmed</th><th>Anomalies</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

const STYLE = `body{font:14px/1.4 "DejaVu Sans",system-ui,sans-serif;margin:24px;color:#1a1a1a}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccc}
.summary{margin:8px 0 16px}.verdict-ok{color:#0a6b2d;font-weight:bold}.verdict-bad{color:#b00020;font-weight:bold}
table{border-collapse:collapse;width:100%;margin-top:8px}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
th{background:#f0f0f0}td.num{text-align:right}tr.flag td{background:#fdecee}.ok{color:#0a6b2d}.bad{color:#b00020;font-weight:bold}
.timeline .grid{stroke:#ddd}.timeline .hour{font-size:11px;fill:#555}.timeline .agent{font-size:12px}
.timeline .bar{fill:#2b6cb0}.timeline .bar.anomaly{fill:#c53030}
.key{display:inline-block;width:14px;height:10px;background:#2b6cb0;margin:0 4px 0 12px}.key.anomaly{background:#c53030}`;

/** The whole page. `evidence` lines say what was verified (chain intact, problems). */
export function spansToHtml(spans: readonly PauseSpan[], evidence: { ok: boolean; lines: string[] }): string {
  const days = [...new Set(spans.map((s) => iso(s.start).slice(0, 10)))].sort();
  const flagged = spans.filter((s) => s.anomalies.length > 0).length;
  const sections = days
    .map((day) => {
      const ofDay = spans.filter((s) => iso(s.start).startsWith(day));
      return `<h2>${day} — ${ofDay.length} paused span${ofDay.length === 1 ? '' : 's'}</h2>${timeline(day, ofDay)}${table(ofDay)}`;
    })
    .join('\n');
  const verdict = evidence.ok
    ? '<span class="verdict-ok">Evidence verified: hash chain intact.</span>'
    : '<span class="verdict-bad">Evidence NOT verified — see below.</span>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Recording pause report</title>
<style>${STYLE}</style></head><body><h1>Recording pause report</h1>
<p class="summary">${verdict} ${spans.length} paused spans, ${flagged} flagged.</p>
<p class="legend"><span class="key"></span> paused span <span class="key anomaly"></span> flagged span (hover a bar for the call); times are UTC.</p>
<ul>${evidence.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>
${sections || '<p>No paused spans in this range.</p>'}</body></html>\n`;
}
