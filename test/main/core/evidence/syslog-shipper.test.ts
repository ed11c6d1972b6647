import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, archivesOf } from '../../../../main/core/compliance/audit-log.ts';
import { verifyAuditFiles } from '../../../../main/core/compliance/audit-verify.ts';
import { verifySiemCopy } from '../../../../main/core/evidence/siem-verify.ts';
import { readCursor, cursorFileOf } from '../../../../main/core/evidence/shipping-cursor.ts';
import { SyslogShipper, type ShipperStatus } from '../../../../main/core/evidence/syslog-shipper.ts';
import { entryFromParams, parseSyslogLine } from '../../../../main/core/evidence/syslog-message.ts';
import { rsyslogAvailable, startRsyslog, type TestRsyslog } from '../../helpers/rsyslog.ts';
import { makeTestCertificates } from '../../helpers/test-ca.ts';
import { startRelay } from '../../helpers/tcp-relay.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gws-evidence-'));
  dirs.push(dir);
  return dir;
}

let rsyslog: TestRsyslog;
beforeAll(async () => {
  rsyslog = await startRsyslog(tempDir());
}, 30_000);
afterAll(async () => {
  await rsyslog?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Seqs of our entries rsyslog stored for `host`, in arrival order. */
function storedSeqs(host: string): number[] {
  return rsyslog
    .lines()
    .map((line) => parseSyslogLine(line))
    .filter((m) => m?.hostName === host)
    .map((m) => Number(m?.sd.get('audit@32473')?.seq));
}

/** A child "app" writing and shipping; its last printed seq and taken. */
function startApp(
  file: string,
  total: number,
): { child: ChildProcess; seq: () => number; taken: () => number } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/main/core/evidence/shipper-child.ts',
      file,
      `tls://127.0.0.1:${rsyslog.port}`,
      rsyslog.ca,
      String(total),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let seq = 0;
  let taken = 0;
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const [kind, value] = line.split(' ');
      if (kind === 'seq') seq = Number(value);
      if (kind === 'taken') taken = Number(value);
    }
  });
  return { child, seq: () => seq, taken: () => taken };
}

describe.skipIf(!rsyslogAvailable())('syslog/TLS shipping to a real rsyslog', () => {
  it('a shift survives an rsyslog outage and a killed client: every entry stored, in order, hashes equal', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const total = 3_000;
    const first = startApp(file, total);
    await waitFor(() => storedSeqs('ws-0042').length >= 400, 30_000, 'rsyslog stored 400 entries');

    // rsyslog goes away mid-shift; the app keeps writing its log (the spool).
    await rsyslog.stop();
    const atOutage = first.seq();
    await waitFor(() => first.seq() >= atOutage + 400, 30_000, 'the app wrote 400 entries during the outage');
    const storedDuringOutage = storedSeqs('ws-0042').length;
    await rsyslog.start();

    // The backlog drains; the client is killed in the middle of sending.
    await waitFor(() => storedSeqs('ws-0042').length >= storedDuringOutage + 300, 30_000, 'backlog shipping');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const cursorAtKill = readCursor(cursorFileOf(file)).seq;

    // Restarted, it continues the shift and ships everything not yet taken.
    const second = startApp(file, total);
    await waitFor(
      () => second.taken() >= total,
      60_000,
      'everything taken',
      () => second.taken(),
    );
    const stopped = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    await stopped;

    const local = verifyAuditFiles([...archivesOf(file), file]);
    expect(local.ok).toBe(true);
    expect(local.entries).toBe(total);
    const arrived = storedSeqs('ws-0042');
    const firstArrivals = arrived.filter((seq, i) => arrived.indexOf(seq) === i);
    expect(firstArrivals, 'every entry present, first arrivals in order').toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    const siem = verifySiemCopy(rsyslog.received, { local: [...archivesOf(file), file] });
    expect(siem.chains.map((c) => c.problems)).toEqual([[]]);
    expect(siem.ok).toBe(true);
    const chain = siem.chains[0];
    expect(chain?.entries.map((e) => e.hash)).toEqual(local.verified.map((e) => e.hash));
    expect(cursorAtKill).toBeLessThan(total);
    console.info(
      `shipping: ${total} entries, ${arrived.length} messages stored (${chain?.duplicates} duplicates re-sent ` +
        `after the outage and the kill at cursor ${cursorAtKill}), 0 lost`,
    );
  }, 180_000);

  it('a server whose certificate is not signed by the given CA is refused, and nothing goes out in clear', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1' });
    log.append({ action: 'pause', result: 'confirmed', callId: 'c1', hostName: 'ws-wrong-ca' });
    log.close();
    const wrongCa = readFileSync(makeTestCertificates(dir, 'other', 'rsa').ca, 'utf8');

    // Against the real rsyslog: refused with a clear reason.
    const statuses: ShipperStatus[] = [];
    const shipper = new SyslogShipper({
      auditFile: file,
      target: `tls://127.0.0.1:${rsyslog.port}`,
      ca: wrongCa,
    });
    shipper.onStatus((s) => statuses.push(s));
    shipper.start();
    await waitFor(() => statuses.find((s) => s.state === 'down'), 10_000, 'a refused connection');
    await shipper.stop();
    expect(statuses.find((s) => s.error)?.error).toMatch(
      /certificate that is not trusted.*nothing was sent.*--syslog-ca/,
    );
    expect(storedSeqs('ws-wrong-ca')).toEqual([]);
    expect(readCursor(cursorFileOf(file)).seq).toBe(0);

    // Against a listener that records raw bytes: only a TLS ClientHello, no entry text.
    const captured: Buffer[] = [];
    const sockets: Socket[] = [];
    const server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk) => captured.push(chunk));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const probe = new SyslogShipper({
      auditFile: file,
      target: `tls://127.0.0.1:${port}`,
      connectTimeoutMs: 500,
    });
    probe.start();
    await waitFor(() => captured.length > 0, 10_000, 'the client hello');
    await waitFor(() => probe.status.state === 'down', 10_000, 'the handshake timing out');
    await probe.stop();
    for (const socket of sockets) socket.destroy();
    server.close();
    const bytes = Buffer.concat(captured);
    expect(bytes[0], 'a TLS handshake record').toBe(0x16);
    expect(bytes.toString('latin1')).not.toMatch(/audit@|ws-wrong-ca|confirmed/);
  }, 30_000);

  it('entries flushed into a link that then swallows them and resets are sent again, not counted as taken', async () => {
    const file = join(tempDir(), 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent1' });
    const append = (n: number): void => {
      for (let i = 0; i < n; i++)
        log.append({ action: 'pause', result: 'requested', callId: `c${i}`, hostName: 'ws-blackhole' });
    };
    append(50);
    const relay = await startRelay(rsyslog.port);
    const port = new URL(relay.url).port;
    const shipper = new SyslogShipper({
      auditFile: file,
      target: `tls://127.0.0.1:${port}`,
      ca: readFileSync(rsyslog.ca, 'utf8'),
      settleMs: 2_000,
      pollMs: 50,
      retryBaseMs: 50,
      retryMaxMs: 200,
    });
    try {
      shipper.start();
      await waitFor(() => storedSeqs('ws-blackhole').length === 50, 10_000, 'the first 50 stored');
      await waitFor(() => shipper.status.taken === 50, 10_000, 'the first 50 taken');
      relay.freeze(); // the link swallows what the client flushes from now on
      append(20);
      shipper.wake();
      await waitFor(() => shipper.status.sent === 70, 10_000, '20 more flushed into the black hole');
      expect(shipper.status.taken).toBe(50);
      relay.thaw(); // ...and resets: within settleMs, so those 20 were never taken
      await waitFor(
        () => storedSeqs('ws-blackhole').length >= 70,
        15_000,
        'the 20 sent again',
        () => storedSeqs('ws-blackhole').length,
      );
      const stored = storedSeqs('ws-blackhole');
      expect([...new Set(stored)]).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
      await waitFor(() => shipper.status.taken === 70, 10_000, 'all taken');
    } finally {
      await shipper.stop();
      log.close();
      await relay.close();
    }
  }, 60_000);

  it('refuses plain TCP to anything but loopback, and a target without a port', () => {
    expect(() => new SyslogShipper({ auditFile: '/tmp/x', target: 'tcp://10.0.0.5:514' })).toThrow(
      /loopback/,
    );
    expect(() => new SyslogShipper({ auditFile: '/tmp/x', target: 'tls://siem.example' })).toThrow(/port/);
    expect(() => new SyslogShipper({ auditFile: '/tmp/x', target: 'udp://127.0.0.1:514' })).toThrow(/scheme/);
  });

  it('every field of an entry survives the round trip through rsyslog', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.jsonl');
    const log = AuditLog.open({ file, agent: 'agent "1" \\ ]x' });
    const written = log.append({
      action: 'pause',
      result: 'confirmed',
      callId: 'c-1',
      latencyMs: 42,
      detail: 'pausedForMs=0',
      agentDn: 'CN=Agent One,OU=Floor 2,DC=corp',
      hostName: 'ws-fields',
      osUser: 'CORP\\agent1',
      appVersion: '0.1.0',
      trigger: 'extension',
      ruleId: 'checkout-card',
      connId: '006d02a3c4e5f0aa',
      callUuid: '02H7QK4M1C9F3T8R5V0B6N2LAES0001Z',
      recordingFile: 'rec_20261201_0001.mp3',
      outcome: 'success',
      clockOffsetMs: -1250,
    });
    log.close();
    const shipper = new SyslogShipper({
      auditFile: file,
      target: `tls://127.0.0.1:${rsyslog.port}`,
      ca: readFileSync(rsyslog.ca, 'utf8'),
      settleMs: 50,
    });
    shipper.start();
    await waitFor(() => storedSeqs('ws-fields').length === 1, 10_000, 'the entry stored');
    await shipper.stop();
    const line = rsyslog.lines().find((l) => parseSyslogLine(l)?.hostName === 'ws-fields') as string;
    expect(line).toMatch(/^<110>1 \S+ ws-fields gws-secure-pause - pause \[audit@32473 seq="1" /);
    const parsed = entryFromParams(parseSyslogLine(line)?.sd.get('audit@32473') ?? {});
    expect(parsed).toEqual({ ok: true, entry: written });
    expect(readCursor(cursorFileOf(file)).seq).toBe(1);
  }, 30_000);
});
