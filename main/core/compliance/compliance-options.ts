import type { Clock } from '../ports/clock.ts';
import type { AuditLog } from './audit-log.ts';

/** Options of `withCompliance`. */
export interface ComplianceOptions {
  /** Timers and durations (default the system clock; pass the core's clock in tests). */
  clock?: Clock;
  /** Wall clock, epoch ms (default `Date.now`): only to date pauses restored from the audit log. */
  wallNow?: () => number;
  /** Reminder base N in seconds: levels at N, 2N, 4N (default 30). */
  reminderSeconds?: number;
  /** Auto-resume after M seconds paused; 0 or absent = off (the default). */
  autoResumeSeconds?: number;
  /** Warning lead time before an auto-resume (default 10 s). */
  autoResumeWarningSeconds?: number;
  /** How often `keepPaused` may postpone the auto-resume of one pause (default 1). */
  maxPostpones?: number;
  /** Wait before retrying a failed auto-resume (default 10 s). */
  autoResumeRetrySeconds?: number;
  /** Where every request, outcome and compliance event is recorded. */
  audit?: AuditLog;
}

/**
 * A duration option in seconds → ms, refused with a RangeError naming the
 * option when not finite or outside [min, 86400] (so no timer can overflow).
 */
export function seconds(name: string, value: number | undefined, fallback: number, min: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < min || v > 86_400) {
    throw new RangeError(`${name} must be a number of seconds from ${min} to 86400, got ${String(value)}`);
  }
  return v * 1000;
}
