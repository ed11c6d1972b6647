/**
 * Child process for the shipping test — "the app" on a workstation: appends
 * a synthetic shift to its audit log (a few ms apart) while a
 * {@link SyslogShipper} ships it; prints `seq N` after each durable append and
 * `taken N` on each cursor advance, and `done` once everything is taken.
 * Restarted after a SIGKILL it continues the same log up to `total` entries.
 * SIGTERM stops the shipper cleanly and exits.
 * Args: auditFile target caFile total
 */

import { readFileSync } from 'node:fs';
import { AuditLog } from '../../../../main/core/compliance/audit-log.ts';
import { SyslogShipper } from '../../../../main/core/evidence/syslog-shipper.ts';

const [file, target, caFile, totalText] = process.argv.slice(2) as [string, string, string, string];
const total = Number(totalText);
const shipper = new SyslogShipper({
  auditFile: file,
  target,
  ca: readFileSync(caFile, 'utf8'),
  identity: { hostName: 'ws-0042' },
  settleMs: 300,
  pollMs: 50,
  retryBaseMs: 100,
  retryMaxMs: 400,
  batchSize: 200,
});
shipper.onStatus((status) => {
  process.stdout.write(`taken ${status.taken} ${status.state}\n`);
  if (status.taken >= total) process.stdout.write('done\n');
});
const log = AuditLog.open({ file, agent: 'agent1', maxBytes: 64 * 1024, onAppend: () => shipper.wake() });
shipper.start();
process.on('SIGTERM', () => {
  void shipper.stop().then(() => {
    log.close();
    process.exit(0);
  });
});

const actions = ['pause', 'pause', 'pause', 'reminder', 'resume', 'resume'] as const;
const results = ['requested', 'accepted', 'confirmed', 'level-1', 'requested', 'confirmed'] as const;
function next(): void {
  if (log.seq >= total) return;
  const i = log.seq;
  const step = i % actions.length;
  const entry = log.append({
    action: actions[step] as (typeof actions)[number],
    result: results[step] as string,
    callId: `call-${Math.floor(i / actions.length)}`,
    trigger: 'hotkey',
    hostName: 'ws-0042',
  });
  process.stdout.write(`seq ${entry.seq}\n`);
  setTimeout(next, 2);
}
next();
