/**
 * How the headless CLI exits: whatever asks first — `quit` or the end of
 * stdin, a signal, a closed stdout, the server refusing the credentials, an
 * exception nobody caught — the contact-center session is ended
 * (EndContactCenterSession, through the clean-up) before the process exits,
 * and every later request waits for that same clean-up instead of exiting
 * under it. A probe found the gap this closes: a second fatal error exited at
 * once while the first one's sign-out was still on the wire.
 *
 * The clean-up is bounded (a dead network must not keep the CLI alive), and
 * the worst exit code asked for wins (a fatal error during `quit` exits 1).
 */

import { describeValue } from '../../core/ports/redact.ts';

/** Upper bound on the clean-up before exiting anyway. */
export const EXIT_GRACE_MS = 5_000;

/** Dependencies of {@link createExitGuard} (tests replace the process's). */
export interface ExitGuardDeps {
  exit?: (code: number) => void;
  stderr?: (line: string) => void;
  graceMs?: number;
}

/** The exit path of one CLI run. */
export interface ExitGuard {
  /** The clean-up that ends the session; set as soon as there is a session to end. */
  setCleanup(cleanup: () => Promise<unknown>): void;
  /** Runs the clean-up once (bounded), then exits; resolves when the exit was called. */
  exit(code: number): Promise<void>;
  /** A handler for `uncaughtException` and `unhandledRejection`: one line on stderr, then exit 1. */
  fatal(kind: string): (error: unknown) => void;
}

/** Builds the guard of one run. */
export function createExitGuard(deps: ExitGuardDeps = {}): ExitGuard {
  const exitProcess = deps.exit ?? ((code: number) => process.exit(code));
  // With the real process, the code also stands if the loop drains before the bounded wait ends.
  const noteCode = deps.exit ? () => undefined : (code: number) => void (process.exitCode = code);
  const stderr = deps.stderr ?? ((line: string) => void process.stderr.write(line));
  const graceMs = deps.graceMs ?? EXIT_GRACE_MS;
  let cleanup: (() => Promise<unknown>) | undefined;
  let code = 0;
  let ending: Promise<void> | undefined;

  const exit = (wanted: number): Promise<void> => {
    if (code === 0) code = wanted;
    noteCode(code);
    ending ??= endThenExit(() => cleanup, graceMs).then(() => exitProcess(code));
    return ending;
  };
  return {
    setCleanup(next) {
      cleanup = next;
    },
    exit,
    fatal: (kind) => (error) => {
      stderr(`headless: fatal ${kind}: ${describeValue(error)}\n`);
      void exit(1);
    },
  };
}

/** Runs the clean-up there is when the exit begins; a failure or a hang past `graceMs` is not waited for. */
async function endThenExit(
  cleanup: () => (() => Promise<unknown>) | undefined,
  graceMs: number,
): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
    timer.unref();
  });
  const run = Promise.resolve()
    .then(() => cleanup()?.())
    .catch(() => undefined);
  await Promise.race([run, bound]);
  clearTimeout(timer);
}
