/**
 * The core's logging port. The desktop app plugs in its rotating log file,
 * the CLI writes to stderr, tests collect lines; the core never decides where
 * logs go. Every line passes through the redactor first (see
 * {@link redactingLogger}), so an implementation may write what it receives.
 */

import { redactFields, redactText } from './redact.ts';

/** Structured context of a log line (call id, HTTP status, …); never secrets. */
export type LogFields = Record<string, unknown>;

/** Levels, quietest first. `debug` is protocol chatter; `error` needs a person. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything (the default when none is given). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Wraps `target` so every message and every field is redacted (password,
 * cookies, CSRF token, Authorization — by pattern, and the current literal
 * values `secrets()` returns) before it gets there. A throwing target is
 * ignored: logging must never break the core.
 */
export function redactingLogger(target: Logger, secrets: () => readonly string[] = () => []): Logger {
  const write =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      try {
        const known = secrets();
        const safeFields = fields === undefined ? undefined : (redactFields(fields, known) as LogFields);
        target[level](redactText(message, known), safeFields);
      } catch {
        // A broken log sink must not take the core down with it.
      }
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
