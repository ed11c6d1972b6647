/**
 * The desktop's audit logs: one tamper-evident chain per purpose in the app's
 * data folder — `audit.jsonl` for real servers, `demo-audit.jsonl` for the
 * embedded simulator, so training never mixes into the log an auditor reads.
 *
 * A chain must have exactly one writer: every sign-in gets the log already
 * open for its file and agent; a different agent (or purpose) closes the
 * previous one first.
 */

import { join } from 'node:path';
import { AuditLog } from '../../core/compliance/audit-log.ts';
import type { CoreConfig } from './core-factory.ts';
import type { LoggerPort } from '../ports/app-ports.ts';

/** The audit logs of {@link createAuditLogs}. */
export interface AuditLogs {
  /** The log for this sign-in, or `undefined` when it cannot be opened (reported, never thrown). */
  forSession(config: Pick<CoreConfig, 'demo' | 'credentials'>): AuditLog | undefined;
  /** Closes the open log (at quit). */
  close(): void;
}

/** Opens audit logs under `dir` (e.g. `<userData>/audit`). */
export function createAuditLogs(dir: string, logger: LoggerPort): AuditLogs {
  let open: { file: string; agent: string; log: AuditLog } | undefined;
  return {
    forSession(config) {
      const file = join(dir, config.demo ? 'demo-audit.jsonl' : 'audit.jsonl');
      const agent = config.credentials.username;
      if (open && open.file === file && open.agent === agent) return open.log;
      open?.log.close();
      open = undefined;
      try {
        const log = AuditLog.open({ file, agent });
        if (log.recovered) logger.warn('audit log had a torn last line', { file, line: log.recovered.line });
        open = { file, agent, log };
        return log;
      } catch (error) {
        logger.error('audit log cannot be opened: pauses are not audited', {
          file,
          reason: (error as Error).message,
        });
        return undefined;
      }
    },
    close() {
      open?.log.close();
      open = undefined;
    },
  };
}
