/**
 * A minimal PNG reader for the asset tests: the IHDR header, and the pixels of
 * 8-bit RGBA non-interlaced images (what resvg writes), decoded with node:zlib
 * and the five PNG scanline filters. Enough to check sizes and shapes without
 * a PNG library.
 */
import { inflateSync } from 'node:zlib';

/** The fixed 8-byte PNG signature. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The IHDR fields the tests check. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 6 = RGBA, 2 = RGB, 3 = palette ... */
  colourType: number;
  interlace: number;
}

/**
 * Reads the IHDR chunk (always the first chunk, at byte 8).
 *
 * @throws Error when the bytes are not a PNG.
 */
export function readPngHeader(png: Buffer): PngHeader {
  if (png.length < 33 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png.readUInt8(24),
    colourType: png.readUInt8(25),
    interlace: png.readUInt8(28),
  };
}

/** Decoded RGBA pixels, 4 bytes per pixel, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * Decodes an 8-bit RGBA, non-interlaced PNG.
 *
 * @throws Error for any other PNG flavour (the generator only writes this one).
 */
export function decodeRgba(png: Buffer): RgbaImage {
  const header = readPngHeader(png);
  if (header.bitDepth !== 8 || header.colourType !== 6 || header.interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${header.bitDepth}, colour type ${header.colourType}`);
  }
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = header.width * 4;
  const pixels = new Uint8Array(stride * header.height);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const v = line[x]!;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter ?? -1];
      if (predictor === undefined) throw new Error(`bad PNG filter ${String(filter)}`);
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width: header.width, height: header.height, pixels };
}
