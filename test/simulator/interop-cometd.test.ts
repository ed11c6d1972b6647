/**
 * Interop: the official CometD JavaScript client (cometd 9 + cometd-nodejs-client 2),
 * long-polling only, against the simulator's notifications endpoint, signed in
 * the way the browser sample does it (gws-api.md §1.1, §3.1): Basic once on
 * `GET /api/v2/me`, then only the `JSESSIONID` cookie on every Bayeux request.
 */

import { describe, expect, it } from 'vitest';
import { GSIP_RECORD, SESSION_COOKIE } from '../../simulator/index.ts';
import { specCapabilities } from '../fixtures/spec-capabilities.ts';
import { Inbox, RestAgent, control, createCall, eventually, json, startSim } from './helpers.ts';
import { OfficialClient, recordNotificationRequests } from './cometd-client.ts';

describe('official CometD client over long-polling', () => {
  it('handshakes with the session cookie alone and receives the CallRecordingStateChange of a REST pause', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    expect((await agent.login()).statusCode).toBe(200);
    const sessionCookies = await agent.jar.getCookies(sim.url);
    expect(sessionCookies.map((c) => c.key)).toEqual([SESSION_COOKIE]);
    const sessionId = sessionCookies[0]?.value ?? '';
    expect(sessionId).not.toBe('');

    const wire = recordNotificationRequests(sim);
    const client = new OfficialClient(sim, agent.jar);
    expect(client.cometd.getTransportTypes()).not.toContain('websocket');

    const handshake = await client.handshake();
    expect(handshake).toMatchObject({ channel: '/meta/handshake', successful: true });
    expect(handshake.clientId).toMatch(/\w+/);
    expect(client.cometd.getTransport()?.type).toBe('long-polling');

    const inbox = new Inbox();
    const subscribed = await client.subscribe('/v2/me/calls', inbox);
    expect(subscribed).toMatchObject({ successful: true, subscription: '/v2/me/calls' });
    // toMatchObject: the client may or may not be holding a long-poll (`connectHeld`) right now.
    expect((await control(sim, 'GET', '/sim/state')).bayeuxClients).toMatchObject([
      { agent: 'agent1', sessionBound: true },
    ]);

    const id = await createCall(sim, { recording: true });
    const established = await inbox.waitFor((m) => m.call?.id === id);
    expect(established.call).toMatchObject({ state: 'Established', recordingState: 'Recording' });

    const seen = inbox.messages.length;
    const res = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ statusCode: 0 });

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
    expect(new Set(paused.call?.capabilities as string[])).toEqual(
      specCapabilities({ state: 'Established', recordingState: 'Paused', mute: 'Off' }),
    );
    expect(inbox.messages.slice(seen).map((m) => m.channel)).toEqual(['/v2/me/calls']);

    await client.disconnect();
    expect(client.cometd.getStatus()).toBe('disconnected');

    // What reached the simulator: cometd's URL suffixes (appendMessageTypeToURL
    // names handshake, connect and disconnect; other messages, the subscribe
    // among them, go to the base URL with a trailing slash), the cookie on every
    // request, never a Basic header (the client has none to send).
    const paths = wire.map((r) => r.path);
    expect(paths[0]).toBe('/api/v2/notifications/handshake');
    expect(paths.at(-1)).toBe('/api/v2/notifications/disconnect');
    expect(new Set(paths)).toEqual(
      new Set(['handshake', 'connect', '', 'disconnect'].map((s) => `/api/v2/notifications/${s}`)),
    );
    for (const request of wire) {
      expect(request.method).toBe('POST');
      expect(request.authorization).toBeUndefined();
      expect(request.cookie).toBe(`${SESSION_COOKIE}=${sessionId}`);
    }
    await eventually(
      async () => ((await control(sim, 'GET', '/sim/state')).bayeuxClients as []).length === 0,
    );
  });

  it('is denied the handshake without a cookie (403::Handshake denied) and does not retry', async () => {
    const sim = await startSim();
    // A signed-in agent exists, but this client's jar is empty.
    await new RestAgent(sim).login();
    const wire = recordNotificationRequests(sim);
    const client = new OfficialClient(sim, undefined);
    const reply = await client.handshake();
    expect(reply).toMatchObject({
      channel: '/meta/handshake',
      successful: false,
      error: '403::Handshake denied',
      advice: { reconnect: 'none' },
    });
    await eventually(() => client.cometd.isDisconnected(), 2_000);
    // advice reconnect:none is honoured: one attempt, no retry storm. The client's retries run on
    // its own timers, so this sleep is a window that counts the ABSENCE of requests, not a condition.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(wire.map((r) => r.path)).toEqual(['/api/v2/notifications/handshake']);
    expect(wire[0]).toMatchObject({ cookie: undefined, authorization: undefined });
    expect((await control(sim, 'GET', '/sim/state')).bayeuxClients).toEqual([]);
  });

  it('is denied with the cookie of a session that has ended, after a 402 on its connect', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const wire = recordNotificationRequests(sim);
    const client = new OfficialClient(sim, agent.jar);
    const handshakes: Array<{ successful?: boolean; error?: string }> = [];
    client.cometd.addListener('/meta/handshake', (m) =>
      handshakes.push({ successful: m.successful, error: m.error }),
    );
    expect((await client.handshake()).successful).toBe(true);
    await eventually(() => wire.some((r) => r.path === '/api/v2/notifications/connect'));

    // The session dies (idle timeout, logout elsewhere): the long-poll returns, the
    // next connect is 402::Unknown client, cometd re-handshakes on the dead cookie
    // and is denied with reconnect:none, so it stops.
    expect(await control(sim, 'POST', '/sim/sessions/expire', { agent: 'agent1' })).toMatchObject({
      statusCode: 0,
      expired: 1,
    });
    await eventually(() => client.cometd.isDisconnected(), 8_000);
    expect(handshakes).toEqual([
      { successful: true, error: undefined },
      { successful: false, error: '403::Handshake denied' },
    ]);
    expect(wire.every((r) => r.authorization === undefined)).toBe(true);
    expect((await agent.get('api/v2/me')).statusCode).toBe(401);
  });
});
