/**
 * One connection to the SIEM's syslog receiver: TLS (RFC 5425) with the
 * server certificate verified against the system roots plus an optional extra
 * CA — never "accept any" — or plain TCP, which is allowed only to loopback
 * (a local relay). Nothing is written before the TLS handshake succeeded, so
 * a refused certificate sends nothing in clear.
 *
 * `write` resolves when Node has flushed the bytes to the kernel; `end` closes
 * our side and resolves true when the peer then closed cleanly (its FIN after
 * ours: TCP delivered and the receiver read everything we sent).
 */

import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';

/** Where to ship: `tls://host:port`, or `tcp://127.0.0.1:port` (loopback only). */
export interface SyslogTarget {
  secure: boolean;
  host: string;
  port: number;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** Parses a `--syslog` value; throws a clear message for anything else. */
export function parseSyslogTarget(value: string): SyslogTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--syslog must look like tls://HOST:PORT, not ${JSON.stringify(value)}`);
  }
  const port = Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new Error(`--syslog ${value}: a port 1-65535 is required (the RFC 5425 default is 6514)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'tls:') return { secure: true, host, port };
  if (url.protocol === 'tcp:') {
    if (!LOOPBACK.has(url.hostname)) {
      throw new Error(`--syslog ${value}: plain TCP is allowed only to loopback; use tls://`);
    }
    return { secure: false, host, port };
  }
  throw new Error(`--syslog ${value}: the scheme must be tls:// (or tcp:// to loopback)`);
}

/** Checks that an extra CA is PEM certificates; throws naming the file otherwise. */
export function checkCaPem(pem: string, source: string): string {
  if (!/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.test(pem)) {
    throw new Error(`${source} is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

/** TLS verification failures, by OpenSSL code: said in plain words. */
function describeConnectError(error: NodeJS.ErrnoException, target: SyslogTarget): Error {
  const code = error.code ?? '';
  if (/CERT|SELF_SIGNED|ISSUER|ALTNAME|VERIFY/.test(code)) {
    return new Error(
      `the SIEM at ${target.host}:${target.port} presented a certificate that is not trusted (${code}: ${error.message}); nothing was sent — give its CA with --syslog-ca`,
    );
  }
  return new Error(`cannot reach the SIEM at ${target.host}:${target.port}: ${error.message}`);
}

/** An open connection; see the file comment. */
export class SyslogConnection {
  readonly #socket: Socket | TLSSocket;
  #error: Error | undefined;
  #closed = false;
  #peerEnded = false;
  #onClose: (() => void) | undefined;

  private constructor(socket: Socket | TLSSocket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('error', (error) => {
      this.#error ??= error;
    });
    socket.on('end', () => {
      this.#peerEnded = true;
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#onClose?.();
    });
    socket.resume(); // a syslog receiver sends nothing; drain anyway so 'end' is seen
  }

  /** Connects (and for TLS, completes a verified handshake) within `timeoutMs`. */
  static open(
    target: SyslogTarget,
    extraCa: string | undefined,
    timeoutMs: number,
  ): Promise<SyslogConnection> {
    return new Promise((resolve, reject) => {
      const socket = target.secure
        ? tlsConnect({
            host: target.host,
            port: target.port,
            servername: /^[\d.:]+$/.test(target.host) ? undefined : target.host,
            ca: extraCa === undefined ? undefined : [...rootCertificates, extraCa],
            rejectUnauthorized: true,
            minVersion: 'TLSv1.2',
          })
        : netConnect({ host: target.host, port: target.port });
      const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(describeConnectError(error, target));
      };
      socket.once('error', fail);
      socket.once(target.secure ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        resolve(new SyslogConnection(socket));
      });
    });
  }

  /** True once the connection closed or failed. */
  get broken(): boolean {
    return this.#closed || this.#error !== undefined || this.#peerEnded;
  }

  /** Why it broke, when it did. */
  get error(): Error | undefined {
    return this.#error ?? (this.broken ? new Error('the SIEM closed the connection') : undefined);
  }

  /** Bytes queued in Node, not yet handed to the kernel. */
  get queued(): number {
    return this.#socket.writableLength;
  }

  /** Called once when the connection closes (e.g. the receiver went away while idle). */
  onClose(listener: () => void): void {
    this.#onClose = listener;
  }

  /** Writes and resolves when flushed to the kernel; rejects when the connection fails. */
  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.broken) {
        reject(this.error as Error);
        return;
      }
      this.#socket.write(text, 'utf8', (error) => (error ? reject(error) : resolve()));
    });
  }

  /** Ends our side; resolves true when the peer closed cleanly within `timeoutMs`. */
  end(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.#closed) {
        resolve(this.#peerEnded && !this.#error);
        return;
      }
      const timer = setTimeout(() => {
        this.#socket.destroy();
        resolve(false);
      }, timeoutMs);
      this.#socket.once('close', () => {
        clearTimeout(timer);
        resolve(this.#peerEnded && !this.#error);
      });
      this.#socket.end();
    });
  }

  /** Drops the connection at once. */
  destroy(): void {
    this.#socket.destroy();
  }
}
