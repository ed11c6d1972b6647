/** Pure parts of the Bayeux layer: the faye internals check, the pacer, the reply gate. */

import { describe, expect, it } from 'vitest';
import {
  clampAdvice,
  describeValue,
  DEFAULT_ADVICE_BOUNDS,
  screenReplies,
} from '../../../../main/core/bayeux/message.ts';
import { ConnectPacer } from '../../../../main/core/bayeux/pacer.ts';
import {
  checkFayeInternals,
  loadFayeModules,
  missingFayeMembers,
  type FayeModules,
} from '../../../../main/core/bayeux/faye-adapter.ts';

describe('faye internals check (a faye upgrade fails loudly at start)', () => {
  it('passes on the installed faye', () => {
    expect(missingFayeMembers(loadFayeModules())).toEqual([]);
    expect(() => checkFayeInternals()).not.toThrow();
  });

  it('names every private member that moved', () => {
    const real = loadFayeModules();
    const moved: FayeModules = {
      ...real,
      NodeHttp: { prototype: { ...real.NodeHttp.prototype, _handleResponse: undefined } },
      WebSocket: { prototype: real.WebSocket.prototype },
    };
    expect(() => checkFayeInternals(moved)).toThrow(
      /faye internals changed.*faye 1\.4\.3.*NodeHttp\.prototype\._handleResponse, WebSocket\.getSocketUrl/,
    );
  });
});

describe('ConnectPacer (storm guard)', () => {
  const timings = { throttleIntervalMs: 250, minHoldMs: 200, maxBackoffMs: 2_000 };
  const instant = {
    heldMs: 5,
    hadData: false,
    successful: true,
    reconnect: undefined,
    immediateExpected: false,
  };

  it('never delays after a reply that carried events or was held', () => {
    const pacer = new ConnectPacer(timings);
    expect(pacer.decide({ ...instant, hadData: true })).toBeUndefined();
    expect(pacer.decide({ ...instant, heldMs: 30_000 })).toBeUndefined();
  });

  it('floors instant empty replies, but not the one expected to be instant', () => {
    const pacer = new ConnectPacer(timings);
    expect(pacer.decide({ ...instant, immediateExpected: true })).toBeUndefined();
    expect(pacer.decide(instant)).toBe(250);
    expect(pacer.decide(instant)).toBe(250);
  });

  it('grows the interval for failing or re-handshake loops, and resets on a held reply', () => {
    const pacer = new ConnectPacer(timings);
    const failing = { ...instant, successful: false, reconnect: 'handshake', immediateExpected: true };
    expect([1, 2, 3, 4, 5, 6].map(() => pacer.decide(failing))).toEqual([
      250, 500, 1_000, 2_000, 2_000, 2_000,
    ]);
    expect(pacer.decide({ ...instant, heldMs: 1_000 })).toBeUndefined();
    expect(pacer.decide(failing)).toBe(250);
  });
});

describe('reply gate', () => {
  it('clamps every advice value, and keeps a non-zero timeout usable as a request timeout', () => {
    const bounds = DEFAULT_ADVICE_BOUNDS;
    expect(clampAdvice({ timeout: 1e10, interval: 1e10, reconnect: 'retry' }, bounds)).toEqual({
      timeout: bounds.maxTimeoutMs,
      interval: bounds.maxIntervalMs,
      reconnect: 'retry',
    });
    expect(clampAdvice({ timeout: 1, interval: -5 }, bounds)).toEqual({
      timeout: bounds.minTimeoutMs,
      interval: 0,
    });
    expect(clampAdvice({ timeout: 0 }, bounds)).toEqual({ timeout: 0 });
  });

  it('drops unknown reconnect advice and keeps the message', () => {
    const { messages } = screenReplies([
      { channel: '/meta/connect', successful: true, advice: { reconnect: 'sometimes', timeout: 1e10 } },
    ]);
    expect(messages[0]?.advice).toEqual({ timeout: DEFAULT_ADVICE_BOUNDS.maxTimeoutMs });
  });

  it('describes a 5,000-deep array without overflowing the stack, and redacts secrets', () => {
    let deep: unknown = [];
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(describeValue(deep)).toMatch(/deeply nested array/);
    expect(describeValue({ h: 'Cookie: JSESSIONID=abc123456' })).not.toMatch(/abc123456/);
  });
});
