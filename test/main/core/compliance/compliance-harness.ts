/**
 * The compliance layer end to end for tests: a real simulator, a real core
 * and a real audit file, with the layer on a manual clock (see
 * {@link ComplianceHarness}).
 */

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { got } from 'got';
import { startSimulator, type SimulatorOptionsInput } from '../../../../simulator/index.ts';
import { createAgentCore } from '../../../../main/core/agent-core.ts';
import { AuditLog } from '../../../../main/core/compliance/audit-log.ts';
import type { AuditEntry } from '../../../../main/core/compliance/audit-entry.ts';
import type {
  CompliantCore,
  CompliantCoreEvent,
} from '../../../../main/core/compliance/compliance-events.ts';
import { withCompliance, type ComplianceOptions } from '../../../../main/core/compliance/with-compliance.ts';
import { ManualClock } from '../../helpers/manual-clock.ts';
import { simControl, type SimControl } from '../../helpers/sim-control.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/**
 * A real simulator, a real core (system clock: its network timers run for
 * real) and the compliance layer on a MANUAL clock, so reminders and
 * auto-resume are driven exactly by `clock.advance` while everything between
 * the core and the server is real. Every entry goes to a real audit file.
 */
export interface ComplianceHarness {
  cc: CompliantCore;
  clock: ManualClock;
  ctl: SimControl;
  simUrl: string;
  auditFile: string;
  audit: AuditLog;
  events: CompliantCoreEvent[];
  /** Compliance events of `type` so far. */
  of<T extends CompliantCoreEvent['type']>(type: T): Extract<CompliantCoreEvent, { type: T }>[];
  /** The audit entries written so far. */
  entries(): AuditEntry[];
  /** A call established on the simulator, recording, seen by the core. */
  recordingCall(): Promise<string>;
  /** Pauses `callId` through the compliant core and waits for the server's confirmation. */
  pause(callId: string): Promise<void>;
  waitRecording(callId: string, recording: string): Promise<void>;
  /** POSTs an operation as another client of agent1 (Basic auth; the simulator runs without CSRF). */
  operate(callId: string, body: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startComplianceHarness}. */
export interface ComplianceHarnessOptions {
  compliance?: Partial<ComplianceOptions>;
  sim?: SimulatorOptionsInput;
  /** Reuse an audit file (an app restart); a new temp file otherwise. */
  auditFile?: string;
  /** Wall clock of the audit log (epoch ms). */
  wallNow?: () => number;
  password?: string;
  /** Reuse a running simulator (an app restart); closed by its first harness. */
  simUrl?: string;
}

/** POSTs an operation on `callId` as agent1 with Basic auth; throws unless GWS answers statusCode 0. */
async function operateAsAgent1(
  simUrl: string,
  password: string,
  callId: string,
  body: Record<string, unknown>,
): Promise<void> {
  const response = await got.post(`${simUrl}/api/v2/me/calls/${callId}`, {
    json: body,
    headers: { authorization: `Basic ${Buffer.from(`agent1:${password}`).toString('base64')}` },
    responseType: 'json',
    throwHttpErrors: false,
  });
  const status = (response.body as { statusCode?: number }).statusCode;
  if (status !== 0) throw new Error(`${JSON.stringify(body)} → ${JSON.stringify(response.body)}`);
}

export async function startComplianceHarness(
  options: ComplianceHarnessOptions = {},
): Promise<ComplianceHarness> {
  const password = options.password ?? 'agent1';
  const sim = options.simUrl
    ? undefined
    : await startSimulator({ bayeuxTimeoutSec: 1, csrf: false, ...options.sim });
  const simUrl = options.simUrl ?? (sim as { url: string }).url;
  const ctl = simControl(simUrl);
  const auditFile = options.auditFile ?? join(mkdtempSync(join(tmpdir(), 'gws-compliance-')), 'audit.jsonl');
  const audit = AuditLog.open({
    file: auditFile,
    agent: 'agent1',
    ...(options.wallNow ? { now: options.wallNow } : {}),
  });
  const core = createAgentCore({
    serverUrl: simUrl,
    username: 'agent1',
    password,
    recordingTimeoutMs: 3_000,
    requestTimeoutMs: 3_000,
  });
  const clock = new ManualClock();
  const cc = withCompliance(core, {
    clock,
    audit,
    ...(options.wallNow ? { wallNow: options.wallNow } : {}),
    ...options.compliance,
  });
  const events: CompliantCoreEvent[] = [];
  cc.subscribe((event) => events.push(event));
  const started = await cc.start();
  if (!started.ok) throw new Error(`core did not start: ${JSON.stringify(started)}`);
  await waitFor(
    () => cc.getSnapshot().live,
    5_000,
    'core live',
    () => cc.getSnapshot(),
  );
  const recordingOf = (callId: string) => cc.getSnapshot().calls.find((c) => c.id === callId)?.recording;
  const harness: ComplianceHarness = {
    cc,
    clock,
    ctl,
    simUrl,
    auditFile,
    audit,
    events,
    of: (type) => events.filter((e) => e.type === type) as never,
    entries: () =>
      readFileSync(auditFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as AuditEntry),
    async recordingCall() {
      const id = await ctl.createCall({ state: 'Established', recording: true });
      await harness.waitRecording(id, 'recording');
      return id;
    },
    async pause(callId) {
      const result = await cc.pauseRecording(callId);
      if (!result.ok) throw new Error(`pause refused: ${JSON.stringify(result)}`);
      await harness.waitRecording(callId, 'paused');
    },
    async waitRecording(callId, recording) {
      await waitFor(
        () => recordingOf(callId) === recording && cc.getSnapshot().live,
        5_000,
        `call ${callId} ${recording}`,
        () => cc.getSnapshot(),
      );
    },
    operate: (callId, body) => operateAsAgent1(simUrl, password, callId, body),
    async close() {
      await cc.stop();
      audit.close();
      await sim?.close();
    },
  };
  return harness;
}
