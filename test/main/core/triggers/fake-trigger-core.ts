/**
 * A fake of the core's trigger port: it records every request and lets the test decide when (and whether) the
 * server confirms, so the registry's "only confirmed state" and deadline rules can be driven exactly.
 */

import type {
  CallRecordingView,
  ConfirmedRecording,
  TriggerCorePort,
  TriggerRequest,
  TriggerSnapshot,
} from '../../../../main/core/triggers/trigger-types.ts';

/** One request the runner sent. */
export interface SentRequest {
  readonly kind: 'pause' | 'resume';
  readonly callId: string;
  readonly request: TriggerRequest;
}

/** The fake port and its controls. */
export class FakeTriggerCore implements TriggerCorePort {
  readonly sent: SentRequest[] = [];
  #calls: CallRecordingView[] = [];
  #listeners = new Set<(snapshot: TriggerSnapshot) => void>();
  /** When set, every request is refused with this message. */
  refuse: string | undefined;
  /** When true, an accepted request is confirmed at once (otherwise the test calls `confirm`). */
  autoConfirm = false;
  /** When set, an accepted request is confirmed this many real milliseconds later (end-to-end tests). */
  confirmDelayMs: number | undefined;

  constructor(calls: CallRecordingView[] = []) {
    this.#calls = calls;
  }

  pause(callId: string, request: TriggerRequest): Promise<void> {
    return this.#request('pause', callId, request, 'paused');
  }

  resume(callId: string, request: TriggerRequest): Promise<void> {
    return this.#request('resume', callId, request, 'recording');
  }

  snapshot(): TriggerSnapshot {
    return { calls: [...this.#calls] };
  }

  onSnapshot(listener: (snapshot: TriggerSnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The server confirms `recording` for `callId` (publishes a snapshot). */
  confirm(callId: string, recording: ConfirmedRecording): void {
    this.#calls = this.#calls.map((c) => (c.callId === callId ? { callId, recording } : c));
    this.publish();
  }

  /** Replaces the live calls. */
  setCalls(calls: CallRecordingView[]): void {
    this.#calls = calls;
    this.publish();
  }

  publish(): void {
    for (const listener of [...this.#listeners]) listener(this.snapshot());
  }

  recordingOf(callId: string): ConfirmedRecording | undefined {
    return this.#calls.find((c) => c.callId === callId)?.recording;
  }

  #request(
    kind: 'pause' | 'resume',
    callId: string,
    request: TriggerRequest,
    to: ConfirmedRecording,
  ): Promise<void> {
    this.sent.push({ kind, callId, request });
    if (this.refuse !== undefined) return Promise.reject(new Error(this.refuse));
    if (this.autoConfirm) this.confirm(callId, to);
    else if (this.confirmDelayMs !== undefined)
      setTimeout(() => this.confirm(callId, to), this.confirmDelayMs);
    return Promise.resolve();
  }
}

/** Lets the runner's promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
