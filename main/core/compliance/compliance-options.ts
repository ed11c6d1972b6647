/**
 * The options of `withCompliance` as callers give them, and the checked
 * settings its units run on (durations in ms). An out-of-range duration is
 * refused with a RangeError naming the option, at construction, so a typo in
 * a managed settings file fails loudly instead of arming a timer that
 * overflows or a reminder that never comes.
 */

import { systemClock, type Clock } from '../ports/clock.ts';
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

/** The options resolved: defaults filled in, durations checked and in ms. */
export interface ComplianceSettings {
  clock: Clock;
  wallNow: () => number;
  /** Reminder base N. */
  reminderMs: number;
  /** Auto-resume after this long paused; undefined = off. */
  autoResumeMs: number | undefined;
  /** Warning lead before an auto-resume. */
  warnMs: number;
  /** Wait before retrying a failed auto-resume. */
  retryMs: number;
  maxPostpones: number;
  audit: AuditLog | undefined;
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

/** {@link ComplianceOptions} → {@link ComplianceSettings}; throws a RangeError naming a bad option. */
export function complianceSettings(options: ComplianceOptions): ComplianceSettings {
  return {
    clock: options.clock ?? systemClock,
    wallNow: options.wallNow ?? Date.now,
    reminderMs: seconds('reminderSeconds', options.reminderSeconds, 30, 1),
    autoResumeMs: seconds('autoResumeSeconds', options.autoResumeSeconds, 0, 0) || undefined,
    warnMs: seconds('autoResumeWarningSeconds', options.autoResumeWarningSeconds, 10, 0),
    retryMs: seconds('autoResumeRetrySeconds', options.autoResumeRetrySeconds, 10, 1),
    maxPostpones: options.maxPostpones ?? 1,
    audit: options.audit,
  };
}
