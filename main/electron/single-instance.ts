import { app } from 'electron';

/**
 * The single-instance lock: a second launch of the app must not start a
 * second core (two sessions for one agent, two hotkeys); it hands over to the
 * first, which shows and focuses its window.
 *
 * Returns false when another instance holds the lock: the caller quits at
 * once. Otherwise `onSecondInstance` runs on each later launch.
 */
export function acquireSingleInstance(onSecondInstance: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}
