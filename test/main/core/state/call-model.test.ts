import { describe, expect, it } from 'vitest';
import {
  callSchema,
  deviceSchema,
  parseCallList,
  parseGwsEvent,
} from '../../../../main/core/state/call-model.ts';
import { fixtureNames, loadFixture } from '../../helpers/fixtures.ts';
import { statusBodySchema } from '../../../../main/core/gws/session.ts';

/** `data` of a cometd fixture, deep-copied so tests can mutate it. */
function eventData(name: string): Record<string, unknown> {
  return structuredClone(loadFixture(name).data) as Record<string, unknown>;
}

function callOf(data: Record<string, unknown>): Record<string, unknown> {
  return data.call as Record<string, unknown>;
}

describe('parseGwsEvent against the documented fixtures', () => {
  it('finds every fixture file (the project copy in test/fixtures is complete)', () => {
    expect(fixtureNames()).toEqual(
      expect.arrayContaining([
        'cometd-03-device-ready.json',
        'cometd-04-call-ringing.json',
        'cometd-05-call-established-recording.json',
        'cometd-06-call-recording-paused.json',
        'cometd-07-call-recording-resumed.json',
        'cometd-08-call-released.json',
        'http-01-login-and-session.json',
        'http-02-errors.json',
      ]),
    );
  });

  it('reads the device-ready event as agent state Ready', () => {
    const event = parseGwsEvent(eventData('cometd-03-device-ready.json'));
    expect(event.kind).toBe('devices');
    if (event.kind !== 'devices') return;
    expect(event.devices).toHaveLength(1);
    expect(event.devices[0]?.userState?.state).toBe('Ready');
    expect(event.devices[0]?.phoneNumber).toBe('7001');
  });

  it('reads a ringing call: Answer offered, recording not reported (neither recordingState nor GSIP_RECORD)', () => {
    const event = parseGwsEvent(eventData('cometd-04-call-ringing.json'));
    expect(event).toMatchObject({
      kind: 'call',
      notificationType: 'StatusChange',
      call: {
        id: '02H7QK4M1C9F3T8R5V0B6N2LAES0000Q',
        state: 'Ringing',
        recordingState: undefined,
        participants: [{ phoneNumber: '15551230042', formattedPhoneNumber: '(555) 123-0042' }],
      },
    });
    if (event.kind === 'call') expect(event.call.capabilities).toContain('Answer');
  });

  it.each([
    ['cometd-05-call-established-recording.json', 'Established', 'Recording', 'PauseCallRecording'],
    ['cometd-06-call-recording-paused.json', 'Established', 'Paused', 'ResumeCallRecording'],
    ['cometd-07-call-recording-resumed.json', 'Established', 'Recording', 'PauseCallRecording'],
  ])('reads %s as %s / %s offering %s', (file, state, recordingState, capability) => {
    const event = parseGwsEvent(eventData(file));
    expect(event.kind).toBe('call');
    if (event.kind !== 'call') return;
    expect(event.call.state).toBe(state);
    expect(event.call.recordingState).toBe(recordingState);
    expect(event.call.capabilities).toContain(capability);
    expect(event.call.userData.GSIP_RECORD).toBe(recordingState === 'Paused' ? 'PAUSED' : 'ON');
  });

  it('reads the released call (recordingState absent) from GSIP_RECORD, never as a guessed Stopped', () => {
    const data = eventData('cometd-08-call-released.json');
    expect(callOf(data).recordingState).toBeUndefined();
    expect((callOf(data).userData as Record<string, unknown>).GSIP_RECORD).toBe('ON');
    const event = parseGwsEvent(data);
    expect(event).toMatchObject({ kind: 'call', call: { state: 'Released', recordingState: 'Recording' } });
    if (event.kind === 'call') expect(event.call.capabilities).toEqual([]);
  });

  it('accepts the 8.5 participants format (strings + participantsInfo)', () => {
    const data = eventData('cometd-05-call-established-recording.json');
    const call = callOf(data);
    call.participants = ['15551230042'];
    call.participantsInfo = { '15551230042': { e164Number: '+15551230042' } };
    const event = parseGwsEvent(data);
    expect(event).toMatchObject({ kind: 'call', call: { participants: [{ phoneNumber: '15551230042' }] } });
  });

  it('tolerates missing notificationType, recordingState and userData', () => {
    const data = eventData('cometd-05-call-established-recording.json');
    delete data.notificationType;
    delete callOf(data).recordingState;
    delete callOf(data).userData;
    const event = parseGwsEvent(data);
    expect(event).toMatchObject({
      kind: 'call',
      notificationType: undefined,
      call: { state: 'Established', recordingState: undefined, userData: {} },
    });
  });

  it.each([
    ['ON', 'Recording'],
    ['PAUSED', 'Paused'],
    ['OFF', 'Stopped'],
  ])('reads GSIP_RECORD %s as %s when recordingState is absent', (gsip, expected) => {
    const data = eventData('cometd-05-call-established-recording.json');
    delete callOf(data).recordingState;
    callOf(data).userData = { GSIP_RECORD: gsip };
    expect(parseGwsEvent(data)).toMatchObject({ kind: 'call', call: { recordingState: expected } });
  });

  it('asks for a REST refresh on an unknown notificationType instead of guessing', () => {
    const data = eventData('cometd-06-call-recording-paused.json');
    data.notificationType = 'StatePropertiesChange';
    expect(parseGwsEvent(data)).toEqual({
      kind: 'refresh',
      reason: 'unknown notificationType StatePropertiesChange',
      code: 'unknown-event',
    });
  });

  it('asks for a refresh on an unknown messageType', () => {
    expect(parseGwsEvent({ messageType: 'ChatStateChangeMessage' })).toMatchObject({
      kind: 'refresh',
      code: 'unknown-event',
    });
  });

  it.each([
    ['no data', undefined],
    ['a string', 'hello'],
    ['no messageType', { call: {} }],
    ['call without id', { messageType: 'CallStateChangeMessage', call: { state: 'Ringing' } }],
    [
      'unknown recordingState',
      {
        messageType: 'CallStateChangeMessage',
        call: { id: 'x', state: 'Established', recordingState: 'On' },
      },
    ],
    ['devices not an array', { messageType: 'DeviceStateChangeMessage', devices: { id: 'd' } }],
  ])('never throws on a malformed event (%s) and asks for a refresh', (_name, data) => {
    expect(parseGwsEvent(data).kind).toBe('refresh');
  });
});

describe('REST fixtures', () => {
  it('parses the device list of GET /api/v2/me?subresources (http-01)', () => {
    const exchanges = loadFixture('http-01-login-and-session.json').exchanges as {
      response: { body: { user?: { devices?: unknown[] } } };
    }[];
    const devices = exchanges[0]?.response.body.user?.devices ?? [];
    const parsed = devices.map((d) => deviceSchema.parse(d));
    expect(parsed[0]).toMatchObject({ phoneNumber: '7001', userState: { state: 'NotReady' } });
  });

  it('reads every documented error body as a non-zero statusCode with a message (http-02)', () => {
    const cases = loadFixture('http-02-errors.json').cases as {
      name: string;
      response: { body?: unknown; bodyText?: string };
    }[];
    for (const c of cases) {
      if (c.response.body === undefined) {
        // The CSRF failure is plain text, not a GWS body: the session treats it as an HTTP 403.
        expect(statusBodySchema.safeParse(c.response.bodyText).success, c.name).toBe(false);
        continue;
      }
      const parsed = statusBodySchema.parse(c.response.body);
      expect(parsed.statusCode, c.name).toBeGreaterThan(0);
      expect(parsed.statusMessage, c.name).toBeTruthy();
    }
  });

  it('normalises a call read over REST the same way as an event', () => {
    const call = callSchema.parse(callOf(eventData('cometd-06-call-recording-paused.json')));
    expect(call).toMatchObject({ state: 'Established', recordingState: 'Paused' });
  });
});

describe('parseCallList (REST call lists)', () => {
  it('keeps the readable calls when one call is malformed, and names the bad one', () => {
    const good = callOf(eventData('cometd-05-call-established-recording.json'));
    const bad = {
      ...callOf(eventData('cometd-06-call-recording-paused.json')),
      id: 'bad-1',
      recordingState: 'On',
    };
    const list = parseCallList([good, bad, { state: 'Ringing' }]);
    expect(list.calls.map((c) => c.id)).toEqual([good.id]);
    expect(list.unreadable).toMatchObject([{ id: 'bad-1', state: 'Established' }]);
    expect(list.anonymous).toBe(1);
    expect(list.problems).toHaveLength(2);
  });
});
