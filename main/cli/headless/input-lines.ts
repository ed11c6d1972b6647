/**
 * Lines of the headless CLI's stdin, with a bound on their length. A command
 * is one short word; a line longer than the bound is dropped as it streams
 * (only its length is kept) and reported as too long, so a hostile or runaway
 * input (a 600 MB line) neither grows memory nor reaches V8's string limit —
 * which, through `readline`, threw "Invalid string length" once per chunk and
 * exited without ending the contact-center session. Backpressure is the
 * stream's own: the next chunk is read when the previous line was handled.
 */

/** One line of input: its text, or a line over the bound (only its length in bytes is kept). */
export type InputLine = { text: string } | { tooLong: number };

/** Longest command line kept, in bytes. */
export const MAX_COMMAND_BYTES = 4096;

const NEWLINE = 0x0a;

/** The line being gathered: kept pieces, or the count of bytes dropped once over the bound. */
interface Pending {
  pieces: Buffer[];
  size: number;
  dropped: number;
}

/** Adds `piece` to the line; past `maxBytes` everything of this line is dropped and counted. */
function gather(line: Pending, piece: Buffer, maxBytes: number): void {
  if (piece.length === 0) return;
  if (line.dropped > 0) {
    line.dropped += piece.length;
  } else if (line.size + piece.length > maxBytes) {
    line.dropped = line.size + piece.length;
    line.pieces = [];
    line.size = 0;
  } else {
    line.pieces.push(piece);
    line.size += piece.length;
  }
}

/** The finished line, and the pending state emptied for the next one. */
function finish(line: Pending): InputLine {
  const done: InputLine =
    line.dropped > 0 ? { tooLong: line.dropped } : { text: Buffer.concat(line.pieces).toString('utf8') };
  line.pieces = [];
  line.size = 0;
  line.dropped = 0;
  return done;
}

/** The lines of `input` (split at `\n`); a last line without a newline counts too. */
export async function* boundedLines(
  input: AsyncIterable<Buffer | string>,
  maxBytes = MAX_COMMAND_BYTES,
): AsyncGenerator<InputLine> {
  const line: Pending = { pieces: [], size: 0, dropped: 0 };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      gather(line, bytes.subarray(start, end), maxBytes);
      yield finish(line);
      start = end + 1;
    }
    gather(line, bytes.subarray(start), maxBytes);
  }
  if (line.size > 0 || line.dropped > 0) yield finish(line);
}
