/**
 * The simulator must emit what the documented samples show: for each fixture
 * (the project's copies in test/fixtures/gws-events), the same keys (recursively) with the same
 * value types, and the documented values where they matter.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  RestAgent,
  basic,
  createCall,
  fayeClient,
  json,
  signedInWithInbox,
  startSim,
  subscribe,
  type BayeuxMessage,
} from './helpers.ts';

function load<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, name), 'utf8')) as T;
}

/** Keys and value types, recursively; arrays by the shape of their first element. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? 'array' : ['array of', shape(value[0])];
  if (value === null) return 'null';
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
    );
  }
  return typeof value;
}

interface Envelope {
  channel: string;
  data: BayeuxMessage & { call?: Record<string, unknown> };
}

/** MuteCall is listed by the simulator while unmuted (our [I]); the samples omit it. */
function documentedCapabilities(call: Record<string, unknown> | undefined): string[] {
  return ((call?.capabilities as string[] | undefined) ?? []).filter((c) => c !== 'MuteCall');
}

describe('Bayeux messages match the documented fixtures', () => {
  it('cometd-03-device-ready: DeviceStateChangeMessage after Ready', async () => {
    const fixture = load<Envelope>('cometd-03-device-ready.json');
    const { agent, inbox } = await signedInWithInbox('/v2/me/devices');
    await agent.post('api/v2/me/channels/voice', { operationName: 'Ready' });
    const event = await inbox.waitFor(
      (m) => (m.devices?.[0]?.userState as { state?: string })?.state === 'Ready',
    );
    expect(inbox.messages.at(-1)?.channel).toBe(fixture.channel);
    expect(shape(event)).toEqual(shape(fixture.data));
    expect(event.devices?.[0]).toMatchObject({
      deviceState: 'Active',
      userState: fixture.data.devices?.[0]?.userState,
      telephonyNetwork: 'Private',
      phoneNumber: '7001',
    });
  });

  it('cometd-04 to 08: ringing, established recording, paused, resumed, released', async () => {
    const { sim, agent, inbox } = await signedInWithInbox('/v2/me/calls');
    const id = await createCall(sim, { state: 'Ringing' });
    await agent.post(`api/v2/me/calls/${id}`, {
      operationName: 'AttachUserData',
      userData: { CaseId: 'C-1029', Segment: 'Gold' },
    });
    const ringing = await inbox.waitFor((m) => m.notificationType === 'AttachedDataChanged');

    const steps: Array<[string, string, (m: BayeuxMessage) => boolean]> = [
      ['cometd-04-call-ringing.json', '', () => true],
      ['cometd-05-call-established-recording.json', 'Answer', (m) => m.call?.state === 'Established'],
      [
        'cometd-06-call-recording-paused.json',
        'PauseCallRecording',
        (m) => m.call?.recordingState === 'Paused',
      ],
      [
        'cometd-07-call-recording-resumed.json',
        'ResumeCallRecording',
        (m) => m.call?.recordingState === 'Recording' && m.notificationType === 'CallRecordingStateChange',
      ],
      ['cometd-08-call-released.json', 'Hangup', (m) => m.call?.state === 'Released'],
    ];
    for (const [file, operationName, match] of steps) {
      const fixture = load<Envelope>(file);
      let event = ringing;
      if (operationName) {
        const seen = inbox.messages.length;
        expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName })), file).toEqual({
          statusCode: 0,
        });
        event = await inbox.waitFor(match, 5_000, seen);
      }
      const expected = { ...fixture.data, notificationType: fixture.data.notificationType };
      // The ringing sample is a StatusChange; ours came from attaching its user data.
      const actual = operationName ? event : { ...event, notificationType: 'StatusChange' };
      expect(shape(actual), file).toEqual(shape(expected));
      expect(actual.notificationType, file).toBe(fixture.data.notificationType);
      expect(actual.messageType, file).toBe('CallStateChangeMessage');
      expect(actual.call?.state, file).toBe(fixture.data.call?.state);
      expect(actual.call?.recordingState, file).toBe(fixture.data.call?.recordingState);
      expect((actual.call?.userData as Record<string, unknown>).GSIP_RECORD, file).toBe(
        (fixture.data.call?.userData as Record<string, unknown>).GSIP_RECORD,
      );
      expect(new Set(documentedCapabilities(actual.call)), file).toEqual(
        new Set(fixture.data.call?.capabilities as string[]),
      );
      expect(actual.phoneNumber, file).toBe('7001');
    }
  });
});

describe('REST exchanges match the documented fixtures', () => {
  interface Exchange {
    request: { method: string; path: string; body?: Record<string, unknown> };
    response: { status: number; headers: Record<string, string>; body: Record<string, unknown> };
    expectNotification?: string;
  }

  it('http-01-login-and-session: login, start, Ready, end', async () => {
    const { exchanges } = load<{ exchanges: Exchange[] }>('http-01-login-and-session.json');
    const sim = await startSim();
    const agent = new RestAgent(sim);
    const [login, start, ready, end] = exchanges;
    const me = await agent.http.get(login!.request.path.replace(/^\//, ''), {
      headers: { authorization: basic('agent1') },
    });
    expect(me.statusCode).toBe(login!.response.status);
    for (const header of ['set-cookie', 'x-csrf-header', 'x-csrf-token', 'content-type']) {
      expect(me.headers[header], header).toBeDefined();
    }
    expect(me.headers['x-csrf-header']).toBe(login!.response.headers['X-CSRF-HEADER']);
    expect(shape(json(me))).toEqual(shape(login!.response.body));

    const client = fayeClient(sim, { Authorization: basic('agent1') });
    const inbox = await subscribe(client, '/v2/me/devices');
    for (const exchange of [start!, ready!, end!]) {
      const res = await agent.post(exchange.request.path.replace(/^\//, ''), exchange.request.body);
      expect([res.statusCode, json(res)], JSON.stringify(exchange.request.body)).toEqual([
        exchange.response.status,
        exchange.response.body,
      ]);
      if (exchange.expectNotification) {
        const fixture = load<Envelope>(exchange.expectNotification);
        const event = await inbox.waitFor(
          (m) => (m.devices?.[0]?.userState as { state?: string })?.state === 'Ready',
        );
        expect(shape(event)).toEqual(shape(fixture.data));
      }
    }
    expect((await agent.get('api/v2/me')).statusCode).toBe(401);
  });

  it('http-02-errors: each documented error case', async () => {
    const { cases } = load<{
      cases: Array<{
        name: string;
        request: { method: string; path: string; body?: Record<string, unknown> };
        response: {
          status: number;
          body?: Record<string, unknown>;
          bodyText?: string;
          headers?: Record<string, string>;
        };
      }>;
    }>('http-02-errors.json');
    const byName = new Map(cases.map((c) => [c.name, c]));
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const id = await createCall(sim);
    const path = (p: string): string => p.replace(/^\//, '').replace('02H7QK4M1C9F3T8R5V0B6N2LAES0000Q', id);

    const anonymous = byName.get('no-credentials')!;
    const noCreds = await new RestAgent(sim).get(path(anonymous.request.path));
    expect([noCreds.statusCode, json(noCreds)]).toEqual([anonymous.response.status, anonymous.response.body]);

    const csrf = byName.get('csrf-token-missing')!;
    const noToken = await agent.http.post(path(csrf.request.path), { json: csrf.request.body });
    expect([noToken.statusCode, noToken.body]).toEqual([csrf.response.status, csrf.response.bodyText]);
    expect(noToken.headers['content-type']).toMatch(/^text\/plain/);

    const partial = byName.get('start-session-partial-success')!;
    const started = await agent.post(path(partial.request.path), partial.request.body);
    expect(started.statusCode).toBe(partial.response.status);
    expect(json(started)).toEqual({ statusCode: 7, statusMessage: expect.stringMatching(/^chat: /) });

    for (const name of ['operation-not-allowed-in-state', 'unknown-call', 'missing-parameter']) {
      const c = byName.get(name)!;
      const expectedBody = {
        ...c.response.body,
        statusMessage: String(c.response.body?.statusMessage).replace('02H7QK4M1C9F3T8R5V0B6N2LAES0000Q', id),
      };
      const res =
        c.request.method === 'GET'
          ? await agent.get(path(c.request.path))
          : await agent.post(path(c.request.path), c.request.body);
      expect([res.statusCode, json(res)], name).toEqual([c.response.status, expectedBody]);
    }
  });
});
