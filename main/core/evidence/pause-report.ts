/**
 * The paused spans an assessor checks against the recordings (`npm run audit
 * -- report`): from audit entries in chain order, every span a call's
 * recording was paused — start, end, duration, agent, trigger, the GIR
 * recording file name, whether the server confirmed the pause and the resume
 * — and the anomalies to look at: a pause never confirmed, a call ended while
 * paused, a span longer than the cap, a pause requested after the payment step
 * began, a clock offset to the GWS server over 1 s. A pure function of the
 * entries, so the CSV and the HTML page say the same thing.
 */

import type { AuditEntry } from '../compliance/audit-entry.ts';

/** One paused span of one call. */
export interface PauseSpan {
  callId: string;
  agent: string;
  hostName: string | undefined;
  /** Epoch ms: the confirmation, or the request when never confirmed. */
  start: number;
  /** Epoch ms of the resume (or end of the call); undefined while still open at the end of the data. */
  end: number | undefined;
  durationMs: number | undefined;
  trigger: string | undefined;
  recordingFile: string | undefined;
  pauseConfirmed: boolean;
  resumeConfirmed: boolean;
  anomalies: string[];
}

/** Options of {@link pauseSpans}. */
export interface ReportOptions {
  /** A span longer than this is flagged (default 10 minutes). */
  capMs?: number;
  /** Only spans starting within [from, to] (epoch ms, inclusive). */
  from?: number;
  to?: number;
}

/** Clock offsets beyond this make an entry's time doubtful (PCI 10.6). */
const MAX_OFFSET_MS = 1_000;
const DEFAULT_CAP_MS = 10 * 60_000;

const RESUMED = new Set(['resume', 'auto-resume', 'stop-recording']);

interface CallState {
  span: PauseSpan | undefined;
  paymentAt: number | undefined;
}

function openSpan(entry: AuditEntry, at: number): PauseSpan {
  return {
    callId: entry.callId as string,
    agent: entry.agent,
    hostName: entry.hostName,
    start: at,
    end: undefined,
    durationMs: undefined,
    trigger: entry.trigger,
    recordingFile: entry.recordingFile,
    pauseConfirmed: false,
    resumeConfirmed: false,
    anomalies: [],
  };
}

/** Builds the spans of one chain's entries (in chain order). */
class SpanBuilder {
  readonly spans: PauseSpan[] = [];
  readonly #calls = new Map<string, CallState>();

  constructor(private readonly capMs: number) {}

  add(entry: AuditEntry): void {
    if (entry.action === 'sign-out') {
      for (const state of this.#calls.values()) this.#close(state, Date.parse(entry.at), false);
      return;
    }
    if (entry.callId === null) return;
    const state = this.#calls.get(entry.callId) ?? { span: undefined, paymentAt: undefined };
    this.#calls.set(entry.callId, state);
    this.#apply(state, entry, Date.parse(entry.at));
  }

  /** Closes what is still open at the end of the data. */
  finish(): PauseSpan[] {
    for (const state of this.#calls.values()) {
      const span = state.span;
      if (span && !span.pauseConfirmed) span.anomalies.push('pause never confirmed');
      if (span) this.spans.push(span);
      state.span = undefined;
    }
    return this.spans.sort((a, b) => a.start - b.start);
  }

  #apply(state: CallState, entry: AuditEntry, at: number): void {
    const { action, result } = entry;
    if (action === 'payment-step') state.paymentAt ??= at;
    const pausedNow =
      (action === 'pause' && result === 'confirmed') || (action === 'recording-state' && result === 'paused');
    if (action === 'pause' && result === 'requested' && !state.span) {
      state.span = openSpan(entry, at);
      if (state.paymentAt !== undefined && state.paymentAt < at) {
        state.span.anomalies.push('pause requested after the payment step began');
      }
    }
    if (pausedNow) {
      state.span ??= openSpan(entry, at);
      if (!state.span.pauseConfirmed) state.span.start = at;
      state.span.pauseConfirmed = true;
    }
    if (state.span) this.#enrich(state.span, entry);
    if (action === 'pause' && ['refused', 'outcome-unknown', 'failed'].includes(result) && state.span) {
      if (!state.span.pauseConfirmed) this.#close(state, at, false);
    }
    if (
      (RESUMED.has(action) && result === 'confirmed') ||
      (action === 'recording-state' && result !== 'paused')
    ) {
      this.#close(state, at, true);
    }
    if (action === 'call-ended-while-paused' && state.span) {
      state.span.anomalies.push('call ended while paused');
      this.#close(state, at, false);
    }
  }

  #enrich(span: PauseSpan, entry: AuditEntry): void {
    span.trigger ??= entry.trigger;
    span.recordingFile ??= entry.recordingFile;
    span.hostName ??= entry.hostName;
    const offset = entry.clockOffsetMs;
    if (offset !== undefined && Math.abs(offset) > MAX_OFFSET_MS) {
      const note = `clock offset ${offset} ms to the GWS server`;
      if (!span.anomalies.includes(note)) span.anomalies.push(note);
    }
  }

  #close(state: CallState, at: number, resumeConfirmed: boolean): void {
    const span = state.span;
    if (!span) return;
    state.span = undefined;
    span.end = at;
    span.durationMs = at - span.start;
    span.resumeConfirmed = resumeConfirmed;
    if (!span.pauseConfirmed) span.anomalies.push('pause never confirmed');
    if (span.durationMs > this.capMs) {
      span.anomalies.push(`longer than the cap (${Math.round(this.capMs / 60_000)} min)`);
    }
    this.spans.push(span);
  }
}

/** Every paused span in `chains` (each one chain's entries, in chain order), sorted by start. */
export function pauseSpans(
  chains: readonly (readonly AuditEntry[])[],
  options: ReportOptions = {},
): PauseSpan[] {
  const spans: PauseSpan[] = [];
  for (const entries of chains) {
    const builder = new SpanBuilder(options.capMs ?? DEFAULT_CAP_MS);
    for (const entry of entries) builder.add(entry);
    spans.push(...builder.finish());
  }
  return spans
    .filter(
      (s) =>
        (options.from === undefined || s.start >= options.from) &&
        (options.to === undefined || s.start <= options.to),
    )
    .sort((a, b) => a.start - b.start);
}
