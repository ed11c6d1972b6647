/**
 * A seeded storm of a few thousand random REST requests against one simulator
 * (CSRF on) with a signed-in agent and live calls: random JSON, junk bytes,
 * truncated JSON, bodies around the 1 MB limit, wrong content types, random
 * paths, methods, credentials and CSRF tokens. Every answer must arrive, be a
 * clean GWS answer (never an internal error), and the world must still be
 * consistent afterwards.
 *
 * The request list is a pure function of the seed (mulberry32); which live
 * call a `{call}` slot names is resolved when the request is sent, so the
 * server-side order under 8-way concurrency is not reproduced exactly.
 * Reproduce with `FUZZ_SEED=<seed> npx vitest run test/simulator/fuzz.test.ts`.
 *
 * Deliberately absent from the mix: `POST /sim/faults` (the brief's "arm no
 * fault": an armed fault would make statusCode 4 or HTML legitimate), and
 * `/sim/restart` and `/sim/sessions/expire` (they only kill sessions, which
 * `EndContactCenterSession` in the mix already does; the storm re-logs in
 * between rounds when its session has died).
 */

import { Readable } from 'node:stream';
import got, { type Got, type Method, type Response } from 'got';
import { describe, expect, it } from 'vitest';
import {
  ADVERTISED_ONLY_OPERATIONS,
  CALL_OPERATIONS,
  CSRF_FAILURE_TEXT,
  USER_STATES,
  type RunningSimulator,
} from '../../simulator/index.ts';
import { RestAgent, basic, control, createCall, json, startSim } from './helpers.ts';
import { specCapabilities } from '../fixtures/spec-capabilities.ts';

const SEED = process.env.FUZZ_SEED === undefined ? 0x20261130 : Number(process.env.FUZZ_SEED) >>> 0;
const SEED_TEXT = `0x${SEED.toString(16)}`;
const REQUESTS = 3_000;
const ROUND = 100;
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 5_000;
/** Every HUGE_EVERY-th request (in the middle) is one of these sizes, around the 1 MB default limit. */
const HUGE_EVERY = 500;
const HUGE_SIZES = [1_000_000 - 200, 1_000_001, 1_000_000, 3_000_000, 1_000_000 - 1, 1_004_096];

/** mulberry32: tiny, fast, good enough for test-case generation. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  /** Picks by weight: `[[weight, value], ...]`. */
  weighted<T>(entries: ReadonlyArray<readonly [number, T]>): T {
    const total = entries.reduce((sum, [w]) => sum + w, 0);
    let roll = this.float() * total;
    for (const [weight, value] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[1];
  }
}

// ---- vocabulary ----

/** Names every plain JS object already has: they break `key in object` lookups. */
const PROTOTYPE_NAMES = [
  'toString',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
];
/** Strings that break naive lookups and case/space handling. */
const MAGIC_STRINGS = [
  ...PROTOTYPE_NAMES,
  'prototype',
  '',
  ' ',
  'answer',
  'ANSWER',
  'Answer ',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '\u0000',
  '\ud800',
  'ünïcødé ✓ 📞',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '%00',
  'a'.repeat(300),
];
const OPERATION_NAMES = [
  ...CALL_OPERATIONS,
  ...ADVERTISED_ONLY_OPERATIONS,
  'StartContactCenterSession',
  'EndContactCenterSession',
  'Ready',
  'NotReady',
  'AfterCallWork',
  'AuxWork',
  'Dial',
  'MakeCall',
  'MuteMonitoredUser',
];
const KEYS = [
  'operationName',
  'userData',
  'key',
  'destination',
  'phoneNumber',
  'channels',
  'location',
  'digits',
  'agent',
  'from',
  'state',
  'recording',
  'dnis',
  'GSIP_RECORD',
  'GSIP_REC_FN',
  'reason',
  ...MAGIC_STRINGS.slice(0, 8),
];
const PHONE_NUMBERS = ['7001', '7002', '7003', '5551212', '15551230042', '+15551230042', '', '12', 'x'];
const CONTENT_TYPES = [
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/jsonx',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/merge-patch+json',
  '',
];
/** Path ids that are not ids: bad percent-escapes, encoded separators, odd characters. */
const ODD_IDS = [
  '%',
  '%%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%2F',
  '..%2F..%2Fsim%2Fstate',
  '%00',
  '%20',
  '%F0%9F%93%9E',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '-1',
  '0',
  'x'.repeat(400),
  "~!$&'()*+,;=:@",
];
const CALL_STATES = ['Dialing', 'Ringing', 'Established', 'Held'];
const RECORDING_STATES = ['Recording', 'Paused', 'Stopped'];

type Ref = 'call' | 'device';

/** One generated request; `{call}` / `{device}` in `path` are filled when it is sent. */
interface FuzzRequest {
  index: number;
  method: Method;
  path: string;
  refs: Array<{ ref: Ref; roll: number; odd: string | undefined }>;
  auth: 'cookie' | 'basic' | 'wrong-basic' | 'garbled' | 'anonymous';
  csrf: 'valid' | 'missing' | 'wrong';
  contentType: string | undefined;
  body: string | Buffer | undefined;
  chunked: boolean;
  /** What kind of body it is, for failure messages. */
  bodyKind: string;
}

function randomString(rng: Rng): string {
  if (rng.chance(0.3)) return rng.pick(MAGIC_STRINGS);
  const alphabet = 'abcXYZ019 _-./:%"\\\n\t{}[]é✓';
  let out = '';
  const length = rng.int(24);
  for (let i = 0; i < length; i++) out += alphabet[rng.int(alphabet.length)] ?? '';
  return out;
}

function randomNumber(rng: Rng): number {
  return rng.pick([0, -0, 1, -1, 2 ** 31, 2 ** 53 + 1, 1e308, -1e308, 5e-324, 3.14, rng.float() * 1e6]);
}

function randomValue(rng: Rng, depth = 0): unknown {
  const kind = rng.int(depth >= 4 ? 5 : 7);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return randomNumber(rng);
    case 3:
    case 4:
      return randomString(rng);
    case 5:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    default:
      return randomObject(rng, depth + 1);
  }
}

function randomObject(rng: Rng, depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const count = rng.int(5);
  for (let i = 0; i < count; i++) {
    const key = rng.chance(0.6) ? rng.pick(KEYS) : randomString(rng);
    // defineProperty: a "__proto__" key must become an own JSON key, not a prototype.
    Object.defineProperty(object, key, {
      value: randomValue(rng, depth),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/**
 * Operations that fit the endpoint, weighted so that calls move through their
 * states (hold, mute, recording) more often than they end, and sessions end rarely.
 */
function fittingOperation(rng: Rng, path: string): string {
  if (/\/calls\/\{call\}$/.test(path)) {
    return rng.weighted<() => string>([
      [
        60,
        () =>
          rng.pick([
            'Answer',
            'Hold',
            'Retrieve',
            'MuteCall',
            'UnmuteCall',
            'StartCallRecording',
            'PauseCallRecording',
            'ResumeCallRecording',
            'StopCallRecording',
          ]),
      ],
      [
        25,
        () =>
          rng.pick(['AttachUserData', 'UpdateUserData', 'DeleteUserData', 'DeleteUserDataPair', 'SendDtmf']),
      ],
      [8, () => rng.pick(ADVERTISED_ONLY_OPERATIONS)],
      [7, () => rng.pick(['Hangup', 'SingleStepTransfer'])],
    ])();
  }
  if (/\/devices\/\{device\}\/calls$/.test(path)) return 'Dial';
  if (path.startsWith('/api/v2/me/channels/'))
    return rng.pick(['Ready', 'NotReady', 'AfterCallWork', 'AuxWork']);
  if (path === '/api/v2/me') {
    return rng.weighted([
      [4, 'StartContactCenterSession'],
      [1, 'EndContactCenterSession'],
      [3, 'Ready'],
      [3, 'NotReady'],
    ]);
  }
  return rng.pick(OPERATION_NAMES);
}

function operationName(rng: Rng, path: string): unknown {
  return rng.weighted<() => unknown>([
    [56, () => fittingOperation(rng, path)],
    [20, () => rng.pick(OPERATION_NAMES)],
    [8, () => rng.pick(PROTOTYPE_NAMES)],
    [9, () => rng.pick(MAGIC_STRINGS)],
    [6, () => randomValue(rng, 3)],
    // An object that shadows Object.prototype members, e.g. {"toString":1}: String() of it throws.
    [2, () => Object.fromEntries([[rng.pick(PROTOTYPE_NAMES), randomValue(rng, 3)]])],
  ])();
}

/** A plausible operation body: a known (or nearly known) operationName and some parameters. */
function operationBody(rng: Rng, path: string): Record<string, unknown> {
  const body = randomObject(rng, 2);
  body.operationName = operationName(rng, path);
  if (rng.chance(0.4)) body.userData = rng.chance(0.8) ? randomObject(rng, 2) : randomValue(rng, 3);
  if (rng.chance(0.25))
    body.key = rng.chance(0.7) ? rng.pick([...KEYS, ...MAGIC_STRINGS]) : randomValue(rng, 3);
  if (rng.chance(0.25)) {
    body.destination = rng.chance(0.8) ? { phoneNumber: rng.pick(PHONE_NUMBERS) } : randomValue(rng, 3);
  }
  if (rng.chance(0.1)) body.channels = rng.chance(0.7) ? ['voice'] : randomValue(rng, 3);
  return body;
}

/** A body for `POST /sim/calls`, valid often enough to create calls. */
function controlCallBody(rng: Rng): Record<string, unknown> {
  const body: Record<string, unknown> = {
    agent: rng.pick(['agent1', 'agent1', 'agent2', 'nobody', ...MAGIC_STRINGS.slice(0, 3)]),
    from: rng.pick(PHONE_NUMBERS),
    state: rng.pick(['Ringing', 'Established', 'Held', 'ringing']),
  };
  if (rng.chance(0.5)) body.recording = rng.chance(0.7) ? rng.chance(0.5) : randomValue(rng, 3);
  if (rng.chance(0.2)) body.userData = randomValue(rng, 2);
  if (rng.chance(0.15)) Object.assign(body, randomObject(rng, 2));
  return body;
}

function randomBytes(rng: Rng): Buffer {
  return Buffer.from(Array.from({ length: 1 + rng.int(300) }, () => rng.int(256)));
}

/** `{"operationName":"AttachUserData","userData":{"big":"xxx…"}}` of exactly `size` bytes. */
function hugeBody(size: number): string {
  const head = '{"operationName":"AttachUserData","userData":{"big":"';
  const tail = '"}}';
  return head + 'x'.repeat(Math.max(0, size - head.length - tail.length)) + tail;
}

/** Percent-encodes UTF-8 bytes (lone surrogates become U+FFFD, unlike encodeURIComponent, which throws). */
function encodePart(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /[A-Za-z0-9._~-]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

function pathFor(rng: Rng, method: Method): { path: string; refs: FuzzRequest['refs'] } {
  const refs: FuzzRequest['refs'] = [];
  const ref = (kind: Ref): string => {
    refs.push({ ref: kind, roll: rng.float(), odd: rng.chance(0.1) ? rng.pick(ODD_IDS) : undefined });
    return `{${kind}}`;
  };
  const word = (): string =>
    rng.chance(0.7)
      ? rng.pick(['voice', 'chat', 'email', 'calls', 'devices', 'me', 'state', 'x', ''])
      : encodePart(randomString(rng));
  let path = rng.weighted<() => string>([
    [8, () => '/api/v2/me'],
    [4, () => '/api/v2/me/calls'],
    [30, () => `/api/v2/me/calls/${ref('call')}`],
    [10, () => '/api/v2/me/channels/voice'],
    [2, () => `/api/v2/me/channels/${word()}`],
    [2, () => '/api/v2/me/channels'],
    [2, () => '/api/v2/me/devices'],
    [2, () => `/api/v2/me/devices/${ref('device')}`],
    [5, () => `/api/v2/me/devices/${ref('device')}/calls`],
    [2, () => `/api/v2/me/${word()}`],
    [2, () => `/api/v2/me/calls/${ref('call')}/${word()}`],
    [1, () => '/api/v2/diagnostics/version'],
    [1, () => `/api/v2/${word()}`],
    [3, () => '/sim/state'],
    [4, () => '/sim/calls'],
    [3, () => `/sim/calls/${ref('call')}/release`],
    [1, () => `/sim/${word()}`],
    [1, () => '/sim'],
  ])();
  // POST /sim/faults would arm a fault when the random body happens to be one.
  if (method !== 'POST' && rng.chance(0.02)) path = '/sim/faults';
  if (rng.chance(0.04)) path += '/';
  if (rng.chance(0.03)) path = path.replace('/me', '//me');
  if (rng.chance(0.02)) path = path.toUpperCase();
  if (rng.chance(0.2)) {
    path += rng.pick([
      '?fields=*',
      '?fields=id,state,capabilities',
      '?fields=',
      '?subresources=*',
      '?subresources=devices,nope',
      '?fields=%ZZ',
      `?${encodePart(randomString(rng))}=${encodePart(randomString(rng))}`,
    ]);
  }
  return { path, refs };
}

function generate(seed: number, count: number): FuzzRequest[] {
  const rng = new Rng(seed);
  const requests: FuzzRequest[] = [];
  for (let index = 0; index < count; index++) {
    // A few bodies around the 1 MB limit, at fixed places so every seed has them, all aimed
    // at a live call with valid credentials so that the size is what gets judged.
    const huge = index % HUGE_EVERY === HUGE_EVERY / 2;
    const method: Method = huge
      ? 'POST'
      : rng.weighted<Method>([
          [55, 'POST'],
          [22, 'GET'],
          [8, 'PUT'],
          [8, 'DELETE'],
          [7, 'PATCH'],
        ]);
    const { path, refs } = huge
      ? { path: '/api/v2/me/calls/{call}', refs: [{ ref: 'call' as const, roll: 0, odd: undefined }] }
      : pathFor(rng, method);
    const auth = huge
      ? 'cookie'
      : rng.weighted<FuzzRequest['auth']>([
          [86, 'cookie'],
          [4, 'basic'],
          [4, 'wrong-basic'],
          [3, 'garbled'],
          [3, 'anonymous'],
        ]);
    const csrf = huge
      ? 'valid'
      : rng.weighted<FuzzRequest['csrf']>([
          [76, 'valid'],
          [12, 'missing'],
          [12, 'wrong'],
        ]);
    let body: string | Buffer | undefined;
    let bodyKind = 'none';
    let chunked = false;
    if (method !== 'GET') {
      if (huge) {
        const size = HUGE_SIZES[Math.floor(index / HUGE_EVERY) % HUGE_SIZES.length] ?? 0;
        body = hugeBody(size);
        bodyKind = `huge(${size})`;
      } else {
        bodyKind = rng.weighted([
          [48, path.startsWith('/sim/calls') ? 'control' : 'operation'],
          [11, 'json'],
          [7, 'object'],
          [9, 'truncated'],
          [8, 'bytes'],
          [6, 'empty'],
          [4, 'absent'],
          [2, 'deep'],
          [1, 'chunked'],
        ]);
        switch (bodyKind) {
          case 'operation':
            body = JSON.stringify(operationBody(rng, path));
            break;
          case 'json':
            body = JSON.stringify(randomValue(rng));
            break;
          case 'object':
            body = JSON.stringify(randomObject(rng));
            break;
          case 'control':
            body = JSON.stringify(controlCallBody(rng));
            break;
          case 'truncated': {
            const text = JSON.stringify(operationBody(rng, path));
            body = text.slice(0, rng.int(text.length));
            break;
          }
          case 'bytes':
            body = randomBytes(rng);
            break;
          case 'empty':
            body = rng.pick(['', ' ', '\n\t ']);
            break;
          case 'deep': {
            const depth = rng.pick([100, 10_000, 200_000]);
            body = rng.chance(0.5)
              ? '['.repeat(depth) + ']'.repeat(depth)
              : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
            bodyKind = `deep(${depth})`;
            break;
          }
          case 'chunked':
            body = JSON.stringify(operationBody(rng, path));
            chunked = true;
            break;
          default:
            body = undefined;
        }
      }
    }
    const contentType = huge
      ? 'application/json'
      : body === undefined && rng.chance(0.5)
        ? undefined
        : rng.weighted<string | undefined>([
            [72, 'application/json'],
            [8, 'application/json; charset=utf-8'],
            [15, rng.pick(CONTENT_TYPES)],
            [5, undefined],
          ]);
    requests.push({ index, method, path, refs, auth, csrf, contentType, body, chunked, bodyKind });
  }
  return requests;
}

// ---- running and judging ----

interface World {
  liveCalls: string[];
  deadCalls: string[];
  deviceId: string;
}

function resolvePath(request: FuzzRequest, world: World): string {
  let path = request.path;
  for (const { ref, roll, odd } of request.refs) {
    let value: string;
    if (odd !== undefined) value = odd;
    else if (ref === 'device') value = roll < 0.85 ? world.deviceId : `dev-${Math.floor(roll * 1e6)}`;
    else if (roll < 0.8 && world.liveCalls.length > 0)
      value = world.liveCalls[Math.floor((roll / 0.8) * world.liveCalls.length)] ?? '';
    else if (roll < 0.9 && world.deadCalls.length > 0)
      value = world.deadCalls[Math.floor(((roll - 0.8) / 0.1) * world.deadCalls.length)] ?? '';
    else value = `NOPE${Math.floor(roll * 1e9)}`;
    path = path.replace(`{${ref}}`, value);
  }
  return path;
}

function describeRequest(request: FuzzRequest, path: string): string {
  const size = request.body === undefined ? 0 : Buffer.byteLength(request.body);
  return (
    `#${request.index} ${request.method} ${path.length > 120 ? `${path.slice(0, 120)}…` : path}` +
    ` auth=${request.auth} csrf=${request.csrf} type=${request.contentType ?? '-'}` +
    ` body=${request.bodyKind}${request.chunked ? '/chunked' : ''}(${size}B)` +
    (request.body !== undefined && size <= 400 ? ` ${JSON.stringify(request.body.toString())}` : '')
  );
}

const MUTATING = new Set(['POST', 'PUT', 'DELETE']);

/** Why an answer is wrong, or undefined when it is a clean GWS answer. */
function judge(request: FuzzRequest, res: Response<string>): string | undefined {
  const status = res.statusCode;
  if (!(status >= 100 && status < 600)) return `HTTP status ${status}`;
  if (status === 500) return 'HTTP 500';
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      return 'JSON content type with a body that does not parse';
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return 'JSON body is not an object';
    const body = parsed as Record<string, unknown>;
    if (typeof body.statusCode !== 'number' || !Number.isInteger(body.statusCode))
      return 'no numeric statusCode';
    if (body.statusCode === 4) return 'statusCode 4 (internal error) with no fault armed';
    if (body.statusCode === 0) {
      if (status !== 200) return `statusCode 0 with HTTP ${status}`;
      if ('statusMessage' in body) return 'statusCode 0 with a statusMessage';
      return undefined;
    }
    if (status === 200) return `statusCode ${body.statusCode} with HTTP 200`;
    if (typeof body.statusMessage !== 'string' || body.statusMessage === '')
      return 'non-zero statusCode without statusMessage';
    // gws-api.md §5.1: non-zero ⇒ statusMessage and no other attributes.
    const extra = Object.keys(body).filter((k) => k !== 'statusCode' && k !== 'statusMessage');
    if (extra.length > 0) return `error body with extra attributes ${extra.join(',')}`;
    return undefined;
  }
  const csrfRefusal =
    status === 403 &&
    type.startsWith('text/plain') &&
    res.body === CSRF_FAILURE_TEXT &&
    MUTATING.has(request.method) &&
    request.path.toLowerCase().startsWith('/api/v2/');
  return csrfRefusal ? undefined : `non-JSON answer (${type || 'no content type'})`;
}

/** Calls the agent sees, for the `{call}` slots and the invariants. */
async function callsOf(agent: RestAgent): Promise<Array<Record<string, unknown>>> {
  const res = await agent.get('api/v2/me/calls?fields=*');
  expect(res.statusCode, `GET calls ${res.body.slice(0, 200)}`).toBe(200);
  return (json(res).calls ?? []) as Array<Record<string, unknown>>;
}

/** The invariants that must hold whatever the storm did. */
async function checkInvariants(
  sim: RunningSimulator,
  agent: RestAgent,
  when: string,
  coverage: Set<string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const call of await callsOf(agent)) {
    const id = String(call.id);
    coverage.add(`${String(call.state)}/${String(call.recordingState ?? '-')}/${String(call.mute)}`);
    if (!CALL_STATES.includes(String(call.state)))
      problems.push(`${when}: call ${id} in state ${String(call.state)}`);
    if (call.mute !== 'On' && call.mute !== 'Off')
      problems.push(`${when}: call ${id} mute ${String(call.mute)}`);
    if ('recordingState' in call && !RECORDING_STATES.includes(String(call.recordingState)))
      problems.push(`${when}: call ${id} recordingState ${JSON.stringify(call.recordingState)}`);
    // The spec's tables (gws-api.md §4.3/§4.5), as sets: not the simulator's own function.
    const expected = [
      ...specCapabilities({
        state: String(call.state),
        recordingState: call.recordingState as string | undefined,
        mute: call.mute as string | undefined,
        recordingOpsWhileHeld: sim.options.recordingOpsWhileHeld,
      }),
    ].sort();
    if (JSON.stringify([...(call.capabilities as string[])].sort()) !== JSON.stringify(expected)) {
      problems.push(
        `${when}: call ${id} (${String(call.state)}/${String(call.recordingState)}/${String(call.mute)}) ` +
          `capabilities ${JSON.stringify(call.capabilities)} ≠ ${JSON.stringify(expected)}`,
      );
    }
  }
  const devices = await agent.get('api/v2/me/devices?fields=*');
  const device = (json(devices).devices as Array<Record<string, unknown>> | undefined)?.[0];
  const documented = Object.values(USER_STATES).map((s) => JSON.stringify(s));
  if (!documented.includes(JSON.stringify(device?.userState))) {
    problems.push(`${when}: device userState ${JSON.stringify(device?.userState)} is not a documented state`);
  }
  return problems;
}

/** Each distinct problem once, with the first round that showed it ("when: what"). */
function firstOfEach(problems: string[]): string[] {
  const first = new Map<string, string>();
  for (const problem of problems) {
    const what = problem.slice(problem.indexOf(': ') + 2);
    if (!first.has(what)) first.set(what, problem);
  }
  return [...first.values()];
}

async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const item = items[next++];
        if (item !== undefined) await work(item);
      }
    }),
  );
}

describe(`REST fuzz (seed ${SEED_TEXT})`, () => {
  it(`answers ${REQUESTS} random requests cleanly and stays consistent (seed ${SEED_TEXT})`, async () => {
    const started = Date.now();
    const sim = await startSim({ csrf: true });
    const agent = new RestAgent(sim);
    await agent.signIn();
    const anonymous: Got = got.extend({
      prefixUrl: sim.url,
      throwHttpErrors: false,
      retry: { limit: 0 },
    });
    const first = await createCall(sim, { recording: true });
    await createCall(sim, { state: 'Ringing' });
    const devices = json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<{ id: string }>;
    const world: World = { liveCalls: [first], deadCalls: [], deviceId: devices[0]?.id ?? '' };
    expect(world.deviceId).not.toBe('');

    const requests = generate(SEED, REQUESTS);
    const failures: Array<{ signature: string; detail: string }> = [];
    const statuses = new Map<string, number>();
    let relogins = 0;

    const send = async (request: FuzzRequest): Promise<void> => {
      const path = resolvePath(request, world);
      const headers: Record<string, string> = {};
      if (request.contentType !== undefined) headers['content-type'] = request.contentType;
      // Said explicitly: node's client does not chunk a DELETE body by default, it would
      // write the bytes unframed and the server would rightly see a broken next request.
      if (request.chunked) headers['transfer-encoding'] = 'chunked';
      if (request.auth === 'basic') headers.authorization = basic('agent1');
      if (request.auth === 'wrong-basic') headers.authorization = basic('agent1', 'not-the-password');
      if (request.auth === 'garbled')
        headers.authorization = [
          'Basic !!!',
          'Bearer abc',
          `Basic ${Buffer.from('nocolon').toString('base64')}`,
        ][request.index % 3] as string;
      if (request.csrf === 'valid' && agent.csrfToken) headers['x-csrf-token'] = agent.csrfToken;
      if (request.csrf === 'wrong') headers['x-csrf-token'] = '00000000-0000-0000-0000-000000000000';
      const client = request.auth === 'anonymous' ? anonymous : agent.http;
      const body =
        request.body === undefined
          ? undefined
          : request.chunked
            ? Readable.from([request.body])
            : request.body;
      try {
        const res = await client(path.replace(/^\//, ''), {
          method: request.method,
          headers,
          ...(body === undefined ? {} : { body }),
          timeout: { request: REQUEST_TIMEOUT_MS },
        });
        const verdict = judge(request, res);
        let statusCode = '-';
        try {
          statusCode = String((JSON.parse(res.body) as { statusCode?: unknown }).statusCode);
        } catch {
          // not JSON; judged above
        }
        const key = `${res.statusCode}/${statusCode}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (verdict) {
          failures.push({
            signature: `${verdict}: ${request.method} ${request.path.split('?')[0] ?? ''}`,
            detail: `${describeRequest(request, path)} → ${res.statusCode} ${res.body.slice(0, 160)}`,
          });
        }
      } catch (error) {
        const message =
          error instanceof Error
            ? `${(error as { code?: string }).code ?? ''} ${error.message}`
            : String(error);
        failures.push({
          signature: `no answer (${message.split('\n')[0] ?? ''}): ${request.method} ${request.path.split('?')[0] ?? ''}`,
          detail: `${describeRequest(request, path)} → ${message}`,
        });
      }
    };

    const invariantProblems: string[] = [];
    /** state/recordingState/mute combinations the invariants were checked on. */
    const coverage = new Set<string>();
    for (let from = 0; from < requests.length; from += ROUND) {
      await runPool(requests.slice(from, from + ROUND), CONCURRENCY, send);
      // Between rounds: a new session if the storm ended ours, calls to aim at, invariants.
      if ((await agent.get('api/v2/me')).statusCode === 401) {
        relogins += 1;
        await agent.signIn();
      }
      let calls = await callsOf(agent);
      if (!calls.some((c) => c.state === 'Established')) await createCall(sim, { recording: true });
      if (calls.length < 3) await createCall(sim, { state: 'Ringing' });
      calls = await callsOf(agent);
      const live = calls.map((c) => String(c.id));
      world.deadCalls.push(...world.liveCalls.filter((id) => !live.includes(id)));
      world.deadCalls.splice(0, Math.max(0, world.deadCalls.length - 50));
      world.liveCalls = live;
      invariantProblems.push(
        ...(await checkInvariants(sim, agent, `after request ${from + ROUND}`, coverage)),
      );
    }

    // The simulator still serves: a fresh login, cookie-only follow-up, /sim/state without faults.
    const fresh = new RestAgent(sim);
    expect((await fresh.login()).statusCode).toBe(200);
    expect((await fresh.get('api/v2/me')).statusCode).toBe(200);
    if ((await agent.get('api/v2/me')).statusCode === 401) await agent.login();
    expect((await agent.get('api/v2/me')).statusCode).toBe(200);
    const state = await control(sim, 'GET', '/sim/state');
    expect(state).toMatchObject({ httpStatus: 200, statusCode: 0 });
    expect(state.faults).toEqual({
      operations: [],
      delays: [],
      badBodies: [],
      bayeuxAdvice: null,
      dropEvents: 0,
    });
    invariantProblems.push(...(await checkInvariants(sim, agent, 'after the storm', coverage)));
    const agent2 = new RestAgent(sim, 'agent2');
    expect((await agent2.login()).statusCode).toBe(200);
    invariantProblems.push(...(await checkInvariants(sim, agent2, 'agent2 after the storm', coverage)));

    // The storm reached the branches it is meant to reach (a storm of 401s proves nothing).
    const seen = [...statuses.keys()];
    for (const key of [
      '200/0',
      '400/1',
      '400/2',
      '400/10',
      '401/20',
      '403/-',
      '404/6',
      '405/3',
      '413/10',
      '415/10',
    ]) {
      expect(
        seen,
        `seed ${SEED_TEXT}: no ${key} answer in ${JSON.stringify(Object.fromEntries(statuses))}`,
      ).toContain(key);
    }
    expect(statuses.get('200/0') ?? 0).toBeGreaterThan(REQUESTS / 20);
    // ...and moved calls beyond the states the setup made (held, muted, paused, stopped, dialing).
    const moved = [...coverage].filter((c) => c !== 'Established/Recording/Off' && c !== 'Ringing/-/Off');
    expect(moved.length, `seed ${SEED_TEXT}: calls only in ${JSON.stringify([...coverage])}`).toBeGreaterThan(
      0,
    );

    const bySignature = new Map<string, string[]>();
    for (const failure of failures) {
      bySignature.set(failure.signature, [...(bySignature.get(failure.signature) ?? []), failure.detail]);
    }
    const problems = [
      ...[...bySignature.entries()].map(
        ([signature, details]) =>
          `${details.length}× ${signature}\n    e.g. ${details.slice(0, 2).join('\n         ')}`,
      ),
      ...firstOfEach(invariantProblems),
    ];
    const summary =
      `seed ${SEED_TEXT}, ${REQUESTS} requests, ${relogins} re-logins, ${Date.now() - started} ms; ` +
      `answers (HTTP/statusCode) ${JSON.stringify(Object.fromEntries([...statuses.entries()].sort()))}; ` +
      `calls checked in ${JSON.stringify([...coverage].sort())}, ${world.liveCalls.length} live at the end`;
    expect(problems.length, `${summary}\n${problems.join('\n')}`).toBe(0);
  }, 60_000);
});

/**
 * The storm's findings, reduced to single requests so a fix can be checked
 * directly (and kept fixed).
 */
describe('fuzz findings, reduced', () => {
  it('answers a malformed percent-escape in a path id with a GWS 4xx, not an internal error', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const answers = [
      await agent.get('api/v2/me/calls/%E0%A4%A'),
      await agent.post('api/v2/me/calls/%', { operationName: 'Hold' }),
      await agent.post('api/v2/me/devices/%zz/calls', {
        operationName: 'Dial',
        destination: { phoneNumber: '5551212' },
      }),
      await got.post(`${sim.url}/sim/calls/%C0%AF/release`, { throwHttpErrors: false, retry: { limit: 0 } }),
    ];
    // Not found (6) or a validation error (10) are both fair answers; 500/4 is not.
    for (const res of answers) {
      expect([
        [404, 6],
        [400, 10],
      ]).toContainEqual([res.statusCode, json(res).statusCode]);
    }
  });

  it('answers an operationName object that has its own "toString" with a validation error, not an internal error', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const device = (json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<{ id: string }>)[0];
    for (const path of [
      'api/v2/me',
      'api/v2/me/channels/voice',
      `api/v2/me/devices/${device?.id ?? ''}/calls`,
    ]) {
      const res = await agent.post(path, { operationName: { toString: 1 } });
      expect([path, res.statusCode, json(res).statusCode]).toEqual([path, 400, 10]);
    }
  });

  it('refuses Object.prototype member names as voice states and keeps a documented userState', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    for (const name of PROTOTYPE_NAMES) {
      const res = await agent.post('api/v2/me/channels/voice', { operationName: name });
      expect([name, res.statusCode, json(res).statusCode]).toEqual([name, 400, 10]);
    }
    const device = (
      json(await agent.get('api/v2/me/devices?fields=*')).devices as Array<Record<string, unknown>>
    )[0];
    expect(device?.userState).toEqual(USER_STATES.NotReady);
  });

  it('answers DeleteUserDataPair of a key the call lacks with statusCode 6, Object.prototype names included', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { recording: true });
    for (const key of ['NoSuchKey', ...PROTOTYPE_NAMES]) {
      const res = await agent.post(`api/v2/me/calls/${id}`, { operationName: 'DeleteUserDataPair', key });
      expect([key, res.statusCode, json(res).statusCode]).toEqual([key, 404, 6]);
    }
  });

  it('does not let a "__proto__" key in AttachUserData make keys deletable that the call does not show', async () => {
    const sim = await startSim();
    const agent = new RestAgent(sim);
    await agent.signIn();
    const id = await createCall(sim, { recording: true });
    // Raw text: JSON.parse makes "__proto__" an own key, as any client's JSON would.
    await agent.http.post(`api/v2/me/calls/${id}`, {
      body: '{"operationName":"AttachUserData","userData":{"__proto__":{"Injected":"yes"}}}',
      headers: { 'content-type': 'application/json', 'x-csrf-token': agent.csrfToken ?? '' },
    });
    const call = json(await agent.get(`api/v2/me/calls/${id}`)).call as {
      userData?: Record<string, unknown>;
    };
    const shown = Object.keys(call.userData ?? {});
    const res = await agent.post(`api/v2/me/calls/${id}`, {
      operationName: 'DeleteUserDataPair',
      key: 'Injected',
    });
    expect({ shown: shown.includes('Injected'), deleteStatusCode: json(res).statusCode }).toEqual(
      shown.includes('Injected')
        ? { shown: true, deleteStatusCode: 0 }
        : { shown: false, deleteStatusCode: 6 },
    );
  });
});
