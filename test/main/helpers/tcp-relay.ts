/**
 * A loopback TCP relay in front of the simulator, for what the simulator
 * cannot do by itself: become a black hole (a hung server that neither answers
 * nor refuses) and let tests count the requests a client sends.
 */

import { createServer, connect, type Socket } from 'node:net';

/** A running relay. */
export interface TcpRelay {
  /** `http://127.0.0.1:<port>` of the relay. */
  url: string;
  /** Stop forwarding in both directions; sockets stay open, bytes are dropped. */
  freeze(): void;
  /** Forward again: connections frozen earlier are reset, new ones work. */
  thaw(): void;
  /** Occurrences of `pattern` in everything clients sent so far. */
  count(pattern: RegExp): number;
  /** Forget what was sent so far (for windowed counts). */
  resetLog(): void;
  close(): Promise<void>;
}

/** Options of {@link startRelay}. */
export interface RelayOptions {
  /**
   * A `Set-Cookie` value added to every HTTP response, standing in for a load
   * balancer or server that sets cookies of its own.
   */
  extraSetCookie?: string;
}

/** Starts a relay to `127.0.0.1:targetPort`. */
export async function startRelay(targetPort: number, options: RelayOptions = {}): Promise<TcpRelay> {
  const rewrite = (chunk: Buffer): Buffer =>
    options.extraSetCookie === undefined
      ? chunk
      : Buffer.from(
          chunk
            .toString('latin1')
            .replace(/^(HTTP\/1\.1 \d{3}[^\r]*\r\n)/gm, `$1Set-Cookie: ${options.extraSetCookie}\r\n`),
          'latin1',
        );
  let frozen = false;
  let sent = '';
  const sockets = new Set<Socket>();
  const pairs = new Set<{ dead: boolean }>();
  const server = createServer((client) => {
    const pair = { dead: frozen };
    pairs.add(pair);
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (pair.dead) return;
      sent += chunk.toString('latin1');
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (pair.dead) return;
      client.write(rewrite(chunk));
    });
    client.on('close', () => {
      if (!pair.dead) closeBoth();
      sockets.delete(client);
      pairs.delete(pair);
    });
    upstream.on('close', () => {
      if (!pair.dead) closeBoth();
      sockets.delete(upstream);
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('relay has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    freeze: () => {
      frozen = true;
      for (const pair of pairs) pair.dead = true;
    },
    thaw: () => {
      frozen = false;
      // Like a server that comes back: connections from the hang are reset, new ones work.
      for (const socket of sockets) socket.destroy();
    },
    count: (pattern) =>
      (sent.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? []).length,
    resetLog: () => {
      sent = '';
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
