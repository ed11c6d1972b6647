import { agentCoreFactory } from '../../../main/app/services/core-factory.ts';
import type { LoggerPort } from '../../../main/app/ports/app-ports.ts';

/** The production core factory with test timings (short recording timeout and requests). */
export const TEST_CORE_OPTIONS = { recordingTimeoutMs: 1_000, requestTimeoutMs: 3_000 } as const;
export const testCoreFactory = agentCoreFactory(TEST_CORE_OPTIONS);

/** Short simulator timings for app tests. */
export const APP_SIM_OPTIONS = { bayeuxTimeoutSec: 2 } as const;

/** A logger that keeps every line (message and fields as JSON) for assertions. */
export function collectingLogger(): LoggerPort & { lines: string[] } {
  const lines: string[] = [];
  const write =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push(
        `${level} ${message} ${fields ? JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? v.message : v)) : ''}`,
      );
    };
  return { lines, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
