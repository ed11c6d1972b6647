/**
 * The `/sim` control API over real HTTP: calls arriving and ending, faults armed
 * and cleared, sessions expiring (idle on the simulator's clock, or on request),
 * and loopback-only access.
 */

import got from 'got';
import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../simulator/http/http-util.ts';
import { ManualClock } from '../main/helpers/manual-clock.ts';
import { RestAgent, basic, control, json, signedInWithCall, startSim } from './helpers.ts';

describe('calls from outside', () => {
  it('creates ringing and established calls and validates the request', async () => {
    const sim = await startSim();
    const ringing = await control(sim, 'POST', '/sim/calls', {
      agent: 'agent2',
      from: '+15551230042',
      state: 'Ringing',
    });
    expect(ringing).toMatchObject({ httpStatus: 200, statusCode: 0, id: expect.any(String) });
    const state = await control(sim, 'GET', '/sim/state');
    expect(state.calls).toEqual([
      expect.objectContaining({
        id: ringing.id,
        agent: 'agent2',
        state: 'Ringing',
        from: '15551230042',
        recordingState: null,
      }),
    ]);
    const unknownAgent = await control(sim, 'POST', '/sim/calls', { agent: 'nobody', from: '123' });
    expect(unknownAgent).toMatchObject({ httpStatus: 404, statusCode: 6 });
    const badNumber = await control(sim, 'POST', '/sim/calls', { agent: 'agent1', from: 'call me' });
    expect(badNumber).toMatchObject({
      httpStatus: 400,
      statusCode: 10,
      statusMessage: expect.stringMatching(/^from: /),
    });
    const extra = await control(sim, 'POST', '/sim/calls', { agent: 'agent1', from: '123', colour: 'red' });
    expect(extra).toMatchObject({ statusCode: 10 });
  });

  it('accepts curl-style bodies without a JSON content type', async () => {
    const sim = await startSim();
    const res = await got.post(`${sim.url}/sim/calls`, {
      body: '{"agent":"agent1","from":"15551230042","state":"Established","recording":true}',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 0 });
  });

  it('releases a call as the remote party: the agent sees Released and the call is gone', async () => {
    const { sim, agent, inbox, id } = await signedInWithCall();
    expect(await control(sim, 'POST', `/sim/calls/${id}/release`)).toMatchObject({ statusCode: 0 });
    const released = await inbox.waitFor((m) => m.call?.state === 'Released');
    expect(released.call).toMatchObject({ id, capabilities: [] });
    expect(released.call?.recordingState).toBeUndefined();
    expect(await agent.calls()).toEqual([]);
    expect(await control(sim, 'POST', `/sim/calls/${id}/release`)).toMatchObject({
      httpStatus: 404,
      statusCode: 6,
    });
  });

  it('answers unknown control routes with 404 and only loopback peers at all', async () => {
    const sim = await startSim();
    expect(await control(sim, 'GET', '/sim/nothing')).toMatchObject({ httpStatus: 404, statusCode: 6 });
    expect(await control(sim, 'POST', '/sim/state')).toMatchObject({ httpStatus: 404 });
    expect([isLoopback('127.0.0.1'), isLoopback('::1'), isLoopback('::ffff:127.0.0.1')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isLoopback('10.0.0.5'), isLoopback('::ffff:192.168.1.2'), isLoopback(undefined)]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('faults', () => {
  it('fails an operation with the armed statusCode and HTTP status, count times, changing nothing', async () => {
    const { sim, agent, id } = await signedInWithCall();
    await control(sim, 'POST', '/sim/faults', {
      operation: 'PauseCallRecording',
      statusCode: 4,
      httpStatus: 500,
      count: 1,
    });
    const failed = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' });
    expect(failed.statusCode).toBe(500);
    expect(json(failed)).toMatchObject({ statusCode: 4, statusMessage: expect.any(String) });
    expect((await agent.calls())[0]?.recordingState).toBe('Recording');
    const retried = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' });
    expect(json(retried)).toEqual({ statusCode: 0 });
    expect((await agent.calls())[0]?.recordingState).toBe('Paused');
  });

  it('drops the next events while the state still changes', async () => {
    const { sim, agent, inbox, id } = await signedInWithCall();
    await control(sim, 'POST', '/sim/faults', { dropEvents: 1 });
    const seen = inbox.messages.length;
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' });
    expect((await agent.calls())[0]?.recordingState).toBe('Paused');
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'ResumeCallRecording' });
    const next = await inbox.waitFor(() => true, 5_000, seen);
    expect(next.call?.recordingState).toBe('Recording');
    expect(inbox.messages.slice(seen).some((m) => m.data.call?.recordingState === 'Paused')).toBe(false);
  });

  it('delays the next response by delayMs, then answers promptly again', async () => {
    const { sim, agent } = await signedInWithCall();
    await control(sim, 'POST', '/sim/faults', { delayMs: 1_500, count: 1 });
    let started = Date.now();
    expect((await agent.get('api/v2/me')).statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_450);
    started = Date.now();
    expect((await agent.get('api/v2/me')).statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('answers with an HTML page instead of JSON and does not carry out the request', async () => {
    const { sim, agent, id } = await signedInWithCall();
    await control(sim, 'POST', '/sim/faults', { badBody: 'html', count: 1 });
    const html = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toMatch(/^<!DOCTYPE html>/);
    expect((await agent.calls())[0]?.recordingState).toBe('Recording');
  });

  it('answers a Bayeux request with a 401 HTML page when scoped to bayeux', async () => {
    const sim = await startSim();
    await control(sim, 'POST', '/sim/faults', { badBody: 'html', scope: 'bayeux', httpStatus: 401 });
    const handshake = [
      { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
    ];
    const post = () =>
      got.post(`${sim.url}/api/v2/notifications`, {
        json: handshake,
        headers: { authorization: basic('agent1') },
        throwHttpErrors: false,
      });
    const first = await post();
    expect([first.statusCode, first.headers['content-type']]).toEqual([401, 'text/html; charset=utf-8']);
    const second = await post();
    expect((JSON.parse(second.body) as Array<{ successful: boolean }>)[0]?.successful).toBe(true);
  });

  it("answers a Bayeux request with GWS's JSON auth error when badBody is json", async () => {
    const sim = await startSim();
    await control(sim, 'POST', '/sim/faults', { badBody: 'json', scope: 'any', count: 2 });
    const res = await got.post(`${sim.url}/api/v2/notifications`, {
      json: [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] }],
      headers: { authorization: basic('agent1') },
      throwHttpErrors: false,
    });
    expect([res.statusCode, JSON.parse(res.body)]).toEqual([
      401,
      { statusCode: 20, statusMessage: 'Access denied' },
    ]);
    const rest = await new RestAgent(sim).login();
    expect([rest.statusCode, json(rest)]).toEqual([401, { statusCode: 20, statusMessage: 'Access denied' }]);
    expect((await new RestAgent(sim).login()).statusCode).toBe(200);
  });

  it('sends the armed Bayeux advice on /meta/connect until cleared', async () => {
    const sim = await startSim({ bayeuxTimeoutSec: 1 });
    const headers = { authorization: basic('agent1') };
    const bayeux = async (message: Record<string, unknown>) =>
      (
        JSON.parse(
          (await got.post(`${sim.url}/api/v2/notifications`, { json: [message], headers })).body,
        ) as Array<Record<string, unknown> & { advice?: { reconnect?: string; interval?: number } }>
      )[0];
    const hs = await bayeux({
      channel: '/meta/handshake',
      version: '1.0',
      supportedConnectionTypes: ['long-polling'],
    });
    const connect = { channel: '/meta/connect', clientId: hs?.clientId, connectionType: 'long-polling' };
    await control(sim, 'POST', '/sim/faults', { bayeuxAdvice: 'none', interval: 0 });
    expect((await bayeux(connect))?.advice).toMatchObject({ reconnect: 'none', interval: 0 });
    expect((await bayeux(connect))?.advice?.reconnect).toBe('none');
    const state = await control(sim, 'GET', '/sim/state');
    expect((state.faults as { bayeuxAdvice: unknown }).bayeuxAdvice).toMatchObject({ bayeuxAdvice: 'none' });
    expect(await control(sim, 'DELETE', '/sim/faults')).toMatchObject({ statusCode: 0 });
    expect((await bayeux(connect))?.advice?.reconnect).toBe('retry');
  });

  it('clears every armed fault with DELETE /sim/faults and rejects unknown faults', async () => {
    const { sim, agent, id } = await signedInWithCall();
    await control(sim, 'POST', '/sim/faults', { operation: 'PauseCallRecording', statusCode: 4, count: 5 });
    await control(sim, 'POST', '/sim/faults', { dropEvents: 3 });
    await control(sim, 'POST', '/sim/faults', { badBody: 'html', count: 3 });
    await control(sim, 'DELETE', '/sim/faults');
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' }))).toEqual({
      statusCode: 0,
    });
    const bad = await control(sim, 'POST', '/sim/faults', { explode: true });
    expect(bad).toMatchObject({
      httpStatus: 400,
      statusCode: 10,
      statusMessage: expect.stringMatching(/Unknown fault/),
    });
  });
});

describe('sessions', () => {
  it('times out an idle session when sessionIdleTimeoutSec is set, but not a busy one', async () => {
    const clock = new ManualClock();
    const sim = await startSim({ sessionIdleTimeoutSec: 1 }, { clock });
    const agent = new RestAgent(sim);
    await agent.login();
    for (let i = 0; i < 4; i++) {
      clock.advance(300);
      expect((await agent.get('api/v2/me')).statusCode, `busy ${i}`).toBe(200);
    }
    clock.advance(1_000); // idle exactly the timeout: still alive
    expect((await agent.get('api/v2/me')).statusCode).toBe(200);
    clock.advance(1_001);
    expect((await agent.get('api/v2/me')).statusCode).toBe(401);
  });

  it('expires one agent’s sessions and CSRF tokens, leaving other agents alone', async () => {
    const sim = await startSim();
    const a1 = new RestAgent(sim, 'agent1');
    const a2 = new RestAgent(sim, 'agent2');
    await a1.signIn();
    await a2.signIn();
    expect(await control(sim, 'POST', '/sim/sessions/expire', { agent: 'agent1' })).toMatchObject({
      statusCode: 0,
      expired: 1,
    });
    expect((await a1.get('api/v2/me')).statusCode).toBe(401);
    expect((await a1.post('api/v2/me/channels/voice', { operationName: 'Ready' })).statusCode).toBe(401);
    expect((await a2.get('api/v2/me')).statusCode).toBe(200);
    expect(await control(sim, 'POST', '/sim/sessions/expire', { agent: 'ghost' })).toMatchObject({
      statusCode: 6,
    });
    await a1.login();
    const state = await control(sim, 'GET', '/sim/state');
    expect(
      (state.agents as Array<{ userName: string; logins: number }>).map((a) => [a.userName, a.logins]),
    ).toEqual([
      ['agent1', 2],
      ['agent2', 1],
      ['agent3', 0],
    ]);
  });
});
