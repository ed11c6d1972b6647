import { AuditLog } from '../../../../main/core/compliance/audit-log.ts';

/**
 * Child process for the crash and lock tests: appends audit entries as fast as
 * it can (reporting each seq on stdout) until the parent kills it with
 * SIGKILL; with `--once`, opens the log, appends one entry and exits (a
 * refused open exits 1 with the reason on stderr).
 */
const once = process.argv[3] === '--once';
const log = AuditLog.open({ file: process.argv[2] as string, agent: 'agent1', maxBytes: 8_192 });
for (let i = 0; ; i++) {
  const entry = log.append({
    action: i % 2 ? 'resume' : 'pause',
    result: 'requested',
    callId: `call-${i % 7}`,
  });
  process.stdout.write(`${entry.seq}\n`);
  if (once) break;
}
log.close();
