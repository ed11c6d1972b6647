import { mkdtempSync, readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';
import { makeTestCertificates } from './test-ca.ts';

/**
 * A TLS front for the (plain-HTTP) simulator, with a throw-away private CA
 * made by the openssl CLI, so tests can check certificate verification and
 * the "extra CA added to the default roots" option end to end.
 */
export interface TlsFront {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** PEM file of the private CA that signed the front's certificate. */
  caFile: string;
  close(): Promise<void>;
}

/** Starts a TLS front forwarding decrypted bytes to `127.0.0.1:targetPort`. */
export async function startTlsFront(targetPort: number): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), 'gws-tls-'));
  const tls = makeTestCertificates(dir);
  const sockets = new Set<Socket>();
  const server = createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, (secure) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [secure, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    secure.pipe(upstream).pipe(secure);
    secure.on('error', () => upstream.destroy());
    upstream.on('error', () => secure.destroy());
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('TLS front has no port');
  return {
    url: `https://127.0.0.1:${address.port}`,
    caFile: tls.ca,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
