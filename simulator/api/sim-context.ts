/**
 * Everything one running simulator's endpoints share: the model, sessions,
 * faults, the Bayeux hub, timers on the injected clock and the publisher.
 * Built once per `startSimulator`; each endpoint module takes it as its first
 * argument, so the endpoints hold no state of their own.
 */

import type { SimClock } from '../domain/clock.ts';
import { BayeuxHub } from './bayeux-hub.ts';
import { FaultBook } from '../domain/faults.ts';
import type { SimulatorOptions } from '../options.ts';
import { NOTIFICATIONS_PATH } from '../protocol.ts';
import { createPublisher, type Publisher } from '../domain/publisher.ts';
import type { RestDeps } from './rest-api.ts';
import { Scheduler } from '../domain/scheduler.ts';
import { SessionStore } from '../domain/sessions.ts';
import { WebsocketRegistry } from '../http/websocket-registry.ts';
import { World } from '../domain/world.ts';

/** Where the simulator reports what it does (requests, faults); never credentials. */
export type SimulatorLog = (line: string) => void;

/** The shared state of one simulator (see the module comment). */
export interface SimContext {
  readonly opts: SimulatorOptions;
  readonly log: SimulatorLog;
  readonly world: World;
  readonly sessions: SessionStore;
  readonly faults: FaultBook;
  readonly bayeux: BayeuxHub;
  readonly websockets: WebsocketRegistry;
  readonly scheduler: Scheduler;
  readonly publisher: Publisher;
  readonly restDeps: RestDeps;
  /** Base URL once listening (`''` before). */
  baseUrl(): string;
  /** Drops every session and Bayeux client (calls stay), as `/sim/restart` does. */
  restart(): { sessions: number; bayeuxClients: number };
  /** The `/sim/state` body. */
  describe(): Record<string, unknown>;
}

/** Builds the shared state of one simulator; `baseUrl` is read lazily (the port is known later). */
export function createSimContext(
  opts: SimulatorOptions,
  log: SimulatorLog,
  baseUrl: () => string,
  clock: SimClock,
): SimContext {
  const now = (): number => clock.now();
  const world = new World(opts, baseUrl, now);
  const sessions = new SessionStore(opts.sessionIdleTimeoutSec * 1000, now);
  const faults = new FaultBook();
  const scheduler = new Scheduler(clock);
  const websockets = new WebsocketRegistry();
  const bayeux = new BayeuxHub({
    mount: NOTIFICATIONS_PATH,
    timeoutSec: opts.bayeuxTimeoutSec,
    connectAdvice: opts.connectAdvice,
    ackExtension: opts.ackExtension,
    faults,
    agentNames: opts.agents.map((a) => a.userName),
    isSessionAlive: (id) => sessions.get(id) !== undefined,
    connectionTypes: [
      'long-polling',
      'cross-origin-long-polling',
      'callback-polling',
      ...(opts.websocket ? ['websocket'] : []),
    ],
  });
  sessions.onInvalidate((dead) => {
    bayeux.dropClientsOfSessions(dead);
    websockets.closeSessions(new Set(dead.map((d) => d.id)));
  });
  const publisher = createPublisher({ bayeux, faults, scheduler, eventDelayMs: opts.eventDelayMs, log });
  const restDeps: RestDeps = {
    world,
    baseUrl,
    invalidateSession: (id) => sessions.invalidate(id),
    scheduleRemoteAnswer: (callId) =>
      scheduler.later(opts.dialAnswerMs, () => publisher.publish(world.remoteAnswer(callId).events)),
  };
  return {
    opts,
    log,
    world,
    sessions,
    faults,
    bayeux,
    websockets,
    scheduler,
    publisher,
    restDeps,
    baseUrl,
    restart() {
      const bayeuxClients = bayeux.dropAll();
      websockets.close(() => true);
      const dropped = { sessions: sessions.clear(), bayeuxClients };
      log(`restart: dropped ${dropped.sessions} sessions and ${dropped.bayeuxClients} Bayeux clients`);
      return dropped;
    },
    describe: () => ({
      ...world.describe(),
      sessions: sessions
        .list()
        .map((s) => ({ agent: s.agent, createdAt: new Date(s.createdAt).toISOString() })),
      bayeuxClients: bayeux.describe(),
      faults: faults.describe(),
    }),
  };
}
