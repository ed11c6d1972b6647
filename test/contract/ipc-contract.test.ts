/**
 * The one IPC map at run time: the wire names it derives (unchanged, so a
 * built preload, a page and a server of the same build agree), the naming
 * rule the zod-free bundles use, the shared API builder, and the router both
 * transports use (main/app/services/invoke-service.ts): every payload is
 * parsed with its call's schema before the app service sees it.
 */

import { describe, expect, it } from 'vitest';
import { buildApi } from '../../contract/api-builder.ts';
import {
  eventOf,
  invokeChannel,
  isPushMethod,
  pushChannel,
  pushPayload,
} from '../../contract/ipc-channels.ts';
import {
  API_METHODS,
  DEFAULT_SETTINGS,
  INVOKE_CHANNELS,
  INVOKE_METHODS,
  IPC_CONTRACT,
  IpcChannel,
  type AppServicePort,
  type InvokeMethod,
  type SettingsView,
} from '../../contract/ipc-contract.ts';
import { callService, parseRequest, refusalAnswer } from '../../main/app/services/invoke-service.ts';

/** One valid request per call that takes one. */
const VALID: Partial<Record<InvokeMethod, unknown>> = {
  command: { name: 'pause', callId: 'c1' },
  signIn: { serverUrl: 'https://gws', username: 'agent1', password: 'pw', rememberPassword: false },
  updateSettings: { reminderSeconds: 60 },
};

const SETTINGS: SettingsView = {
  values: DEFAULT_SETTINGS,
  locked: [],
  problems: [],
  passwordStorage: 'memory',
};

/** A port that records which method got which arguments. */
function recordingPort(): { port: AppServicePort; calls: { method: string; args: unknown[] }[] } {
  const calls: { method: string; args: unknown[] }[] = [];
  const port = Object.fromEntries(
    INVOKE_METHODS.map((method) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        return method === 'getSettings' ? SETTINGS : `${method} answered`;
      },
    ]),
  ) as unknown as AppServicePort;
  return { port, calls };
}

describe('the wire names the map derives', () => {
  it('are the channel names a built preload and a served page already speak', () => {
    expect(IpcChannel).toEqual({
      GetState: 'gws:get-state',
      Command: 'gws:command',
      SignIn: 'gws:sign-in',
      StartDemo: 'gws:start-demo',
      SignOut: 'gws:sign-out',
      GetSettings: 'gws:get-settings',
      UpdateSettings: 'gws:update-settings',
      State: 'gws:state',
      Notice: 'gws:notice',
    });
    expect(INVOKE_CHANNELS).toEqual(INVOKE_METHODS.map(invokeChannel));
    expect(API_METHODS).toEqual([...INVOKE_METHODS, 'onState', 'onNotice']);
  });

  it('follow one rule the zod-free bundles apply by themselves', () => {
    expect(invokeChannel('updateSettings')).toBe('gws:update-settings');
    expect(isPushMethod('onState')).toBe(true);
    expect(isPushMethod('onboard')).toBe(false);
    expect(isPushMethod('getState')).toBe(false);
    expect(eventOf('onState')).toBe('state');
    expect(pushChannel(eventOf('onNotice'))).toBe('gws:notice');
    expect(pushPayload({ type: 'state', view: 42 })).toBe(42);
  });

  it('every push names its payload field, and it is never `type`', () => {
    for (const method of API_METHODS.filter(isPushMethod)) {
      const entry = IPC_CONTRACT[method as 'onState' | 'onNotice'];
      expect(entry.kind).toBe('push');
      expect(entry.key).not.toBe('type');
    }
  });
});

describe('the API builder (the preload’s, the page’s and the test fake’s)', () => {
  it('puts exactly the given methods on the object; invokes send their own call, pushes listen to their event', async () => {
    const sent: unknown[][] = [];
    const listened: string[] = [];
    const api = buildApi(API_METHODS, {
      invoke: async (...args) => (sent.push(args), 'answer'),
      listen: (event, listener) => (listened.push(event), listener('payload'), () => undefined),
    });
    expect(Object.keys(api)).toEqual(API_METHODS);
    await expect(api.getState()).resolves.toBe('answer');
    await api.command({ name: 'toggle' });
    // @ts-expect-error a second argument never travels
    await api.command({ name: 'toggle' }, 'extra');
    expect(sent).toEqual([['getState'], ['command', { name: 'toggle' }], ['command', { name: 'toggle' }]]);
    const payloads: unknown[] = [];
    api.onNotice((n) => payloads.push(n));
    expect(listened).toEqual(['notice']);
    expect(payloads).toEqual(['payload']);
  });

  it('refuses a name that is not a method name (nothing but the contract’s calls gets on the object)', () => {
    const transport = { invoke: async () => undefined, listen: () => () => undefined };
    expect(() => buildApi(['__proto__'], transport)).toThrow('not an API method name');
    expect(() => buildApi(['get-state'], transport)).toThrow('not an API method name');
  });
});

describe('the router both transports use', () => {
  it('a call that takes no payload refuses one; a call that takes one refuses none, extra keys and wrong types', () => {
    for (const method of INVOKE_METHODS) {
      if (IPC_CONTRACT[method].request === undefined) {
        expect(parseRequest(method, []), method).toEqual({ ok: true, args: [] });
        expect(parseRequest(method, [undefined]), method).toEqual({ ok: true, args: [] });
        expect(parseRequest(method, [{}]), method).toEqual({ ok: false, reason: 'unexpected-payload' });
        expect(parseRequest(method, [null]), method).toEqual({ ok: false, reason: 'unexpected-payload' });
        continue;
      }
      const valid = VALID[method];
      expect(valid, `a valid request for ${method} in this test`).toBeDefined();
      expect(parseRequest(method, [valid]), method).toEqual({ ok: true, args: [valid] });
      expect(parseRequest(method, []), method).toMatchObject({ ok: false, reason: 'invalid-payload' });
      const extra = parseRequest(method, [{ ...(valid as object), sneaky: true }]);
      expect(extra, method).toMatchObject({ ok: false, reason: 'invalid-payload' });
      expect(parseRequest(method, ['a string']), method).toMatchObject({ ok: false });
    }
  });

  it('names where a payload is wrong, never what it held', () => {
    const refused = parseRequest('signIn', [{ ...(VALID.signIn as object), password: 42 }]);
    expect(refused).toMatchObject({ ok: false, reason: 'invalid-payload', issues: [{ path: 'password' }] });
    expect(JSON.stringify(refused)).not.toContain('42');
  });

  it('calls the port’s own method with the parsed request, and nothing else', () => {
    const { port, calls } = recordingPort();
    for (const method of INVOKE_METHODS) {
      const parsed = parseRequest(method, VALID[method] === undefined ? [] : [VALID[method]]);
      if (!parsed.ok) throw new Error(`${method}: ${parsed.reason}`);
      expect(callService(port, method, parsed.args)).toBe(
        method === 'getSettings' ? SETTINGS : `${method} answered`,
      );
    }
    expect(calls).toEqual(
      INVOKE_METHODS.map((method) => ({ method, args: VALID[method] === undefined ? [] : [VALID[method]] })),
    );
  });

  it('words a refusal in the call’s own failure answer where it has one, valid by its result schema', () => {
    const { port } = recordingPort();
    const answered = INVOKE_METHODS.filter((method) => refusalAnswer(port, method, 'bad') !== undefined);
    expect(answered).toEqual(['command', 'signIn', 'updateSettings']);
    for (const method of answered) {
      const { answer } = refusalAnswer(port, method, 'bad') as { answer: unknown };
      expect(IPC_CONTRACT[method].result.parse(answer), method).toMatchObject({ ok: false });
    }
    expect(refusalAnswer(port, 'updateSettings', 'bad')?.answer).toMatchObject({
      code: 'invalid',
      settings: SETTINGS,
    });
  });
});
