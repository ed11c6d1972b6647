/**
 * The headless CLI's stdin lines: commands come through as they are typed,
 * and a line longer than a command can be is dropped as it streams (only its
 * length is kept), whatever the chunking — so no input can grow memory or
 * reach V8's string limit.
 */

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boundedLines, type InputLine } from '../../../../main/cli/headless/input-lines.ts';

async function linesOf(chunks: (string | Buffer)[], maxBytes?: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const line of boundedLines(Readable.from(chunks), maxBytes)) out.push(line);
  return out;
}

describe('boundedLines', () => {
  it('splits commands at newlines across chunks, keeping a last line without a newline', async () => {
    expect(await linesOf(['tog', 'gle\nans', 'wer\r\n\nquit'])).toEqual([
      { text: 'toggle' },
      { text: 'answer\r' },
      { text: '' },
      { text: 'quit' },
    ]);
  });

  it('a line over the bound is one "too long" with its length, and the next line is read as usual', async () => {
    expect(await linesOf(['pause\n', 'x'.repeat(6), 'y'.repeat(6), '\nresume\n'], 10)).toEqual([
      { text: 'pause' },
      { tooLong: 12 },
      { text: 'resume' },
    ]);
    // Exactly the bound is still a line; one byte more is not.
    expect(await linesOf(['abcdefghij\nabcdefghijk\n'], 10)).toEqual([
      { text: 'abcdefghij' },
      { tooLong: 11 },
    ]);
  });

  it('a huge line in many chunks keeps no more than the bound (its bytes are counted, not held)', async () => {
    const chunk = Buffer.alloc(1 << 20, 0x34); // 1 MiB of '4': a card number would look like this
    async function* huge(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 64; i++) yield chunk;
      yield Buffer.from('\nhold\n');
    }
    const out: InputLine[] = [];
    for await (const line of boundedLines(huge())) out.push(line);
    expect(out).toEqual([{ tooLong: 64 << 20 }, { text: 'hold' }]);
  });

  it('multi-byte characters split across chunks come out whole', async () => {
    const bytes = Buffer.from('pausé\n');
    expect(await linesOf([bytes.subarray(0, 5), bytes.subarray(5)])).toEqual([{ text: 'pausé' }]);
  });
});
