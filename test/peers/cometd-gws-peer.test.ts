/**
 * The CometD-server peer is a faithful GWS look-alike: the official CometD
 * client and our core both sign in, subscribe and see a pause confirmed on it,
 * and its knobs (connect faults, dropped clients, frozen stream) act on the wire.
 */

import { got } from 'got';
import { CookieJar } from 'tough-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentCore, type AgentCore } from '../../main/core/agent-core.ts';
import { GSIP_RECORD, SESSION_COOKIE } from '../../simulator/index.ts';
import { waitFor } from '../main/helpers/wait-for.ts';
import { OfficialClient } from '../simulator/cometd-client.ts';
import { Inbox } from '../simulator/helpers.ts';
import { channelMatches, startCometdGwsPeer, type CometdGwsPeer } from './cometd-gws-peer.ts';

const peers: CometdGwsPeer[] = [];
const cores: AgentCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.stop()));
  await Promise.all(peers.splice(0).map((peer) => peer.close()));
});

async function peer(options: Parameters<typeof startCometdGwsPeer>[0] = {}): Promise<CometdGwsPeer> {
  const started = await startCometdGwsPeer({ timeoutMs: 2_000, ...options });
  peers.push(started);
  return started;
}

/** Basic sign-in on GET /api/v2/me as a browser would; returns the jar and the CSRF token if any. */
async function signIn(url: string, user = 'agent1') {
  const jar = new CookieJar();
  const res = await got.get(`${url}/api/v2/me`, {
    cookieJar: jar,
    headers: { authorization: `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}` },
  });
  const token = res.headers['x-csrf-token'];
  return { jar, token: typeof token === 'string' ? token : undefined };
}

function post(url: string, path: string, jar: CookieJar, body: unknown, token?: string) {
  return got.post(`${url}${path}`, {
    cookieJar: jar,
    json: body,
    throwHttpErrors: false,
    headers: token ? { 'x-csrf-token': token } : {},
  });
}

function core(url: string, user = 'agent1'): AgentCore {
  const created = createAgentCore({
    serverUrl: url,
    username: user,
    password: user,
    transport: 'long-polling',
    recordingTimeoutMs: 3_000,
  });
  cores.push(created);
  return created;
}

async function coreWithCall(p: CometdGwsPeer): Promise<{ agent: AgentCore; id: string }> {
  const agent = core(p.url);
  expect(await agent.start()).toEqual({ ok: true });
  await waitFor(
    () => agent.getSnapshot().status === 'no-call',
    5_000,
    'no-call',
    () => agent.getSnapshot(),
  );
  const id = await p.addEstablishedCall();
  await waitFor(() => agent.getSnapshot().status === 'recording', 5_000, 'recording');
  return { agent, id };
}

describe('CometD GWS peer', () => {
  it('serves the official CometD client: cookie-only handshake, per-agent delivery, pause confirmed by event', async () => {
    const p = await peer();
    const { jar } = await signIn(p.url);
    expect((await jar.getCookies(p.url)).map((c) => c.key)).toEqual([SESSION_COOKIE]);
    const other = await signIn(p.url, 'agent2');

    const client = new OfficialClient(p, jar);
    expect(await client.handshake()).toMatchObject({ successful: true });
    const inbox = new Inbox();
    expect(await client.subscribe('/v2/me/calls', inbox)).toMatchObject({ successful: true });
    const otherClient = new OfficialClient(p, other.jar);
    await otherClient.handshake();
    const otherInbox = new Inbox();
    await otherClient.subscribe('/v2/me/*', otherInbox);
    expect(p.liveClients).toBe(2);

    const id = await p.addEstablishedCall();
    await inbox.waitFor((m) => m.call?.id === id && m.call.recordingState === 'Recording');
    const seen = inbox.messages.length;
    const res = await post(p.url, `/api/v2/me/calls/${id}`, jar, { operationName: 'PauseCallRecording' });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ statusCode: 0 });
    const paused = await inbox.waitFor((m) => m.call?.id === id, 5_000, seen);
    expect(paused).toMatchObject({
      messageType: 'CallStateChangeMessage',
      notificationType: 'CallRecordingStateChange',
      phoneNumber: '7001',
      call: {
        id,
        state: 'Established',
        recordingState: 'Paused',
        userData: { GSIP_RECORD: GSIP_RECORD.Paused },
      },
    });
    // agent2 is subscribed to a wildcard over its own topics and never sees agent1's call.
    await p.addEstablishedCall('agent2');
    await otherInbox.waitFor((m) => m.phoneNumber === '7002');
    expect(otherInbox.messages.every((m) => m.data.phoneNumber === '7002')).toBe(true);
    expect(p.counters.restPosts).toBe(1);
    expect(p.counters.handshakes).toBe(2);
  });

  it('denies a handshake without a live session (403, reconnect none)', async () => {
    const p = await peer();
    const client = new OfficialClient(p, undefined);
    expect(await client.handshake()).toMatchObject({
      successful: false,
      error: '403::handshake_denied',
      advice: { reconnect: 'none' },
    });
    expect(p.liveClients).toBe(0);
  });

  it('serves our core over long-polling: sign-in, subscriptions, toggle → paused → recording', async () => {
    const p = await peer({ csrf: true });
    const { agent, id } = await coreWithCall(p);
    expect(await agent.toggleRecording()).toMatchObject({ ok: true });
    await waitFor(
      () => agent.getSnapshot().status === 'paused',
      5_000,
      'paused',
      () => agent.getSnapshot(),
    );
    expect(p.world.calls.get(id)?.recordingState).toBe('Paused');
    expect(await agent.toggleRecording()).toMatchObject({ ok: true });
    await waitFor(() => agent.getSnapshot().status === 'recording', 5_000, 'recording again');
    expect(p.world.calls.get(id)?.recordingState).toBe('Recording');
    expect(p.counters.subscribes).toBeGreaterThanOrEqual(1);
    expect(p.liveClients).toBe(1);
  });

  it('drops clients and fails connects on request: the core re-handshakes and the counters show it', async () => {
    const p = await peer();
    const { agent } = await coreWithCall(p);
    const before = p.counters.handshakes;
    expect(p.dropClients()).toBe(1);
    await waitFor(() => p.counters.handshakes > before && p.liveClients === 1, 5_000, 're-handshake');
    await waitFor(() => agent.getSnapshot().status === 'recording', 5_000, 'live again');

    const connects = p.counters.connects;
    p.failConnects({ error: '402::session_unknown', advice: { reconnect: 'handshake', interval: 0 } }, 1);
    await waitFor(() => p.counters.handshakes > before + 1, 8_000, 'handshake after a failed connect');
    expect(p.counters.connects).toBeGreaterThan(connects);
    await waitFor(() => agent.getSnapshot().status === 'recording', 5_000, 'live after the fault');
  });

  it('freezes the stream: no connect is answered until thawed', async () => {
    const p = await peer({ timeoutMs: 300 });
    const { jar } = await signIn(p.url);
    const client = new OfficialClient(p, jar);
    await client.handshake();
    await waitFor(() => p.counters.connects >= 2, 5_000, 'connects flowing');
    p.freeze();
    const answered = p.counters.bayeuxResponses;
    // The held poll expires after 300 ms: its reply (or the next request) is parked, not answered.
    await waitFor(() => p.parked >= 1, 5_000, 'a parked reply');
    expect(p.counters.bayeuxResponses).toBe(answered);
    p.thaw();
    expect(p.parked).toBe(0);
    await waitFor(() => p.counters.bayeuxResponses > answered, 5_000, 'answers after thaw');
    const connects = p.counters.connects;
    await waitFor(() => p.counters.connects > connects + 1, 5_000, 'connects flowing again');
  });
});

describe('channelMatches', () => {
  it('matches exact names and Bayeux wildcards', () => {
    expect(channelMatches('/v2/me/calls', '/v2/me/calls')).toBe(true);
    expect(channelMatches('/v2/me/*', '/v2/me/calls')).toBe(true);
    expect(channelMatches('/v2/me/*', '/v2/me/calls/x')).toBe(false);
    expect(channelMatches('/v2/**', '/v2/me/calls')).toBe(true);
    expect(channelMatches('/v2/me/devices', '/v2/me/calls')).toBe(false);
  });
});
