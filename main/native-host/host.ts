/**
 * The native messaging host: Chrome starts it (one process per `connectNative` port) and speaks framed JSON on
 * its stdio; it relays each validated message to the app of the same OS user over the per-user socket and each
 * validated answer back. It keeps nothing and logs no message content.
 *
 * Contract: on connecting it sends the app a `hello` (the app answers with the rules and the current state);
 * while the app is not reachable the page is told `no-app` (fail safe: the agent knows nothing paused) and the
 * host tries again on a back-off; stdin's end (Chrome closed the port) ends the host; an oversized or broken
 * frame from the browser ends it too. Messages that are not exactly protocol messages are dropped, both ways.
 */

import type { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import {
  EXTENSION_PROTOCOL_VERSION,
  parseAppToExtension,
  parseExtensionToApp,
} from '../../contract/extension-protocol.ts';
import { backoffDelay, createWakeableSleep } from '../core/ports/backoff.ts';
import type { Clock } from '../core/ports/clock.ts';
import { systemClock } from '../core/ports/clock.ts';
import { createFrameDecoder, encodeFrame } from './framing.ts';
import { createLineDecoder, encodeLine } from './ndjson.ts';

/** What the host needs (injected so tests can run it in-process). */
export interface NativeHostOptions {
  readonly input: Readable;
  readonly output: Writable;
  /** Connects to the app (see socket-client.ts). */
  readonly connect: () => Promise<Socket>;
  /** Where to write diagnostics (stderr: stdout is the protocol). Never message content. */
  readonly log?: (line: string) => void;
  readonly clock?: Clock;
}

/** Mutable cell of one host run. */
interface HostCell {
  socket: Socket | undefined;
  done: boolean;
  failures: number;
}

/** Runs the host until the browser closes stdin (or sends a bad frame); resolves then. */
export function runNativeHost(options: NativeHostOptions): Promise<void> {
  const log = options.log ?? (() => undefined);
  const sleep = createWakeableSleep(options.clock ?? systemClock);
  const cell: HostCell = { socket: undefined, done: false, failures: 0 };
  const toBrowser = (message: unknown): void => {
    if (!options.output.writableEnded) options.output.write(encodeFrame(message));
  };
  const noApp = (): void => toBrowser({ v: EXTENSION_PROTOCOL_VERSION, type: 'state', state: 'no-app' });

  return new Promise<void>((resolve) => {
    const finish = (): void => {
      if (cell.done) return;
      cell.done = true;
      cell.socket?.destroy();
      sleep.wake();
      resolve();
    };
    const decoder = createFrameDecoder(
      (value) => {
        const message = parseExtensionToApp(value);
        if (!message) return log('dropped a message that is not a protocol message');
        if (cell.socket) cell.socket.write(encodeLine(message));
        else noApp();
      },
      (error) => {
        log(`browser frame refused (${error}); exiting`);
        finish();
      },
    );
    options.input.on('data', (chunk: Buffer) => decoder.push(chunk));
    options.input.once('end', finish);
    options.input.once('close', finish);
    void keepConnected(cell, options, { log, noApp, toBrowser, sleep });
  });
}

/** Connects, relays until the socket closes, and reconnects on a back-off until the host is done. */
async function keepConnected(
  cell: HostCell,
  options: NativeHostOptions,
  io: {
    log: (line: string) => void;
    noApp: () => void;
    toBrowser: (message: unknown) => void;
    sleep: ReturnType<typeof createWakeableSleep>;
  },
): Promise<void> {
  while (!cell.done) {
    try {
      const socket = await options.connect();
      if (cell.done) {
        socket.destroy();
        return;
      }
      cell.failures = 0;
      await relay(cell, socket, io.toBrowser, io.log);
    } catch (error) {
      cell.failures += 1;
      if (cell.failures === 1)
        io.log(`app not reachable: ${error instanceof Error ? error.message : 'unknown'}`);
    }
    if (cell.done) return;
    io.noApp();
    await io.sleep.sleep(backoffDelay(cell.failures, 250, 5_000));
  }
}

/** Relays app → browser until the socket closes. */
function relay(
  cell: HostCell,
  socket: Socket,
  toBrowser: (m: unknown) => void,
  log: (l: string) => void,
): Promise<void> {
  return new Promise((resolve) => {
    cell.socket = socket;
    const decoder = createLineDecoder(
      (value) => {
        const message = parseAppToExtension(value);
        if (message) toBrowser(message);
        else log('dropped a message from the app that is not a protocol message');
      },
      () => socket.destroy(),
    );
    socket.on('data', (chunk: Buffer) => decoder.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      cell.socket = undefined;
      resolve();
    });
    socket.write(encodeLine({ v: EXTENSION_PROTOCOL_VERSION, type: 'hello' }));
  });
}
