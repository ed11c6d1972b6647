/**
 * The GWS v2 REST surface as a client sees it: authentication, CSRF, the agent's
 * session and state, calls and their operations, and the knobs for the
 * behaviours gws-api.md marks [I] or [gap].
 */

import got from 'got';
import { describe, expect, it } from 'vitest';
import { RestAgent, basic, control, createCall, eventually, json, startSim } from './helpers.ts';
import { SPEC_HELD, specCapabilities } from '../fixtures/spec-capabilities.ts';

describe('authentication', () => {
  it('refuses a request without credentials with 401 and statusCode 20', async () => {
    const sim = await startSim();
    const res = await new RestAgent(sim).get('api/v2/me');
    expect(res.statusCode).toBe(401);
    expect(json(res)).toEqual({ statusCode: 20, statusMessage: 'Access denied' });
  });

  it('refuses a wrong password and an unreadable Authorization header', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim, 'agent1', 'wrong');
    expect((await agent.login()).statusCode).toBe(401);
    const garbled = await agent.http.get('api/v2/me', { headers: { authorization: 'Basic !!!' } });
    expect(garbled.statusCode).toBe(401);
  });

  it('opens a JSESSIONID session on Basic login and then accepts the cookie alone', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    const me = await agent.login();
    expect(me.statusCode).toBe(200);
    expect(me.headers['set-cookie']?.[0]).toMatch(/^JSESSIONID=[^;]+; Path=\/; HttpOnly/);
    expect(json(me).user).toMatchObject({ userName: 'agent1', roles: ['ROLE_AGENT'] });
    const again = await agent.get('api/v2/me');
    expect(again.statusCode).toBe(200);
    expect(again.headers['set-cookie']).toBeUndefined();
    const state = await control(sim, 'GET', '/sim/state');
    expect((state.agents as Array<{ logins: number }>)[0]?.logins).toBe(1);
  });

  it('accepts Basic on every request without a cookie jar (the .NET client style)', async () => {
    const sim = await startSim({ csrf: false });
    for (let i = 0; i < 3; i++) {
      const res = await got(`${sim.url}/api/v2/me/calls`, { headers: { authorization: basic('agent2') } });
      expect(JSON.parse(res.body)).toEqual({ statusCode: 0, uris: [] });
    }
  });

  it('answers diagnostics/version without credentials', async () => {
    const sim = await startSim({ version: '8.5.200.50' });
    const res = await got(`${sim.url}/api/v2/diagnostics/version`);
    expect(JSON.parse(res.body)).toEqual({ statusCode: 0, version: '8.5.200.50' });
  });
});

describe('CSRF protection', () => {
  it('hands out X-CSRF-HEADER and X-CSRF-TOKEN on every GET', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    const me = await agent.login();
    expect(me.headers['x-csrf-header']).toBe('X-CSRF-TOKEN');
    expect(me.headers['x-csrf-token']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const devices = await agent.get('api/v2/me/devices');
    expect(devices.headers['x-csrf-token']).toBe(me.headers['x-csrf-token']);
  });

  it('refuses POST without the token, with a wrong token, and without the cookie', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const start = { operationName: 'StartContactCenterSession', channels: ['voice'] };
    const noToken = await agent.http.post('api/v2/me', { json: start });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toBe('Missing or invalid Csrf token');
    const wrong = await agent.post('api/v2/me', start, { 'x-csrf-token': 'not-the-token' });
    expect(wrong.statusCode).toBe(403);
    const noCookie = await got.post(`${sim.url}/api/v2/me`, {
      json: start,
      headers: { authorization: basic('agent1'), 'x-csrf-token': agent.csrfToken ?? '' },
      throwHttpErrors: false,
    });
    expect(noCookie.statusCode).toBe(403);
    const state = await control(sim, 'GET', '/sim/state');
    expect((state.agents as Array<{ inContactCenterSession: boolean }>)[0]?.inContactCenterSession).toBe(
      false,
    );
    const ok = await agent.post('api/v2/me', start);
    expect(json(ok)).toEqual({ statusCode: 0 });
  });

  it('can be switched off: no headers, POST with the cookie alone', async () => {
    const sim = await startSim({ csrf: false });
    const agent = new RestAgent(sim);
    const me = await agent.login();
    expect(me.headers['x-csrf-token']).toBeUndefined();
    const res = await agent.http.post('api/v2/me', { json: { operationName: 'StartContactCenterSession' } });
    expect(json(res)).toEqual({ statusCode: 0 });
  });

  it('kills session and token with EndContactCenterSession', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const oldToken = agent.csrfToken;
    expect(json(await agent.post('api/v2/me', { operationName: 'EndContactCenterSession' }))).toEqual({
      statusCode: 0,
    });
    expect((await agent.get('api/v2/me')).statusCode).toBe(401);
    await agent.login();
    expect(agent.csrfToken).not.toBe(oldToken);
    const withOld = await agent.post(
      'api/v2/me/channels/voice',
      { operationName: 'Ready' },
      { 'x-csrf-token': oldToken ?? '' },
    );
    expect(withOld.statusCode).toBe(403);
  });
});

describe('agent session and devices', () => {
  it('returns devices and channels as uris by default and objects with fields=*', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const uris = json(await agent.get('api/v2/me/devices'));
    expect(uris.uris).toEqual([expect.stringMatching(new RegExp(`^${sim.url}/api/v2/devices/`))]);
    const devices = json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<
      Record<string, unknown>
    >;
    expect(devices[0]).toMatchObject({
      phoneNumber: '7001',
      deviceState: 'Inactive',
      telephonyNetwork: 'Private',
    });
    const one = json(await agent.get(`api/v2/me/devices/${String(devices[0]?.id)}`));
    expect(one.device).toEqual(devices[0]);
    const some = json(await agent.get('api/v2/me/devices?fields=phoneNumber')).devices;
    expect(some).toEqual([{ id: devices[0]?.id, phoneNumber: '7001' }]);
    const channels = json(await agent.get('api/v2/me/channels?fields=*')).channels;
    expect(channels).toEqual([
      expect.objectContaining({ channel: 'voice', switchName: 'SIP_Switch', userActivity: 'Idle' }),
    ]);
    expect(json(await agent.get('api/v2/me/channels')).uris).toHaveLength(1);
    const sub = json(await agent.get('api/v2/me?subresources=devices')).user as Record<string, unknown>;
    expect(sub.devices).toHaveLength(1);
    expect(sub.channels).toBeUndefined();
  });

  it('moves the agent through Start, Ready, NotReady, AfterCallWork and End', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.login();
    const early = await agent.post('api/v2/me/channels/voice', { operationName: 'Ready' });
    expect(early.statusCode).toBe(400);
    expect(json(early).statusCode).toBe(2);
    await agent.post('api/v2/me', { operationName: 'StartContactCenterSession', channels: ['voice'] });
    const userState = async (): Promise<unknown> =>
      (json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<Record<string, unknown>>)[0]
        ?.userState;
    expect(json(await agent.post('api/v2/me/channels/voice', { operationName: 'Ready' }))).toEqual({
      statusCode: 0,
    });
    expect(await userState()).toEqual({
      id: '9430250E-0A1B-421F-B372-F29E69366DED',
      displayName: 'Ready',
      state: 'Ready',
    });
    await agent.post('api/v2/me/channels/voice', { operationName: 'AfterCallWork' });
    expect(await userState()).toMatchObject({ state: 'NotReady', workMode: 'AfterCallWork' });
    await agent.post('api/v2/me', { operationName: 'Ready' });
    expect(await userState()).toMatchObject({ state: 'Ready' });
    await agent.post('api/v2/me/channels/voice', { operationName: 'NotReady' });
    expect(await userState()).toMatchObject({ state: 'NotReady' });
    const bogus = await agent.post('api/v2/me/channels/voice', { operationName: 'Dance' });
    expect(json(bogus).statusCode).toBe(10);
    expect(json(await agent.post('api/v2/me/channels/voice', {})).statusCode).toBe(1);
    expect(json(await agent.post('api/v2/me/channels/chat', { operationName: 'Ready' })).statusCode).toBe(6);
  });
});

describe('calls', () => {
  it('lists calls as uris, as objects with fields=*, and singly; unknown call is statusCode 6', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    expect(json(await agent.get('api/v2/me/calls')).uris).toEqual([`${sim.url}/api/v2/me/calls/${id}`]);
    const [call] = await agent.calls();
    expect(call).toMatchObject({
      id,
      state: 'Established',
      recordingState: 'Recording',
      duration: '0',
      mute: 'Off',
    });
    expect(json(await agent.get(`api/v2/me/calls/${id}`)).call).toEqual(call);
    const missing = await agent.get('api/v2/me/calls/DOESNOTEXIST');
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toEqual({ statusCode: 6, statusMessage: 'Call DOESNOTEXIST not found' });
    const op = await agent.post('api/v2/me/calls/DOESNOTEXIST', { operationName: 'Hangup' });
    expect(json(op).statusCode).toBe(6);
  });

  it('never shows one agent the calls of another', async () => {
    const sim = await startSim();
    const a1 = new RestAgent(sim, 'agent1');
    const a2 = new RestAgent(sim, 'agent2');
    await a1.signIn();
    await a2.signIn();
    const id = await createCall(sim, { agent: 'agent2' });
    expect(await a1.calls()).toEqual([]);
    expect((await a2.calls()).map((c) => c.id)).toEqual([id]);
    expect(json(await a1.get(`api/v2/me/calls/${id}`)).statusCode).toBe(6);
    expect(json(await a1.post(`api/v2/me/calls/${id}`, { operationName: 'Hangup' })).statusCode).toBe(6);
  });

  it('answers a ringing call, records it automatically, and ends recording with the call', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { state: 'Ringing' });
    const [ringing] = await agent.calls();
    expect(new Set(ringing?.capabilities as string[])).toEqual(specCapabilities({ state: 'Ringing' }));
    expect(ringing?.recordingState).toBeUndefined();
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Answer' }))).toEqual({
      statusCode: 0,
    });
    const [answered] = await agent.calls();
    expect(answered).toMatchObject({ state: 'Established', recordingState: 'Recording' });
    expect((answered?.userData as Record<string, string>).GSIP_RECORD).toBe('ON');
    expect((answered?.userData as Record<string, string>).GSIP_REC_FN).toMatch(
      new RegExp(`^${answered?.callUuid as string}_7001_15551230042_8000_`),
    );
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Hangup' }))).toEqual({
      statusCode: 0,
    });
    expect(await agent.calls()).toEqual([]);
  });

  it('does not record on answer when autoRecord is off, or when the control API says so', async () => {
    const sim = await startSim({ autoRecord: false });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { state: 'Ringing' });
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Answer' });
    const [call] = await agent.calls();
    expect(call?.recordingState).toBeUndefined();
    expect(call?.capabilities).toContain('StartCallRecording');
    const sim2 = await startSim();
    const agent2 = new RestAgent(sim2);
    await agent2.signIn();
    const id2 = await createCall(sim2, { state: 'Ringing', recording: false });
    await agent2.post(`api/v2/me/calls/${id2}`, { operationName: 'Answer' });
    expect((await agent2.calls())[0]?.recordingState).toBeUndefined();
  });

  it('walks the recording state machine with GSIP_RECORD and capabilities as documented', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { recording: false });
    const step = async (operationName: string): Promise<Record<string, unknown> | undefined> => {
      const res = await agent.post(`api/v2/me/calls/${id}`, { operationName });
      expect(json(res), operationName).toEqual({ statusCode: 0 });
      return (await agent.calls())[0];
    };
    const recOps = (call: Record<string, unknown> | undefined): string[] =>
      (call?.capabilities as string[]).filter((c) => /CallRecording$/.test(c));
    const gsip = (call: Record<string, unknown> | undefined): unknown =>
      (call?.userData as Record<string, unknown> | undefined)?.GSIP_RECORD;

    expect(recOps((await agent.calls())[0])).toEqual(['StartCallRecording']);
    let call = await step('StartCallRecording');
    expect([call?.recordingState, gsip(call), recOps(call)]).toEqual([
      'Recording',
      'ON',
      ['PauseCallRecording', 'StopCallRecording'],
    ]);
    call = await step('PauseCallRecording');
    expect([call?.recordingState, gsip(call), recOps(call)]).toEqual([
      'Paused',
      'PAUSED',
      ['ResumeCallRecording', 'StopCallRecording'],
    ]);
    call = await step('ResumeCallRecording');
    expect([call?.recordingState, gsip(call), recOps(call)]).toEqual([
      'Recording',
      'ON',
      ['PauseCallRecording', 'StopCallRecording'],
    ]);
    call = await step('StopCallRecording');
    expect([call?.recordingState, gsip(call), recOps(call)]).toEqual([
      'Stopped',
      'OFF',
      ['StartCallRecording'],
    ]);
  });

  it('refuses an operation absent from capabilities with statusCode 2 and changes nothing', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    const before = await agent.calls();
    const res = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'ResumeCallRecording' });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toEqual({
      statusCode: 2,
      statusMessage: 'ResumeCallRecording is not available for the call in its current state',
    });
    expect(await agent.calls()).toEqual(before);
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Answer' })).statusCode).toBe(2);
  });

  it('answers missing and unknown operationName and missing parameters with 1 and 10', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    expect(json(await agent.post(`api/v2/me/calls/${id}`, {}))).toEqual({
      statusCode: 1,
      statusMessage: 'Missing required parameter: operationName',
    });
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Explode' })).statusCode).toBe(10);
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 42 })).statusCode).toBe(10);
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'DeleteUserDataPair' }))).toEqual({
      statusCode: 1,
      statusMessage: 'Missing required parameter: key',
    });
    expect(
      json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'AttachUserData' })).statusCode,
    ).toBe(1);
    expect(
      json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'InitiateConference' })).statusCode,
    ).toBe(3);
  });

  it('holds, retrieves, mutes and unmutes, keeping recording across hold', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    const op = (operationName: string): Promise<unknown> =>
      agent.post(`api/v2/me/calls/${id}`, { operationName });
    await op('Hold');
    let [call] = await agent.calls();
    expect(call).toMatchObject({ state: 'Held', recordingState: 'Recording' });
    expect(new Set(call?.capabilities as string[])).toEqual(new Set(SPEC_HELD));
    expect(json((await op('PauseCallRecording')) as never).statusCode).toBe(2);
    await op('Retrieve');
    await op('MuteCall');
    [call] = await agent.calls();
    expect(call).toMatchObject({ state: 'Established', mute: 'On', recordingState: 'Recording' });
    expect(call?.capabilities).toContain('UnmuteCall');
    expect(call?.capabilities).not.toContain('MuteCall');
    await op('UnmuteCall');
    expect((await agent.calls())[0]).toMatchObject({ mute: 'Off' });
  });

  it('does not start recording when a call that was not recording is retrieved', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { recording: false });
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Hold' });
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Retrieve' });
    const [call] = await agent.calls();
    expect(call).toMatchObject({ state: 'Established' });
    expect(call?.recordingState).toBeUndefined();
  });

  it('offers recording operations while Held when configured to', async () => {
    const sim = await startSim({ recordingOpsWhileHeld: true });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Hold' });
    expect(json(await agent.post(`api/v2/me/calls/${id}`, { operationName: 'PauseCallRecording' }))).toEqual({
      statusCode: 0,
    });
    expect((await agent.calls())[0]).toMatchObject({ state: 'Held', recordingState: 'Paused' });
  });

  it('attaches, updates and deletes user data', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { recording: false });
    const post = (body: Record<string, unknown>): Promise<unknown> =>
      agent.post(`api/v2/me/calls/${id}`, body);
    await post({ operationName: 'AttachUserData', userData: { CaseId: 'C-1029' } });
    await post({ operationName: 'UpdateUserData', userData: { CaseId: 'C-2000', Segment: 'Gold' } });
    expect((await agent.calls())[0]?.userData).toEqual({ CaseId: 'C-2000', Segment: 'Gold' });
    await post({ operationName: 'DeleteUserDataPair', key: 'Segment' });
    expect((await agent.calls())[0]?.userData).toEqual({ CaseId: 'C-2000' });
    await post({ operationName: 'DeleteUserData' });
    expect((await agent.calls())[0]?.userData).toBeUndefined();
  });

  it('transfers a call in one step: it leaves this agent and rings the target DN', async () => {
    const sim = await startSim();
    const a1 = new RestAgent(sim, 'agent1');
    const a2 = new RestAgent(sim, 'agent2');
    await a1.signIn();
    await a2.signIn();
    const id = await createCall(sim, { recording: true });
    await a1.post(`api/v2/me/calls/${id}`, { operationName: 'AttachUserData', userData: { CaseId: 'C-7' } });
    expect((await a1.calls())[0]?.userData).toHaveProperty('GSIP_RECORD', 'ON');
    const res = await a1.post(`api/v2/me/calls/${id}`, {
      operationName: 'SingleStepTransfer',
      destination: { phoneNumber: '7002' },
    });
    expect(json(res)).toEqual({ statusCode: 0 });
    expect(await a1.calls()).toEqual([]);
    const [transferred] = await a2.calls();
    expect(transferred).toMatchObject({ state: 'Ringing', ani: '15551230042', dnis: '7002' });
    // The business data travels; the recording service's GSIP_* keys and state belong to the old call.
    expect(transferred?.userData).toEqual({ CaseId: 'C-7' });
    expect(transferred?.recordingState).toBeUndefined();
  });

  it('dials out: Dialing first, Established when the far end answers', async () => {
    const sim = await startSim({ dialAnswerMs: 100 });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const deviceId = (json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<{ id: string }>)[0]
      ?.id;
    const res = await agent.post(`api/v2/me/devices/${deviceId}/calls`, {
      operationName: 'Dial',
      destination: { phoneNumber: '5551212' },
    });
    expect(json(res)).toEqual({ statusCode: 0 });
    expect((await agent.calls())[0]).toMatchObject({
      state: 'Dialing',
      callType: 'Outbound',
      dnis: '5551212',
    });
    await eventually(async () => (await agent.calls())[0]?.state === 'Established');
    const missing = await agent.post(`api/v2/me/devices/${deviceId}/calls`, { operationName: 'Dial' });
    expect(json(missing).statusCode).toBe(1);
    const wrongDevice = await agent.post('api/v2/me/devices/nope/calls', {
      operationName: 'Dial',
      destination: { phoneNumber: '1' },
    });
    expect(json(wrongDevice).statusCode).toBe(6);
  });
});

describe('knobs for [I]/[gap] behaviour', () => {
  it('uses 16-hex ConnIDs as call ids when callIdStyle is connid', async () => {
    const sim = await startSim({ callIdStyle: 'connid' });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect((await agent.calls())[0]).toMatchObject({ id, connId: id });
  });

  it('sends 8.5 participants (strings + participantsInfo) when configured', async () => {
    const sim = await startSim({ participantsFormat: '8.5' });
    const agent = new RestAgent(sim);
    await agent.signIn();
    await createCall(sim);
    const [call] = await agent.calls();
    expect(call?.participants).toEqual(['15551230042']);
    expect(call?.participantsInfo).toEqual([expect.objectContaining({ phoneNumber: '15551230042' })]);
  });

  it('maps statusCodes to configured HTTP statuses', async () => {
    const sim = await startSim({ httpStatus: { '2': 200, '6': 410 } });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim);
    expect((await agent.post(`api/v2/me/calls/${id}`, { operationName: 'Answer' })).statusCode).toBe(200);
    expect((await agent.get('api/v2/me/calls/nope')).statusCode).toBe(410);
  });

  it('enforces Origin when allowedOrigins is a list', async () => {
    const sim = await startSim({ allowedOrigins: ['http://desktop.example.test'] });
    const agent = new RestAgent(sim);
    expect((await agent.login()).statusCode).toBe(403);
    const ok = await agent.http.get('api/v2/me', {
      headers: { authorization: basic('agent1'), origin: 'http://desktop.example.test' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-expose-headers']).toBe('X-CSRF-HEADER,X-CSRF-TOKEN');
  });

  it('rejects invalid options with a message naming the field', async () => {
    await expect(startSim({ participantsFormat: '9.0' as never })).rejects.toThrow(/participantsFormat/);
    await expect(startSim({ csrf: 'yes' as never })).rejects.toThrow(/csrf/);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, wrong content type, oversize bodies, unknown paths and methods cleanly', async () => {
    const sim = await startSim({ maxBodyBytes: 1_000_000 });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const headers = { 'x-csrf-token': agent.csrfToken ?? '', 'content-type': 'application/json' };
    const malformed = await agent.http.post('api/v2/me', { body: '{"operationName":', headers });
    expect([malformed.statusCode, json(malformed)]).toEqual([
      400,
      { statusCode: 10, statusMessage: 'Malformed JSON body' },
    ]);
    const notObject = await agent.http.post('api/v2/me', { body: '[1,2]', headers });
    expect(json(notObject).statusCode).toBe(10);
    const wrongType = await agent.http.post('api/v2/me', {
      body: 'operationName=Ready',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([wrongType.statusCode, json(wrongType).statusCode]).toEqual([415, 10]);
    const huge = await agent.http.post('api/v2/me', { body: `{"x":"${'a'.repeat(1_100_000)}"}`, headers });
    expect([huge.statusCode, json(huge).statusCode]).toEqual([413, 10]);
    const unknown = await agent.get('api/v2/me/nothing-here');
    expect([unknown.statusCode, json(unknown).statusCode]).toEqual([404, 6]);
    const outside = await agent.get('favicon.ico');
    expect(outside.statusCode).toBe(404);
    const wrongMethod = await agent.http.delete('api/v2/me', { headers });
    expect([wrongMethod.statusCode, json(wrongMethod).statusCode]).toEqual([405, 3]);
    // The server is still healthy afterwards.
    expect((await agent.get('api/v2/me')).statusCode).toBe(200);
  });
});
