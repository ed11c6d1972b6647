/**
 * Chrome's stdio framing: frames split across chunks or packed together decode to the same messages, a frame
 * over our limit stops the decoder, and the host never writes a frame over Chrome's 1 MB.
 */

import { describe, expect, it } from 'vitest';
import { createFrameDecoder, encodeFrame, MAX_HOST_FRAME_BYTES } from '../../../main/native-host/framing.ts';
import { createLineDecoder } from '../../../main/native-host/ndjson.ts';

function collect(maxBytes?: number) {
  const messages: unknown[] = [];
  const errors: string[] = [];
  const decoder = createFrameDecoder(
    (m) => messages.push(m),
    (e) => errors.push(e),
    maxBytes,
  );
  return { messages, errors, decoder };
}

describe('native messaging framing', () => {
  it('encodes a 4-byte little-endian length and UTF-8 JSON', () => {
    const frame = encodeFrame({ state: 'paused ✓' });
    const body = JSON.stringify({ state: 'paused ✓' });
    expect(frame.readUInt32LE(0)).toBe(Buffer.byteLength(body));
    expect(frame.subarray(4).toString('utf8')).toBe(body);
  });

  it('decodes frames split byte by byte and frames packed in one chunk', () => {
    const { messages, decoder } = collect();
    const both = Buffer.concat([encodeFrame({ a: 1 }), encodeFrame({ b: 'é' })]);
    for (const byte of both) decoder.push(Buffer.from([byte]));
    decoder.push(Buffer.concat([encodeFrame({ c: 3 }), encodeFrame({ d: 4 })]));
    expect(messages).toEqual([{ a: 1 }, { b: 'é' }, { c: 3 }, { d: 4 }]);
  });

  it('refuses an oversized frame from its header alone and stops', () => {
    const { messages, errors, decoder } = collect(1024);
    const header = Buffer.alloc(4);
    header.writeUInt32LE(1025, 0);
    decoder.push(header);
    decoder.push(encodeFrame({ after: true }));
    expect(errors).toEqual(['oversized']);
    expect(messages).toEqual([]);
    expect(decoder.stopped).toBe(true);
  });

  it('accepts a frame of exactly the limit', () => {
    const { messages, errors, decoder } = collect(20);
    const frame = encodeFrame('x'.repeat(18));
    expect(frame.length - 4).toBe(20);
    decoder.push(frame);
    expect(errors).toEqual([]);
    expect(messages).toHaveLength(1);
  });

  it('refuses a frame that is not JSON', () => {
    const { errors, decoder } = collect();
    const body = Buffer.from('{nope');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(body.length, 0);
    decoder.push(Buffer.concat([header, body]));
    expect(errors).toEqual(['not-json']);
  });

  it('never writes a frame over 1 MB to the browser', () => {
    expect(() => encodeFrame('x'.repeat(MAX_HOST_FRAME_BYTES))).toThrow(/exceeds 1 MB/);
    expect(() => encodeFrame('x'.repeat(MAX_HOST_FRAME_BYTES - 2))).not.toThrow();
  });
});

describe('socket lines', () => {
  it('splits lines across chunks and refuses an over-long line', () => {
    const lines: unknown[] = [];
    const errors: string[] = [];
    const decoder = createLineDecoder(
      (l) => lines.push(l),
      (e) => errors.push(e),
      32,
    );
    decoder.push(Buffer.from('{"a":'));
    decoder.push(Buffer.from('1}\n{"b":2}\n'));
    expect(lines).toEqual([{ a: 1 }, { b: 2 }]);
    decoder.push(Buffer.from('x'.repeat(40)));
    expect(errors).toEqual(['too-long']);
  });

  it('refuses an over-long line that arrives whole', () => {
    const errors: string[] = [];
    const decoder = createLineDecoder(
      () => undefined,
      (e) => errors.push(e),
      32,
    );
    decoder.push(Buffer.from(`"${'x'.repeat(40)}"\n`));
    expect(errors).toEqual(['too-long']);
  });
});
