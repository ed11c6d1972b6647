/**
 * Newline-delimited JSON on the per-user socket between the native host and the app: one message per line,
 * a line cap so a peer cannot make us buffer without bound, and nothing else.
 */

/** Longest line either side accepts (our messages are a few hundred bytes). */
export const MAX_LINE_BYTES = 64 * 1024;

/** A streaming line splitter. */
export interface LineDecoder {
  push(chunk: Buffer): void;
}

/** Calls `onLine` with each parsed JSON line; `onError` once (and stops) on an over-long line or bad JSON. */
export function createLineDecoder(
  onLine: (value: unknown) => void,
  onError: (error: 'too-long' | 'not-json') => void,
  maxBytes = MAX_LINE_BYTES,
): LineDecoder {
  let pending = '';
  let stopped = false;
  const fail = (error: 'too-long' | 'not-json'): void => {
    stopped = true;
    pending = '';
    onError(error);
  };
  return {
    push(chunk: Buffer): void {
      if (stopped) return;
      pending += chunk.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0 && !stopped) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (Buffer.byteLength(line) > maxBytes) return fail('too-long');
        if (line.trim() !== '') {
          let value: unknown;
          try {
            value = JSON.parse(line);
          } catch {
            return fail('not-json');
          }
          onLine(value);
        }
        newline = pending.indexOf('\n');
      }
      if (Buffer.byteLength(pending) > maxBytes) fail('too-long');
    },
  };
}

/** One message as a line. */
export function encodeLine(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}
