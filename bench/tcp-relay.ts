import { connect, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A loopback TCP relay in front of a server, timestamping bytes where they
 * cross it: what the client put on the wire, and when the server's bytes were
 * handed to the client's socket. It is how (d) measures the client's own
 * overhead independently of the server.
 */
export interface TcpRelay {
  url: string;
  close(): Promise<void>;
}

export interface RelayTaps {
  /** A chunk the client sent (toward the server), when the relay read it. */
  fromClient?(chunk: Buffer, at: number): void;
  /** A chunk of the server's, right before the relay writes it to the client. */
  toClient?(chunk: Buffer, at: number): void;
}

export async function startTcpRelay(targetUrl: string, taps: RelayTaps): Promise<TcpRelay> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = connect(Number(target.port), target.hostname);
    upstream.setNoDelay(true);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      taps.fromClient?.(chunk, performance.now());
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      taps.toClient?.(chunk, performance.now());
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
