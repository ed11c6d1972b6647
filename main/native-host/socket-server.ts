/**
 * The app's end of the per-user socket: it listens where {@link userSocketLocation} says (after checking the
 * directory is the user's own and private), accepts newline-delimited JSON from native hosts, validates every
 * message against the extension protocol and hands the good ones on; it can send to one or all hosts.
 *
 * Contract: a connection that sends anything that is not exactly a protocol message (extra keys included) or an
 * over-long line is closed and the handler learns it closed — the content is never logged. A stale socket file
 * left by a crashed app is replaced only when nothing answers on it; when another instance answers, listening
 * fails (one app per user session).
 */

import { chmodSync, unlinkSync } from 'node:fs';
import type { Server, Socket } from 'node:net';
import { createConnection, createServer } from 'node:net';
import type { AppToExtension, ExtensionToApp } from '../../contract/extension-protocol.ts';
import { parseExtensionToApp } from '../../contract/extension-protocol.ts';
import type { Logger } from '../core/ports/logging.ts';
import { silentLogger } from '../core/ports/logging.ts';
import { createLineDecoder, encodeLine } from './ndjson.ts';
import type { SocketLocation } from './socket-path.ts';
import { currentUid, ensurePrivateDir } from './socket-path.ts';

/** One connected native host. */
export interface HostConnection {
  /** Unique per server; source keys of this connection start with it. */
  readonly id: string;
  send(message: AppToExtension): void;
}

/** What the server calls. */
export interface SocketServerHandler {
  onMessage(connection: HostConnection, message: ExtensionToApp): void;
  onClose(connection: HostConnection): void;
}

/** A listening socket server. */
export interface ExtensionSocketServer {
  broadcast(message: AppToExtension): void;
  readonly connections: number;
  close(): Promise<void>;
}

/** Options of {@link startExtensionSocketServer}. */
export interface SocketServerOptions {
  readonly location: SocketLocation;
  readonly handler: SocketServerHandler;
  readonly logger?: Logger;
  /** The uid the socket directory must belong to (default: this process's). */
  readonly uid?: number;
  /** Sees every parsed line before validation (tests prove nothing of a page ever arrives); never log it. */
  readonly observe?: (raw: unknown) => void;
}

/** True when something accepts connections on `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Listens on the Unix socket, replacing a stale file of a crashed instance. */
async function listenUnix(server: Server, path: string): Promise<void> {
  try {
    await listen(server, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    if (await answers(path))
      throw new Error('another GWS Secure Pause instance of this user is listening', { cause: error });
    unlinkSync(path);
    await listen(server, path);
  }
  chmodSync(path, 0o600);
}

function attach(socket: Socket, id: string, options: SocketServerOptions, logger: Logger): HostConnection {
  const connection: HostConnection = {
    id,
    send: (message) => {
      if (!socket.destroyed) socket.write(encodeLine(message));
    },
  };
  const refuse = (why: string): void => {
    logger.warn('native host connection refused a message and was closed', { connection: id, why });
    socket.destroy();
  };
  const decoder = createLineDecoder(
    (value) => {
      options.observe?.(value);
      const message = parseExtensionToApp(value);
      if (!message) return refuse('not a protocol message');
      options.handler.onMessage(connection, message);
    },
    (error) => refuse(error),
  );
  socket.on('data', (chunk: Buffer) => decoder.push(chunk));
  socket.on('error', () => socket.destroy());
  socket.once('close', () => options.handler.onClose(connection));
  return connection;
}

/** Starts listening; resolves once the socket accepts connections. */
export async function startExtensionSocketServer(
  options: SocketServerOptions,
): Promise<ExtensionSocketServer> {
  const logger = options.logger ?? silentLogger;
  const live = new Map<Socket, HostConnection>();
  let counter = 0;
  const server = createServer((socket) => {
    counter += 1;
    const connection = attach(socket, `h${counter}`, options, logger);
    live.set(socket, connection);
    socket.once('close', () => live.delete(socket));
  });
  if (options.location.kind === 'unix') {
    const uid = options.uid ?? currentUid();
    if (uid === undefined) throw new Error('no uid on this platform for a Unix socket');
    ensurePrivateDir(options.location.dir, uid);
    await listenUnix(server, options.location.path);
  } else {
    await listen(server, options.location.path);
  }
  return {
    broadcast(message: AppToExtension): void {
      for (const connection of live.values()) connection.send(message);
    },
    get connections(): number {
      return live.size;
    },
    close(): Promise<void> {
      for (const socket of live.keys()) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
