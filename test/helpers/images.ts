import sharp from 'sharp';

/** A small real JPEG made at test time (a grey card with a darker block), for intake tests. */
export async function makeJpeg(width = 640, height = 400): Promise<Buffer> {
  const block = await sharp({ create: { width: Math.round(width / 4), height: Math.round(height / 2), channels: 3, background: '#404060' } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: '#d8d8d0' } })
    .composite([{ input: block, left: Math.round(width / 10), top: Math.round(height / 4) }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

export async function makePng(width = 300, height = 200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#88aa66' } }).png().toBuffer();
}
