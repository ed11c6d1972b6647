/**
 * A real rsyslog (Debian `rsyslog` + `rsyslog-gnutls`) for the evidence tests:
 * a CA and a server certificate made with `openssl`, and `rsyslogd -n` as a
 * child process with its own config, pid file and work directory under a temp
 * dir, listening with imtcp + the gtls stream driver on a loopback port and
 * writing every message it receives raw (`%rawmsg%`, one per line) to a file —
 * what a SIEM would store. Stop and start it to simulate an outage; the port
 * and the file stay the same.
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Socket, createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for.ts';
import { makeTestCertificates } from './test-ca.ts';

/** Whether rsyslogd and openssl are installed (the tests skip with a reason otherwise). */
export function rsyslogAvailable(): boolean {
  return existsSync('/usr/sbin/rsyslogd') && spawnSync('openssl', ['version']).status === 0;
}

/** A free loopback port (taken and released; rsyslog binds it right after). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A running (or stopped) test rsyslog. */
export interface TestRsyslog {
  port: number;
  /** The CA that signed the server certificate (give it to the shipper). */
  ca: string;
  /** The file rsyslog writes what it receives to. */
  received: string;
  /** The raw lines received so far. */
  lines(): string[];
  start(): Promise<void>;
  /** SIGTERM and wait for the exit (rsyslog flushes its queue first). */
  stop(): Promise<void>;
}

/** Creates the certificates and config under `dir` and starts rsyslogd. */
export async function startRsyslog(dir: string): Promise<TestRsyslog> {
  const { ca, cert, key } = makeTestCertificates(dir, 'siem', 'rsa');
  const work = join(dir, 'rsyslog-work');
  mkdirSync(work, { recursive: true });
  const received = join(dir, 'received.log');
  const port = await freePort();
  const config = join(dir, 'rsyslog.conf');
  writeFileSync(
    config,
    [
      `global(workDirectory="${work}" DefaultNetstreamDriver="gtls"`,
      `  DefaultNetstreamDriverCAFile="${ca}" DefaultNetstreamDriverCertFile="${cert}"`,
      `  DefaultNetstreamDriverKeyFile="${key}" maxMessageSize="16k")`,
      'module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")',
      'template(name="raw" type="string" string="%rawmsg%\\n")',
      `ruleset(name="siem") { action(type="omfile" file="${received}" template="raw") }`,
      `input(type="imtcp" port="${port}" address="127.0.0.1" ruleset="siem")`,
      '',
    ].join('\n'),
  );
  let child: ChildProcess | undefined;
  const pidFile = join(dir, 'rsyslogd.pid');
  const rsyslog: TestRsyslog = {
    port,
    ca,
    received,
    lines: () => (existsSync(received) ? readFileSync(received, 'utf8').split('\n').filter(Boolean) : []),
    async start() {
      const started = spawn('/usr/sbin/rsyslogd', ['-n', '-f', config, '-i', pidFile], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child = started;
      let stderr = '';
      started.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      await waitFor(
        () => started.exitCode !== null || canConnect(port),
        10_000,
        'rsyslogd listening',
        () => stderr,
      );
      if (started.exitCode !== null) throw new Error(`rsyslogd exited: ${stderr}`);
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    },
  };
  await rsyslog.start();
  return rsyslog;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}
