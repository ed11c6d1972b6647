/**
 * Durations and times in the agent's language, with `Intl` only (Node 20 has no `Intl.DurationFormat`):
 * `2 min 5 s`, `2 Min., 5 Sek.`, `2 د و5 ث` — units from `Intl.NumberFormat` (unit style), joined by
 * `Intl.ListFormat` (unit list). Whole seconds; a negative duration reads as zero.
 */

/** How a duration is spelled: `short` (`2 min 5 sec`) or `long` (`2 minutes, 5 seconds`, for screen readers). */
export type DurationStyle = 'short' | 'long';

/** `ms` as hours, minutes and seconds in `locale` (zero parts left out; zero itself is `0 s`). */
export function formatDuration(ms: number, locale: string, style: DurationStyle = 'short'): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const parts: [number, 'hour' | 'minute' | 'second'][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const shown = parts.filter(([n]) => n > 0);
  const words = (shown.length > 0 ? shown : [[0, 'second'] as const]).map(([n, unit]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: style }).format(n),
  );
  return new Intl.ListFormat(locale, { type: 'unit', style: style === 'long' ? 'long' : 'narrow' }).format(
    words,
  );
}

/** A time of day (`14:05`, `2:05 PM`) in `locale`, in the given IANA time zone (default: the runtime's). */
export function formatTime(epochMs: number, locale: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(
    epochMs,
  );
}
