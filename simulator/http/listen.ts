/**
 * Starts the simulator's HTTP server listening: resolves once connections are
 * accepted, with the address it got (port 0 = any free port); a taken port is
 * a clear error naming the `--port` flag.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on `port` of `host`; the resolved address has the real port. */
export async function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is already in use; pick another with --port`)
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  return server.address() as AddressInfo;
}

/** The base URL of a listening address, without a trailing slash (IPv6 in brackets). */
export function baseUrlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
