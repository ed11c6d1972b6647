/**
 * The reminder ladder as plain arithmetic: level 1 after N of pause, level 2
 * after 2N, level 3 after 4N. Pure, so the layer's timers only decide *when*
 * to look, never *what* is due.
 */

import type { ReminderLevel } from './compliance-events.ts';

/** Multiples of N at which levels 1, 2 and 3 fall due. */
export const REMINDER_MULTIPLES = [1, 2, 4] as const;

/** The highest level due after `pausedForMs` with base `baseMs`, or 0 for none yet. */
export function dueLevel(pausedForMs: number, baseMs: number): 0 | ReminderLevel {
  if (pausedForMs >= REMINDER_MULTIPLES[2] * baseMs) return 3;
  if (pausedForMs >= REMINDER_MULTIPLES[1] * baseMs) return 2;
  if (pausedForMs >= REMINDER_MULTIPLES[0] * baseMs) return 1;
  return 0;
}

/** Clock ms at which the level after `fired` falls due, or undefined after level 3. */
export function nextLevelAt(
  pausedSince: number,
  baseMs: number,
  fired: 0 | ReminderLevel,
): number | undefined {
  if (fired === 3) return undefined;
  return pausedSince + REMINDER_MULTIPLES[fired] * baseMs;
}
