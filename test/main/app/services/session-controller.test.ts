import { createServer } from 'node:net';
import { got } from 'got';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../../main/app/services/memory-secret-store.ts';
import {
  accountKey,
  createSessionController,
  type SessionController,
  type SessionEvent,
} from '../../../../main/app/services/session-controller.ts';
import { startSimulator, type RunningSimulator } from '../../../../simulator/index.ts';
import { simControl } from '../../helpers/sim-control.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { APP_SIM_OPTIONS, collectingLogger, testCoreFactory } from '../helpers.ts';

const SECRET = 'S3cret-Passw0rd';
let sim: RunningSimulator;
let controller: SessionController | undefined;

beforeAll(async () => {
  sim = await startSimulator({
    ...APP_SIM_OPTIONS,
    agents: [{ userName: 'jdoe', password: SECRET, dn: '7001' }],
  });
});
afterAll(async () => {
  await sim.close();
});
afterEach(async () => {
  await controller?.signOut();
  controller = undefined;
});

function make(secrets = createMemorySecretStore(), logger = collectingLogger()) {
  const events: SessionEvent[] = [];
  controller = createSessionController({ createCore: testCoreFactory, secrets, logger });
  controller.subscribe((e) => events.push(e));
  return { controller, events, secrets, logger };
}

const live = (c: SessionController) =>
  waitFor(
    () => c.core()?.getSnapshot().live,
    5_000,
    'core live',
    () => c.core()?.getSnapshot(),
  );

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const base = { username: 'jdoe', rememberPassword: false, transport: 'long-polling' as const };

describe('session controller against the real simulator', () => {
  it('signs in, goes live, and signs out ending the contact-center session', async () => {
    const { controller: c, events } = make();
    const result = await c.signIn({ ...base, serverUrl: sim.url, password: SECRET });
    expect(result).toEqual({ ok: true });
    expect(c.state()).toMatchObject({
      phase: 'signed-in',
      demo: false,
      serverUrl: sim.url,
      username: 'jdoe',
    });
    expect(
      events.filter((e) => e.type === 'session').map((e) => e.type === 'session' && e.state.phase),
    ).toEqual(['signing-in', 'signed-in']);
    await live(c);
    const ctl = simControl(sim.url);
    const inSession = async () =>
      (await ctl.state()).agents.find((a) => a.userName === 'jdoe')?.inContactCenterSession === true;
    await waitFor(inSession, 3_000, 'contact-center session started');
    await c.signOut();
    expect(await inSession()).toBe(false);
    expect(c.state().phase).toBe('signed-out');
    expect(c.core()).toBeUndefined();
  });

  it('reports a wrong password as bad-credentials, in words, without the password', async () => {
    const { controller: c, events, logger } = make();
    const result = await c.signIn({ ...base, serverUrl: sim.url, password: 'wrong-password-123' });
    expect(result).toMatchObject({ ok: false, code: 'bad-credentials' });
    expect(c.state()).toMatchObject({ phase: 'signed-out', lastError: { code: 'bad-credentials' } });
    const everything = JSON.stringify([result, events, logger.lines]);
    expect(everything).not.toContain('wrong-password-123');
  });

  it('reports a server that is not there as unreachable', async () => {
    const { controller: c } = make();
    const result = await c.signIn({
      ...base,
      serverUrl: `http://127.0.0.1:${await closedPort()}`,
      password: 'x',
    });
    expect(result).toMatchObject({ ok: false, code: 'unreachable' });
  });

  it('refuses plain http to a remote host before sending the password', async () => {
    const { controller: c } = make();
    const result = await c.signIn({ ...base, serverUrl: 'http://gws.example.com:8090', password: SECRET });
    expect(result).toMatchObject({ ok: false, code: 'insecure-url' });
    expect((await c.signIn({ ...base, serverUrl: 'not a url', password: SECRET })).ok).toBe(false);
  });

  it('remembers the password only when asked, and signs in again with it', async () => {
    const { controller: c, secrets } = make();
    const account = accountKey(sim.url, 'jdoe');
    expect(await c.signIn({ ...base, serverUrl: sim.url, password: SECRET })).toEqual({ ok: true });
    expect(await secrets.get(account)).toBeUndefined();
    await c.signOut();
    expect(await c.signIn({ ...base, serverUrl: sim.url })).toMatchObject({
      ok: false,
      code: 'invalid-input',
    });

    expect(await c.signIn({ ...base, rememberPassword: true, serverUrl: sim.url, password: SECRET })).toEqual(
      {
        ok: true,
      },
    );
    expect(await secrets.get(account)).toBe(SECRET);
    await c.signOut();
    expect(await c.signIn({ ...base, rememberPassword: true, serverUrl: sim.url })).toEqual({ ok: true });
    await live(c);
  });

  it('a password store that fails still leaves the agent signed in (the password is only not remembered)', async () => {
    const broken = createMemorySecretStore();
    broken.set = async () => {
      throw new Error('keychain access denied');
    };
    const { controller: c, logger } = make(broken);
    expect(await c.signIn({ ...base, rememberPassword: true, serverUrl: sim.url, password: SECRET })).toEqual(
      { ok: true },
    );
    expect(c.state().phase).toBe('signed-in');
    await live(c);
    expect(logger.lines.join('\n')).toMatch(/password store failed/);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('signs out with bad-credentials when the server stops accepting the password, and signs in again', async () => {
    const { controller: c } = make();
    expect(await c.signIn({ ...base, serverUrl: sim.url, password: SECRET })).toEqual({ ok: true });
    await live(c);
    const agent = sim.options.agents[0];
    if (!agent) throw new Error('no agent');
    agent.password = 'rotated-by-it';
    try {
      await simControl(sim.url).expireSessions('jdoe');
      await waitFor(
        () => c.state().phase === 'signed-out',
        10_000,
        'signed out',
        () => c.state(),
      );
      expect(c.state().lastError?.code).toBe('bad-credentials');
      expect(c.core()).toBeUndefined();
      expect(await c.signInAgain('rotated-by-it')).toEqual({ ok: true });
      await live(c);
    } finally {
      agent.password = SECRET;
    }
  });

  it('reconfigures the transport without signing out the agent', async () => {
    const { controller: c } = make();
    expect(await c.signIn({ ...base, serverUrl: sim.url, password: SECRET })).toEqual({ ok: true });
    const first = c.core();
    const result = await c.reconfigure({ serverUrl: sim.url, username: 'jdoe', transport: 'websocket' });
    expect(result).toEqual({ ok: true });
    expect(c.core()).not.toBe(first);
    await live(c);
  });

  it('a newer sign-in supersedes one still in flight', async () => {
    const { controller: c } = make();
    const [first, second] = await Promise.all([
      c.signIn({ ...base, serverUrl: sim.url, password: SECRET }),
      c.signIn({ ...base, serverUrl: sim.url, password: SECRET }),
    ]);
    expect(first).toMatchObject({ ok: false, code: 'stopped' });
    expect(second).toEqual({ ok: true });
    expect(c.state().phase).toBe('signed-in');
  });
});

describe('demo mode', () => {
  it('starts the embedded simulator with its demo caller, signs in agent1, and closes it on sign-out', async () => {
    const { controller: c } = make();
    expect(await c.startDemo('long-polling')).toEqual({ ok: true });
    expect(c.state()).toMatchObject({ phase: 'signed-in', demo: true, username: 'agent1' });
    const url = c.demoUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await waitFor(
      () =>
        c
          .core()
          ?.getSnapshot()
          .calls.some((call) => call.state === 'Ringing'),
      8_000,
      'demo call ringing',
    );
    // The demo is a server agents use, not a test rig: its /sim control API is off.
    const control = await got(`${url}/sim/state`, { throwHttpErrors: false, retry: { limit: 0 } });
    expect(control.statusCode).toBe(404);
    await c.signOut();
    expect(c.demoUrl()).toBeUndefined();
    await expect(got(`${url}/api/v2/diagnostics/version`, { retry: { limit: 0 } })).rejects.toThrow();
  });
});
