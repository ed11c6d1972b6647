/**
 * A real HTTPS update server on loopback for the updater tests: a throw-away
 * CA and a certificate for 127.0.0.1 made by the openssl CLI, serving a
 * generic-provider feed (`latest-linux.yml`) and one artefact. The test
 * changes what it serves (a tampered artefact, a broken feed, no answer at
 * all) and counts what was asked, to show the updater never loops.
 */

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { makeTestCertificates } from '../helpers/test-ca.ts';

/** What the server answers. */
export interface Served {
  /** The feed text, or `undefined` for a 404. */
  feed: string | undefined;
  /** The artefact's bytes as served (may differ from what the feed's sha512 says). */
  artefact: Buffer;
  /** True: accept requests and never answer (a slow server). */
  silent: boolean;
}

/** A running update server. */
export interface UpdateServer {
  url: string;
  /** PEM of the CA that signed the server's certificate. */
  caPem: string;
  served: Served;
  /** Request paths, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** base64 SHA-512, as electron-builder writes it into `latest*.yml`. */
export function sha512(bytes: Buffer): string {
  return createHash('sha512').update(bytes).digest('base64');
}

/** A generic-provider feed for `version` whose one file is `name` with `bytes`. */
export function feedFor(version: string, name: string, bytes: Buffer, stagingPercentage?: number): string {
  const lines = [
    `version: ${version}`,
    'files:',
    `  - url: ${name}`,
    `    sha512: ${sha512(bytes)}`,
    `    size: ${bytes.length}`,
    `path: ${name}`,
    `sha512: ${sha512(bytes)}`,
    "releaseDate: '2026-05-04T10:00:00.000Z'",
  ];
  if (stagingPercentage !== undefined) lines.push(`stagingPercentage: ${stagingPercentage}`);
  return `${lines.join('\n')}\n`;
}

/** Starts the server with `served` (changeable later through `server.served`). */
export async function startUpdateServer(served: Served, artefactName: string): Promise<UpdateServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gws-update-tls-'));
  const tls = makeTestCertificates(dir);
  const requests: string[] = [];
  const sockets = new Set<Duplex>();
  const server: Server = createServer(
    { key: readFileSync(tls.key), cert: readFileSync(tls.cert) },
    (req, res) => {
      const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
      requests.push(path);
      if (served.silent) return; // never answers: a slow server
      if (path === '/latest-linux.yml' && served.feed !== undefined) {
        res.writeHead(200, { 'content-type': 'text/yaml' }).end(served.feed);
      } else if (path === `/${artefactName}`) {
        res.writeHead(200, { 'content-length': served.artefact.length }).end(served.artefact);
      } else res.writeHead(404).end('not found');
    },
  );
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/`,
    caPem: readFileSync(tls.ca, 'utf8'),
    served,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
