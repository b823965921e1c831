import sharp from 'sharp';
import type { Box, GrayImage } from './image-normalise.ts';
import { ocrPlainText } from './mrz-ocr.ts';

/** Width the printed zone is read at: enough for 8-point print on a card filling the frame. */
const TEXT_WIDTH = 1400;

/** The side's printed text (upright image), with the MRZ blanked so it is not read twice. */
export async function readPrintedText(img: GrayImage, mrzBox?: Box): Promise<string> {
  let data = img.data;
  if (mrzBox) {
    data = new Uint8Array(img.data);
    const x0 = Math.max(0, Math.floor(mrzBox.x)), x1 = Math.min(img.width, Math.ceil(mrzBox.x + mrzBox.w));
    for (let y = Math.max(0, Math.floor(mrzBox.y)); y < Math.min(img.height, Math.ceil(mrzBox.y + mrzBox.h)); y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  const png = await sharp(data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize({ width: Math.min(TEXT_WIDTH, img.width) })
    .normalise()
    .png()
    .toBuffer();
  return ocrPlainText(png);
}
