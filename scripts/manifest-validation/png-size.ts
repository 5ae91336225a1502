/** Width and height of a PNG, read from its IHDR chunk (no decoding needed). */

export class PngReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PngReadError';
  }
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function readPngSize(bytes: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new PngReadError('not a PNG file (no PNG signature)');
  // The PNG spec requires IHDR to be the first chunk: length (4) + type (4) + width (4) + height (4).
  if (buf.length < 24) throw new PngReadError('truncated PNG (no complete IHDR chunk)');
  if (buf.toString('latin1', 12, 16) !== 'IHDR') throw new PngReadError('malformed PNG (first chunk is not IHDR)');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  if (width === 0 || height === 0) throw new PngReadError(`malformed PNG (IHDR says ${width}×${height})`);
  return { width, height };
}
