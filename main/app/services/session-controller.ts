/**
 * Owns the core's life: sign in, sign out, sign in again after the server
 * refused the credentials (`signed-out`), reconfigure without restarting the
 * app, and demo mode (the embedded simulator with its demo caller, agent1).
 * One core at a time; a newer sign-in supersedes an older one still running.
 * The password is read on demand (secret store, or memory while signed in
 * when it is not remembered), never put in events, logs or results.
 */

import {
  startSimulator,
  simulatorOptionsSchema,
  type SimulatorOptionsInput,
} from '../../../simulator/index.ts';
import type { SignInFailureCode, SignInResult, Transport } from '../../../contract/ipc-contract.ts';
import type { AppCore, CoreEventLike, CoreStartResult } from '../ports/core-port.ts';
import type { CoreConfig, CoreFactory } from './core-factory.ts';
import type { SessionState } from '../policies/session-state.ts';
import { silentLogger, type LoggerPort, type SecretStorePort } from '../ports/app-ports.ts';

/** A connection to sign in with (a real GWS). */
export interface SignInConfig {
  serverUrl: string;
  username: string;
  /** Empty/absent: use the remembered password. */
  password?: string;
  rememberPassword: boolean;
  transport: Transport;
  extraCaFile?: string;
  proxyUrl?: string;
}

/** What the controller reports to its subscriber. */
export type SessionEvent = { type: 'session'; state: SessionState } | { type: 'core'; event: CoreEventLike };

/** Dependencies of {@link createSessionController}. */
export interface SessionControllerDeps {
  createCore: CoreFactory;
  secrets: SecretStorePort;
  logger?: LoggerPort;
  /** Extra options of the demo simulator (tests shorten its timings). */
  demoSimulator?: SimulatorOptionsInput;
}

/** The session controller of {@link createSessionController}. */
export interface SessionController {
  state(): SessionState;
  /** The running core, while signing in or signed in. */
  core(): AppCore | undefined;
  /** URL of the embedded simulator while in demo mode. */
  demoUrl(): string | undefined;
  signIn(config: SignInConfig): Promise<SignInResult>;
  /** Starts the embedded simulator (demo caller on, /sim control API off) and signs in agent1. */
  startDemo(transport?: Transport): Promise<SignInResult>;
  /** Signs in again with the last configuration (after `signed-out`); `password` overrides the stored one. */
  signInAgain(password?: string): Promise<SignInResult>;
  /**
   * Applies new connection settings. Signed in to a real server with the same
   * account: restarts the core with them (same password). A different server
   * or user name needs the password again: signs out with `bad-credentials`
   * ... unless a password is remembered for the new account.
   */
  reconfigure(change: Omit<SignInConfig, 'password' | 'rememberPassword'>): Promise<SignInResult>;
  /** Stops the core (EndContactCenterSession), the demo simulator, and forgets the in-memory password. */
  signOut(): Promise<void>;
  /** Rebuilds the notification stream now (power resume, network back); no-op when signed out. */
  reconnectNow(): void;
  /** True when a password is stored for this account (so a sign-in can run without asking). */
  hasRememberedPassword(serverUrl: string, username: string): Promise<boolean>;
  /** Deletes a remembered password (the agent switched "remember" off); never throws. */
  forgetPassword(serverUrl: string, username: string): Promise<void>;
  subscribe(listener: (event: SessionEvent) => void): () => void;
}

/** Key of an account in the secret store. */
export function accountKey(serverUrl: string, username: string): string {
  return `${serverUrl.replace(/\/+$/, '')}|${username}`;
}

const DEMO_USER = { username: 'agent1', password: 'agent1' } as const;

/** True when `url` is plain http to a non-loopback host (Basic would go in clear text). */
export function isInsecureUrl(url: URL): boolean {
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return !(host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host));
}

function checkServerUrl(serverUrl: string): { code: SignInFailureCode; message: string } | undefined {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return {
      code: 'config',
      message: 'The server address is not a URL; expected e.g. https://gws.example.com:8090',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { code: 'config', message: 'The server address must start with https://' };
  }
  if (url.username || url.password) {
    return { code: 'config', message: 'The server address must not contain a user name or password.' };
  }
  if (isInsecureUrl(url)) {
    return {
      code: 'insecure-url',
      message: 'Plain http:// would send the password unencrypted; use https://',
    };
  }
  return undefined;
}

/** Builds the controller; nothing runs until a sign-in. */
export function createSessionController(deps: SessionControllerDeps): SessionController {
  const logger = deps.logger ?? silentLogger;
  const listeners = new Set<(event: SessionEvent) => void>();
  let state: SessionState = { phase: 'signed-out', demo: false };
  let core: AppCore | undefined;
  let unsubscribeCore: (() => void) | undefined;
  let sim: { url: string; close(): Promise<void> } | undefined;
  /** Password held for this sign-in when it is not remembered (re-logins need it). */
  let heldPassword: string | undefined;
  let lastConfig: SignInConfig | undefined;
  let generation = 0;

  const emit = (event: SessionEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        logger.error('session listener failed', { error });
      }
    }
  };
  const setState = (next: SessionState): void => {
    state = next;
    emit({ type: 'session', state });
  };

  /** Stops whatever runs (core, then simulator). */
  async function teardown(): Promise<void> {
    const [oldCore, oldSim, oldUnsub] = [core, sim, unsubscribeCore];
    core = undefined;
    sim = undefined;
    unsubscribeCore = undefined;
    heldPassword = undefined;
    oldUnsub?.();
    if (oldCore) await oldCore.stop().catch((error: unknown) => logger.warn('core stop failed', { error }));
    if (oldSim)
      await oldSim.close().catch((error: unknown) => logger.warn('simulator close failed', { error }));
  }

  /** When the server refuses the credentials while reconnecting, the core is done: sign out with a reason. */
  function onCoreEvent(event: CoreEventLike, owner: number): void {
    if (owner !== generation) return;
    emit({ type: 'core', event });
    if (event.type === 'state' && event.state.connection === 'signed-out' && state.phase === 'signed-in') {
      const { demo, serverUrl, username } = state;
      const lastError = {
        code: 'bad-credentials' as const,
        message: 'The server no longer accepts the password. Sign in again.',
      };
      logger.warn('server refused the credentials while reconnecting; signed out', { serverUrl, username });
      generation += 1;
      void teardown().then(() =>
        setState({ phase: 'signed-out', demo, lastError, ...(serverUrl ? { serverUrl, username } : {}) }),
      );
    }
  }

  async function run(
    config: CoreConfig,
    shown: SessionState,
    onSuccess?: () => Promise<void>,
  ): Promise<SignInResult> {
    const mine = generation;
    let created: AppCore;
    try {
      created = deps.createCore(config);
    } catch (error) {
      return fail(mine, 'config', error instanceof Error ? error.message : 'unusable setting');
    }
    core = created;
    unsubscribeCore = created.subscribe((event) => onCoreEvent(event, mine));
    const result: CoreStartResult = await created.start().catch((error: unknown) => ({
      ok: false as const,
      code: 'server-error' as const,
      message: error instanceof Error ? error.message : 'sign-in failed',
    }));
    if (mine !== generation) {
      if (core === created) await teardown();
      return { ok: false, code: 'stopped', message: 'Another sign-in replaced this one.' };
    }
    if (!result.ok) {
      return fail(mine, result.code, result.message);
    }
    await onSuccess?.();
    logger.info('signed in', { serverUrl: shown.serverUrl, username: shown.username, demo: shown.demo });
    setState({ ...shown, phase: 'signed-in' });
    return { ok: true };
  }

  async function fail(mine: number, code: SignInFailureCode, message: string): Promise<SignInResult> {
    if (mine !== generation)
      return { ok: false, code: 'stopped', message: 'Another sign-in replaced this one.' };
    const { demo, serverUrl, username } = state;
    await teardown();
    logger.warn('sign-in failed', { code, serverUrl, username });
    setState({
      phase: 'signed-out',
      demo,
      lastError: { code, message },
      ...(serverUrl ? { serverUrl, username } : {}),
    });
    return { ok: false, code, message };
  }

  async function signIn(config: SignInConfig): Promise<SignInResult> {
    const mine = ++generation;
    await teardown();
    if (mine !== generation)
      return { ok: false, code: 'stopped', message: 'Another sign-in replaced this one.' };
    const serverUrl = config.serverUrl.trim();
    const username = config.username.trim();
    const shown: SessionState = { phase: 'signing-in', demo: false, serverUrl, username };
    setState(shown);
    const bad = checkServerUrl(serverUrl);
    if (bad) return fail(mine, bad.code, bad.message);
    const account = accountKey(serverUrl, username);
    const typed = config.password !== undefined && config.password !== '' ? config.password : undefined;
    if (typed === undefined && (await deps.secrets.get(account)) === undefined) {
      return fail(mine, 'invalid-input', 'Enter the password.');
    }
    lastConfig = { ...config, serverUrl, username, password: undefined };
    if (typed !== undefined) heldPassword = typed;
    const getPassword = async (): Promise<string> => heldPassword ?? (await deps.secrets.get(account)) ?? '';
    logger.info('signing in', { serverUrl, username, transport: config.transport });
    return run(
      {
        serverUrl,
        credentials: { username, getPassword },
        transport: config.transport,
        ...(config.extraCaFile ? { extraCaFile: config.extraCaFile } : {}),
        ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
        ...(deps.logger ? { logger: deps.logger } : {}),
        demo: false,
      },
      shown,
      async () => {
        if (typed === undefined) return;
        // The agent is signed in whatever the password store says: a store that
        // fails (keychain denied, file not writable) only means "not remembered",
        // and the password stays held for this run (re-login needs it).
        try {
          if (config.rememberPassword) {
            await deps.secrets.set(account, typed);
            heldPassword = undefined; // read on demand from the store from now on
          } else {
            await deps.secrets.delete(account);
          }
        } catch (error) {
          logger.warn('password store failed: the password is kept for this run only', {
            reason: error instanceof Error ? error.name : 'unknown',
          });
        }
      },
    );
  }

  async function startDemo(transport: Transport = 'auto'): Promise<SignInResult> {
    const mine = ++generation;
    await teardown();
    if (mine !== generation)
      return { ok: false, code: 'stopped', message: 'Another sign-in replaced this one.' };
    setState({ phase: 'signing-in', demo: true, username: DEMO_USER.username });
    try {
      sim = await startSimulator(demoSimulatorOptions(deps.demoSimulator));
    } catch (error) {
      return fail(mine, 'server-error', `The demo server did not start: ${(error as Error).message}`);
    }
    if (mine !== generation) {
      await sim.close();
      sim = undefined;
      return { ok: false, code: 'stopped', message: 'Another sign-in replaced this one.' };
    }
    const shown: SessionState = {
      phase: 'signing-in',
      demo: true,
      serverUrl: sim.url,
      username: DEMO_USER.username,
    };
    setState(shown);
    lastConfig = undefined;
    return run(
      {
        serverUrl: sim.url,
        credentials: { username: DEMO_USER.username, getPassword: () => DEMO_USER.password },
        transport,
        ...(deps.logger ? { logger: deps.logger } : {}),
        demo: true,
      },
      shown,
    );
  }

  return {
    state: () => state,
    core: () => core,
    demoUrl: () => sim?.url,
    signIn,
    startDemo,
    async signInAgain(password) {
      if (!lastConfig) {
        if (state.demo) return startDemo();
        return {
          ok: false,
          code: 'invalid-input',
          message: 'Nothing to sign in again to: enter the server.',
        };
      }
      return signIn({ ...lastConfig, ...(password ? { password } : {}) });
    },
    async reconfigure(change) {
      if (state.demo || !lastConfig || state.phase === 'signed-out') {
        return { ok: false, code: 'invalid-input', message: 'Not signed in to a server.' };
      }
      const sameAccount =
        accountKey(change.serverUrl, change.username) ===
        accountKey(lastConfig.serverUrl, lastConfig.username);
      const password = sameAccount ? heldPassword : undefined;
      return signIn({ ...lastConfig, ...change, ...(password ? { password } : {}) });
    },
    async signOut() {
      generation += 1;
      const { serverUrl, username, demo } = state;
      await teardown();
      logger.info('signed out', { serverUrl, username, demo });
      setState({ phase: 'signed-out', demo: false, ...(serverUrl && !demo ? { serverUrl, username } : {}) });
    },
    reconnectNow() {
      core?.reconnectNow?.();
    },
    async hasRememberedPassword(serverUrl, username) {
      return (await deps.secrets.get(accountKey(serverUrl.trim(), username.trim()))) !== undefined;
    },
    async forgetPassword(serverUrl, username) {
      try {
        await deps.secrets.delete(accountKey(serverUrl.trim(), username.trim()));
      } catch (error) {
        logger.warn('password store failed to forget a password', {
          reason: error instanceof Error ? error.name : 'unknown',
        });
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Options of the demo simulator: loopback, any free port, the demo caller on,
 * and the `/sim` control API off where the simulator supports switching it off.
 */
export function demoSimulatorOptions(extra: SimulatorOptionsInput = {}): SimulatorOptionsInput {
  const canDisableControl = 'controlApi' in simulatorOptionsSchema.shape;
  return {
    ...extra,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    ...(canDisableControl ? ({ controlApi: false } as SimulatorOptionsInput) : {}),
  };
}
