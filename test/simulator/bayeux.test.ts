/**
 * The Bayeux endpoint as raw HTTP and faye clients see it: handshake and
 * authentication, per-agent topics, websocket, held long-polls in `/sim/state`,
 * and what a client is told when its session dies or the server restarts.
 */

import got from 'got';
import { describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator/index.ts';
import type { Inbox } from './helpers.ts';
import {
  RestAgent,
  basic,
  control,
  createCall,
  eventually,
  fayeClient,
  signedInWithCall,
  startSim,
  subscribe,
} from './helpers.ts';

type BayeuxReply = Record<string, unknown> & {
  successful?: boolean;
  error?: string;
  advice?: { reconnect?: string };
};

/** One raw Bayeux exchange over long-polling (what any CometD client sends). */
async function bayeux(
  sim: RunningSimulator,
  messages: Array<Record<string, unknown>>,
  headers: Record<string, string> = {},
): Promise<BayeuxReply[]> {
  const res = await got.post(`${sim.url}/api/v2/notifications`, {
    json: messages,
    headers,
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return JSON.parse(res.body) as BayeuxReply[];
}

const HANDSHAKE = { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] };

async function handshake(sim: RunningSimulator, headers: Record<string, string>): Promise<string> {
  const [reply] = await bayeux(sim, [HANDSHAKE], headers);
  expect(reply?.successful).toBe(true);
  return String(reply?.clientId);
}

function connect(
  sim: RunningSimulator,
  clientId: string,
  headers: Record<string, string> = {},
): Promise<BayeuxReply[]> {
  return bayeux(sim, [{ channel: '/meta/connect', clientId, connectionType: 'long-polling' }], headers);
}

/** Resolves once the simulator holds the (only) client's /meta/connect long-poll. */
async function connectHeld(sim: RunningSimulator): Promise<void> {
  await eventually(async () => {
    const clients = (await control(sim, 'GET', '/sim/state')).bayeuxClients as Array<{
      connectHeld?: boolean;
    }>;
    return clients[0]?.connectHeld === true;
  });
}

async function cookieOf(agent: RestAgent, sim: RunningSimulator): Promise<string> {
  return agent.jar.getCookieString(sim.url);
}

describe('handshake', () => {
  it('denies a handshake without a valid session, with CometD advice not to retry', async () => {
    const sim = await startSim();
    const [anonymous] = await bayeux(sim, [HANDSHAKE]);
    expect(anonymous).toMatchObject({
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
    });
    const [wrong] = await bayeux(sim, [HANDSHAKE], { authorization: basic('agent1', 'nope') });
    expect(wrong?.successful).toBe(false);
    const [staleCookie] = await bayeux(sim, [HANDSHAKE], { cookie: 'JSESSIONID=forged' });
    expect(staleCookie?.successful).toBe(false);
  });

  it('accepts the session cookie alone, or Basic alone, and ignores a CSRF header', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const viaCookie = await handshake(sim, {
      cookie: await cookieOf(agent, sim),
      'x-csrf-token': 'whatever',
    });
    expect(viaCookie).toMatch(/\w+/);
    const viaBasic = await handshake(sim, { authorization: basic('agent2') });
    expect(viaBasic).not.toBe(viaCookie);
    const state = await control(sim, 'GET', '/sim/state');
    expect(state.bayeuxClients).toEqual([
      { agent: 'agent1', sessionBound: true },
      { agent: 'agent2', sessionBound: false },
    ]);
  });

  it('accepts CometD-style message-type suffixes on the endpoint URL', async () => {
    const sim = await startSim();
    const res = await got.post(`${sim.url}/api/v2/notifications/handshake`, {
      json: [HANDSHAKE],
      headers: { authorization: basic('agent1') },
    });
    expect((JSON.parse(res.body) as BayeuxReply[])[0]?.successful).toBe(true);
  });

  it('refuses client publishes: agents only listen', async () => {
    const sim = await startSim();
    const headers = { authorization: basic('agent1') };
    const clientId = await handshake(sim, headers);
    const [reply] = await bayeux(sim, [{ channel: '/v2/me/calls', clientId, data: { fake: true } }], headers);
    expect(reply).toMatchObject({ successful: false, error: '403::Publish denied' });
  });
});

describe('per-agent notifications', () => {
  it('delivers each agent only its own events, whatever it subscribes to', async () => {
    const sim = await startSim();
    const a1 = fayeClient(sim, { Authorization: basic('agent1') });
    const a2 = fayeClient(sim, { Authorization: basic('agent2') });
    const inbox1 = await subscribe(a1, '/v2/me/calls');
    const inbox2 = await subscribe(a2, '/**');
    const call1 = await createCall(sim, { agent: 'agent1' });
    await inbox1.waitFor((m) => m.call?.id === call1);
    const call2 = await createCall(sim, { agent: 'agent2' });
    await inbox2.waitFor((m) => m.call?.id === call2);
    expect(inbox2.messages.map((m) => m.data.call?.id)).toEqual([call2]);
    expect(inbox2.messages[0]?.channel).toBe('/v2/me/calls');
    expect(inbox1.messages.map((m) => m.data.call?.id)).toEqual([call1]);
  });

  it('serves the /v2/me/* wildcard with calls, devices and channels on their own channels', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const client = fayeClient(sim, { Cookie: await cookieOf(agent, sim) });
    const inbox = await subscribe(client, '/v2/me/*');
    await agent.post('api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] });
    await agent.post('api/v2/me/channels/voice', { operationName: 'Ready' });
    const device = await inbox.waitFor(
      (m, channel) =>
        channel === '/v2/me/devices' &&
        m.devices?.[0]?.deviceState === 'Active' &&
        (m.devices[0].userState as { state: string }).state === 'Ready',
    );
    expect(device.messageType).toBe('DeviceStateChangeMessage');
    await inbox.waitFor((m, channel) => channel === '/v2/me/channels' && Array.isArray(m.channels));
    const id = await createCall(sim);
    const ringing = await inbox.waitFor((m, channel) => channel === '/v2/me/calls' && m.call?.id === id);
    expect(ringing).toMatchObject({
      messageType: 'CallStateChangeMessage',
      notificationType: 'StatusChange',
      phoneNumber: '7001',
    });
  });

  it('answers REST first and publishes the event afterwards', async () => {
    const { agent, inbox, id } = await signedInWithCall();
    for (let i = 0; i < 20; i++) {
      const operationName = i % 2 === 0 ? 'PauseCallRecording' : 'ResumeCallRecording';
      const expected = i % 2 === 0 ? 'Paused' : 'Recording';
      const seen = inbox.messages.length;
      const res = await agent.post(`api/v2/me/calls/${id}`, { operationName });
      const arrivedBeforeAnswer = inbox.messages.length > seen;
      expect(res.body).toBe('{"statusCode":0}');
      expect(arrivedBeforeAnswer).toBe(false);
      const event = await inbox.waitFor(() => true, 5_000, seen);
      expect(event).toMatchObject({
        notificationType: 'CallRecordingStateChange',
        call: { recordingState: expected },
      });
    }
  });

  it('delivers over websocket as well as long-polling', async () => {
    const sim = await startSim();
    const ws = fayeClient(sim, { Authorization: basic('agent1') });
    const transports = new Set<unknown>();
    ws.addExtension({
      outgoing: (message, callback) => {
        if (message.channel === '/meta/connect') transports.add(message.connectionType);
        callback(message);
      },
    });
    const wsInbox = await subscribe(ws, '/v2/me/calls');
    const lp = fayeClient(sim, { Authorization: basic('agent1') });
    (lp as unknown as { disable(feature: string): void }).disable('websocket');
    const lpInbox = await subscribe(lp, '/v2/me/calls');
    const id = await createCall(sim);
    await wsInbox.waitFor((m) => m.call?.id === id);
    await lpInbox.waitFor((m) => m.call?.id === id);
    expect(transports.has('websocket')).toBe(true);
  });
});

describe('/sim/state', () => {
  it('shows a client whose long-poll is held, until the poll is answered', async () => {
    const sim = await startSim({ bayeuxTimeoutSec: 1 });
    const clientId = await handshake(sim, { authorization: basic('agent1') });
    const pending = connect(sim, clientId, { authorization: basic('agent1') });
    await connectHeld(sim);
    expect((await pending)[0]?.successful).toBe(true);
    expect((await control(sim, 'GET', '/sim/state')).bayeuxClients).toEqual([
      { agent: 'agent1', sessionBound: false },
    ]);
  });
});

describe('session death and restart', () => {
  it('tells a client handshaken on an expired session that it is unknown, and re-handshake needs a login', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const cookie = await cookieOf(agent, sim);
    const clientId = await handshake(sim, { cookie });
    const pending = connect(sim, clientId, { cookie });
    await connectHeld(sim);
    const started = Date.now();
    expect(await control(sim, 'POST', '/sim/sessions/expire', { agent: 'agent1' })).toMatchObject({
      statusCode: 0,
      expired: 1,
    });
    expect((await pending)[0]?.successful).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    const [after] = await connect(sim, clientId, { cookie });
    expect(after).toMatchObject({
      successful: false,
      error: '402::Unknown client',
      advice: { reconnect: 'handshake' },
    });
    const [again] = await bayeux(sim, [HANDSHAKE], { cookie });
    expect(again?.successful).toBe(false);
    expect((await agent.get('api/v2/me')).statusCode).toBe(401);
  });

  it('restart drops every session and client, tells live clients to re-handshake, and keeps calls', async () => {
    const sim = await startSim({ bayeuxTimeoutSec: 10 });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    const cookie = await cookieOf(agent, sim);
    const clientId = await handshake(sim, { cookie });
    const started = Date.now();
    const pending = connect(sim, clientId, { cookie });
    await connectHeld(sim);
    const restarted = await control(sim, 'POST', '/sim/restart');
    expect(restarted).toMatchObject({ statusCode: 0, dropped: { sessions: 1, bayeuxClients: 1 } });
    await pending;
    expect(Date.now() - started).toBeLessThan(2_000);
    const [after] = await connect(sim, clientId, { cookie });
    expect(after).toMatchObject({ error: '402::Unknown client', advice: { reconnect: 'handshake' } });
    expect((await agent.get('api/v2/me/calls')).statusCode).toBe(401);
    await agent.login();
    expect((await agent.calls()).map((c) => [c.id, c.recordingState])).toEqual([[id, 'Recording']]);
  });

  it('a faye client recovers by itself after restart when it authenticates with Basic', async () => {
    const sim = await startSim();
    const client = fayeClient(sim, { Authorization: basic('agent1') });
    const inbox: Inbox = await subscribe(client, '/v2/me/calls');
    await control(sim, 'POST', '/sim/restart');
    const deadline = Date.now() + 8_000;
    let id = '';
    // faye re-handshakes and re-subscribes on its own; keep creating calls until one arrives.
    while (Date.now() < deadline && id === '') {
      const candidate = await createCall(sim);
      try {
        await inbox.waitFor((m) => m.call?.id === candidate, 1_000);
        id = candidate;
      } catch {
        // not yet resubscribed
      }
    }
    expect(id).not.toBe('');
  });
});

describe('advice', () => {
  it('advises on every connect by default, and only on the first one in CometD style', async () => {
    for (const [mode, expected] of [
      ['every', [true, true]],
      ['first', [true, false]],
    ] as const) {
      const sim = await startSim({ connectAdvice: mode, bayeuxTimeoutSec: 0.2 });
      const headers = { authorization: basic('agent1') };
      const clientId = await handshake(sim, headers);
      const first = await connect(sim, clientId, headers);
      const second = await connect(sim, clientId, headers);
      expect([first[0]?.advice !== undefined, second[0]?.advice !== undefined], mode).toEqual(expected);
      const [unknown] = await connect(sim, 'forged', headers);
      expect(unknown?.advice?.reconnect, mode).toBe('handshake');
    }
  });
});

describe('bad input on the Bayeux endpoint', () => {
  it('answers garbage with errors and keeps serving', async () => {
    const sim = await startSim();
    const headers = { authorization: basic('agent1') };
    const clientId = await handshake(sim, headers);
    const raw = (body: string, type = 'application/json') =>
      got.post(`${sim.url}/api/v2/notifications`, {
        body,
        headers: { ...headers, 'content-type': type },
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: { request: 5_000 },
      });
    for (const body of ['{"channel":', 'null', '42', '"text"', '[]', '{}', 'x'.repeat(10_000)]) {
      const res = await raw(body);
      expect(res.statusCode, body.slice(0, 20)).toBeLessThan(500);
    }
    const replies = await bayeux(
      sim,
      [
        { channel: '/meta/subscribe', subscription: '/v2/me/calls' },
        { channel: '/meta/subscribe', clientId, subscription: 'not a channel' },
        { channel: '/meta/connect', clientId: 'forged', connectionType: 'long-polling' },
        { channel: '/meta/nonsense', clientId },
      ],
      headers,
    );
    expect(replies.map((r) => r.successful)).toEqual([false, false, false, false]);
    expect(replies[2]?.error).toBe('402::Unknown client');
    const [ok] = await bayeux(
      sim,
      [{ channel: '/meta/subscribe', clientId, subscription: '/v2/me/calls' }],
      headers,
    );
    expect(ok).toMatchObject({ successful: true, subscription: '/v2/me/calls' });
  });
});
