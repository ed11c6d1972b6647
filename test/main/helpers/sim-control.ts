import { got } from 'got';

/**
 * Thin client of the simulator's `/sim` control API (loopback only), so tests
 * read like what happens to an agent: a call arrives, the caller hangs up, a
 * fault is armed, the server restarts.
 */
export interface SimControl {
  createCall(body: {
    agent?: string;
    from?: string;
    state?: 'Ringing' | 'Established';
    recording?: boolean;
  }): Promise<string>;
  release(callId: string): Promise<void>;
  fault(body: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  expireSessions(agent?: string): Promise<void>;
  restart(): Promise<void>;
  state(): Promise<SimState>;
}

/** The parts of `GET /sim/state` the tests read. */
export interface SimState {
  agents: { userName: string; logins: number; [key: string]: unknown }[];
  calls: { id: string; state: string; recordingState?: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

/** Builds a {@link SimControl} for a simulator at `baseUrl`; any non-0 statusCode throws. */
export function simControl(baseUrl: string): SimControl {
  const http = got.extend({
    prefixUrl: baseUrl,
    responseType: 'json',
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  async function call(method: 'GET' | 'POST' | 'DELETE', path: string, json?: unknown) {
    const response = await http<Record<string, unknown>>(path, {
      method,
      ...(json === undefined ? {} : { json }),
    });
    const body = response.body;
    if (body.statusCode !== undefined && body.statusCode !== 0) {
      throw new Error(`${method} /${path} → ${JSON.stringify(body)}`);
    }
    return body;
  }
  return {
    async createCall(body) {
      const result = await call('POST', 'sim/calls', { agent: 'agent1', from: '15551230042', ...body });
      return String(result.id);
    },
    async release(callId) {
      await call('POST', `sim/calls/${encodeURIComponent(callId)}/release`, {});
    },
    async fault(body) {
      await call('POST', 'sim/faults', body);
    },
    async clearFaults() {
      await call('DELETE', 'sim/faults');
    },
    async expireSessions(agent = 'agent1') {
      await call('POST', 'sim/sessions/expire', { agent });
    },
    async restart() {
      await call('POST', 'sim/restart', {});
    },
    async state() {
      return (await call('GET', 'sim/state')) as unknown as SimState;
    },
  };
}
