/**
 * Chrome's native messaging framing on the host's stdio: each message is a 32-bit length in native byte order
 * (little-endian on every platform Chrome ships for) followed by that many bytes of UTF-8 JSON.
 *
 * Contract: the host never writes a frame over 1 MB (Chrome's limit for host → browser; {@link encodeFrame}
 * throws instead of writing it), and refuses an incoming frame over `maxBytes` (our messages are a few hundred
 * bytes, so a huge frame is a broken or hostile peer): the decoder reports it and stops, and the host exits.
 * Frames may arrive split across chunks or several in one chunk.
 */

/** Chrome's limit for one message from the host to the browser. */
export const MAX_HOST_FRAME_BYTES = 1024 * 1024;
/** Our limit for one message from the browser (Chrome allows 64 MiB; ours are tiny). */
export const MAX_BROWSER_FRAME_BYTES = 64 * 1024;

/** Encodes one message; throws when its JSON exceeds {@link MAX_HOST_FRAME_BYTES}. */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  if (body.length > MAX_HOST_FRAME_BYTES) throw new Error(`frame of ${body.length} bytes exceeds 1 MB`);
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length, 0);
  return Buffer.concat([header, body]);
}

/** Why decoding stopped. */
export type FrameError = 'oversized' | 'not-json';

/** A streaming decoder of frames. */
export interface FrameDecoder {
  /** Feeds bytes as they arrive. */
  push(chunk: Buffer): void;
  /** True once an error stopped it. */
  readonly stopped: boolean;
}

/** Creates a decoder that calls `onMessage` per frame and `onError` once when a frame is refused. */
export function createFrameDecoder(
  onMessage: (message: unknown) => void,
  onError: (error: FrameError) => void,
  maxBytes = MAX_BROWSER_FRAME_BYTES,
): FrameDecoder {
  let buffered: Buffer = Buffer.alloc(0);
  let stopped = false;
  const stop = (error: FrameError): void => {
    stopped = true;
    buffered = Buffer.alloc(0);
    onError(error);
  };
  const drain = (): void => {
    while (!stopped && buffered.length >= 4) {
      const length = buffered.readUInt32LE(0);
      if (length > maxBytes) return stop('oversized');
      if (buffered.length < 4 + length) return;
      const body = buffered.subarray(4, 4 + length);
      buffered = buffered.subarray(4 + length);
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch {
        return stop('not-json');
      }
      onMessage(message);
    }
  };
  return {
    push(chunk: Buffer): void {
      if (stopped) return;
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      drain();
    },
    get stopped(): boolean {
      return stopped;
    },
  };
}
