import sharp from 'sharp';

/**
 * Difference hash: the image shrunk to 9×8 grey, one bit per horizontal neighbour pair (left
 * brighter than right). Survives re-compression, scaling and mild colour changes; 64 bits as hex.
 */
export async function dHash(input: Uint8Array | { gray: Uint8Array; width: number; height: number }): Promise<string> {
  const img = input instanceof Uint8Array
    ? sharp(input, { failOn: 'none' }).rotate()
    : sharp(input.gray, { raw: { width: input.width, height: input.height, channels: 1 } });
  const px = await img.grayscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  return dHashFromPixels(px);
}

export function dHashFromPixels(px: Uint8Array): string {
  let hex = '';
  for (let y = 0; y < 8; y++) {
    let byte = 0;
    for (let x = 0; x < 8; x++) byte = (byte << 1) | (px[y * 9 + x]! > px[y * 9 + x + 1]! ? 1 : 0);
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

/** Number of differing bits between two 64-bit hex hashes. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 2) {
    let x = parseInt(a.slice(i, i + 2), 16) ^ parseInt(b.slice(i, i + 2), 16);
    for (; x; x &= x - 1) d++;
  }
  return d;
}
