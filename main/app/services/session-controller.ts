/**
 * The agent's session: sign in, sign out, sign in again after the server
 * refused the credentials (`signed-out`), reconfigure without restarting the
 * app, and demo mode (the embedded simulator with its demo caller, agent1).
 *
 * This file composes units with one job each: the {@link SessionLifecycle}
 * (one core at a time; a newer sign-in supersedes an older one still
 * running), the {@link PasswordKeeper} (secret store, or memory while signed
 * in when the password is not remembered; read on demand, never put in
 * events, logs or results) and the {@link DemoServer} (the embedded
 * simulator's life).
 */

import type { SignInResult, Transport } from '../../../contract/ipc-contract.ts';
import type { SimulatorOptionsInput } from '../../../simulator/index.ts';
import type { AppCore } from '../ports/core-port.ts';
import { silentLogger, type LoggerPort, type SecretStorePort } from '../ports/app-ports.ts';
import { checkServerUrl } from '../policies/server-url.ts';
import type { SessionState } from '../policies/session-state.ts';
import type { SignInConfig } from '../policies/sign-in-request.ts';
import type { CoreFactory } from './core-factory.ts';
import { createDemoServer, DEMO_USER, type DemoServer } from './demo-server.ts';
import { accountKey, createPasswordKeeper, type PasswordKeeper } from './password-keeper.ts';
import {
  createSessionLifecycle,
  SUPERSEDED,
  type SessionEvent,
  type SessionLifecycle,
} from './session-lifecycle.ts';

export type { SignInConfig } from '../policies/sign-in-request.ts';
export type { SessionEvent } from './session-lifecycle.ts';
export { accountKey } from './password-keeper.ts';
export { demoSimulatorOptions } from './demo-server.ts';

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

/** The units of one controller. */
interface Units {
  deps: SessionControllerDeps;
  logger: LoggerPort;
  life: SessionLifecycle;
  passwords: PasswordKeeper;
  demo: DemoServer;
  /** The last real sign-in, without its password (for sign-in again and reconfigure). */
  last: { config: SignInConfig | undefined };
}

/** Builds the controller; nothing runs until a sign-in. */
export function createSessionController(deps: SessionControllerDeps): SessionController {
  const logger = deps.logger ?? silentLogger;
  const passwords = createPasswordKeeper(deps.secrets, logger);
  const demo = createDemoServer(logger, deps.demoSimulator);
  const life = createSessionLifecycle({
    createCore: deps.createCore,
    logger,
    afterStop: async () => {
      passwords.drop();
      await demo.close();
    },
  });
  const units: Units = { deps, logger, life, passwords, demo, last: { config: undefined } };
  return {
    state: () => life.state(),
    core: () => life.core(),
    demoUrl: () => demo.url(),
    signIn: (config) => signIn(units, config),
    startDemo: (transport) => startDemo(units, transport),
    signInAgain: (password) => signInAgain(units, password),
    reconfigure: (change) => reconfigure(units, change),
    signOut: () => signOut(units),
    reconnectNow: () => life.core()?.reconnectNow(),
    hasRememberedPassword: (serverUrl, username) =>
      passwords.has(accountKey(serverUrl.trim(), username.trim())),
    forgetPassword: (serverUrl, username) => passwords.forget(accountKey(serverUrl.trim(), username.trim())),
    subscribe: (listener) => life.events.on(listener),
  };
}

/** Signs in to a real server: the address checked, the password typed or remembered. */
async function signIn(units: Units, config: SignInConfig): Promise<SignInResult> {
  const { life, passwords, logger } = units;
  const attempt = await life.begin();
  if (!attempt) return SUPERSEDED;
  const serverUrl = config.serverUrl.trim();
  const username = config.username.trim();
  const shown: SessionState = { phase: 'signing-in', demo: false, serverUrl, username };
  life.show(shown);
  const bad = checkServerUrl(serverUrl);
  if (bad) return life.fail(attempt, bad.code, bad.message);
  const account = accountKey(serverUrl, username);
  const typed = config.password !== undefined && config.password !== '' ? config.password : undefined;
  if (typed === undefined && !(await passwords.has(account))) {
    return life.fail(attempt, 'invalid-input', 'Enter the password.');
  }
  units.last.config = { ...config, serverUrl, username, password: undefined };
  if (typed !== undefined) passwords.hold(typed);
  logger.info('signing in', { serverUrl, username, transport: config.transport });
  const coreConfig = {
    serverUrl,
    credentials: { username, getPassword: passwords.source(account) },
    transport: config.transport,
    ...(config.extraCaFile ? { extraCaFile: config.extraCaFile } : {}),
    ...(config.proxyUrl ? { proxyUrl: config.proxyUrl } : {}),
    ...(units.deps.logger ? { logger: units.deps.logger } : {}),
    demo: false,
  };
  // Signed in whatever the password store says afterwards: a failing store only means "not remembered".
  return life.run(attempt, coreConfig, shown, async () => {
    if (typed !== undefined) await passwords.settle(account, typed, config.rememberPassword);
  });
}

/** Starts the embedded simulator and signs in its demo agent. */
async function startDemo(units: Units, transport: Transport = 'auto'): Promise<SignInResult> {
  const { life, demo } = units;
  const attempt = await life.begin();
  if (!attempt) return SUPERSEDED;
  life.show({ phase: 'signing-in', demo: true, username: DEMO_USER.username });
  let url: string | undefined;
  try {
    url = await demo.start();
  } catch (error) {
    return life.fail(attempt, 'server-error', `The demo server did not start: ${(error as Error).message}`);
  }
  if (url === undefined || !attempt.current()) return SUPERSEDED;
  const shown: SessionState = {
    phase: 'signing-in',
    demo: true,
    serverUrl: url,
    username: DEMO_USER.username,
  };
  life.show(shown);
  units.last.config = undefined;
  const coreConfig = {
    serverUrl: url,
    credentials: { username: DEMO_USER.username, getPassword: () => DEMO_USER.password },
    transport,
    ...(units.deps.logger ? { logger: units.deps.logger } : {}),
    demo: true,
  };
  return life.run(attempt, coreConfig, shown);
}

/** Signs in again with the last configuration (or the demo again); `password` overrides the stored one. */
async function signInAgain(units: Units, password?: string): Promise<SignInResult> {
  const last = units.last.config;
  if (last) return signIn(units, { ...last, ...(password ? { password } : {}) });
  if (units.life.state().demo) return startDemo(units);
  return { ok: false, code: 'invalid-input', message: 'Nothing to sign in again to: enter the server.' };
}

/** Restarts the core with new connection settings; the same account keeps its held password. */
async function reconfigure(
  units: Units,
  change: Omit<SignInConfig, 'password' | 'rememberPassword'>,
): Promise<SignInResult> {
  const last = units.last.config;
  const state = units.life.state();
  if (state.demo || !last || state.phase === 'signed-out') {
    return { ok: false, code: 'invalid-input', message: 'Not signed in to a server.' };
  }
  const sameAccount =
    accountKey(change.serverUrl, change.username) === accountKey(last.serverUrl, last.username);
  const password = sameAccount ? units.passwords.held() : undefined;
  return signIn(units, { ...last, ...change, ...(password ? { password } : {}) });
}

/** Stops everything and shows signed out (keeping a real server's address for the form). */
async function signOut(units: Units): Promise<void> {
  const { serverUrl, username, demo } = units.life.state();
  await units.life.end();
  units.logger.info('signed out', { serverUrl, username, demo });
  units.life.show({
    phase: 'signed-out',
    demo: false,
    ...(serverUrl && !demo ? { serverUrl, username } : {}),
  });
}
