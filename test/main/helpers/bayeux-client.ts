import { CookieJar } from 'tough-cookie';
import {
  BayeuxConnection,
  type BayeuxConnectionOptions,
  type BayeuxErrorEvent,
  type ConnectionState,
  type SessionPort,
} from '../../../main/core/bayeux/connection.ts';
import { systemClock } from '../../../main/core/ports/clock.ts';

/** A session port for servers without REST (the hostile server): always "alive". */
export function fakeSession(url: string): SessionPort {
  return {
    serverUrl: url,
    cookieJar: new CookieJar(),
    tls: { ca: undefined },
    proxyUrl: undefined,
    origin: undefined,
    ensureSession: () => Promise.resolve({ ok: true, httpStatus: 200, body: {} }),
  };
}

/** A connection plus everything it reported, for assertions. */
export interface ObservedConnection {
  connection: BayeuxConnection;
  states: ConnectionState[];
  errors: BayeuxErrorEvent[];
  messages: { channel: string; data: unknown }[];
  /** Number of `onLive` calls (each is a state re-read in the core). */
  lives: () => number;
}

/** Builds (not starts) a connection on `/v2/me/calls` that records what it reports. */
export function observedConnection(
  overrides: Partial<BayeuxConnectionOptions> & Pick<BayeuxConnectionOptions, 'session'>,
): ObservedConnection {
  const states: ConnectionState[] = [];
  const errors: BayeuxErrorEvent[] = [];
  const messages: { channel: string; data: unknown }[] = [];
  let lives = 0;
  const connection = new BayeuxConnection({
    clock: systemClock,
    channels: ['/v2/me/calls'],
    transport: 'long-polling',
    onMessage: (channel, data) => messages.push({ channel, data }),
    onState: (state) => states.push(state),
    onLive: () => {
      lives += 1;
    },
    onError: (event) => errors.push(event),
    ...overrides,
  });
  return { connection, states, errors, messages, lives: () => lives };
}
