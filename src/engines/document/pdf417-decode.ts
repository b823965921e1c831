import fs from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { rotateGray, type GrayImage } from './image-normalise.ts';
import { MIN_TURN_TILT, pageTilt, SAME_TILT } from './page-tilt.ts';

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;

/** Loads the bundled reader .wasm once per thread; the package's default would fetch it from a CDN. */
function prepare(): Promise<unknown> {
  ready ??= (async () => {
    const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasmBinary = fs.readFileSync(wasmPath);
    return prepareZXingModule({ overrides: { wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.length) }, fireImmediately: true });
  })();
  return ready;
}

/**
 * Finds and decodes a PDF417 symbol at any right-angle rotation; a symbol tilted by a few
 * degrees (a hand-held photo) defeats the decoder's row scan, so tilts are tried next.
 * `accept`: whether a decode makes sense (it parses as an AAMVA record, say); a symbol read
 * askew can come out garbled yet pass the decoder's own checks, so the search goes on past
 * one that does not, and returns the first decode only when no other makes sense either.
 */
export async function decodePdf417(img: GrayImage, accept: (raw: string) => boolean = () => true): Promise<string | undefined> {
  let first = await decodeOnce(img);
  if (first !== undefined && accept(first)) return first;
  // The page's measured tilt first (rows of bars project like lines of text), then fixed tilts.
  const measured = -(await pageTilt(img)).upright;
  const tilts = Math.abs(measured) >= MIN_TURN_TILT ? [measured, ...[-4, 4, -8, 8].filter((t) => Math.abs(t - measured) >= SAME_TILT)] : [-4, 4, -8, 8];
  for (const tilt of tilts) {
    const hit = await decodeOnce(await rotateGray(img, tilt));
    if (hit === undefined) continue;
    if (accept(hit)) return hit;
    first ??= hit;
  }
  return first;
}

async function decodeOnce(img: GrayImage): Promise<string | undefined> {
  await prepare();
  const rgba = new Uint8ClampedArray(img.width * img.height * 4);
  for (let i = 0; i < img.data.length; i++) {
    const v = img.data[i]!;
    rgba[i * 4] = v; rgba[i * 4 + 1] = v; rgba[i * 4 + 2] = v; rgba[i * 4 + 3] = 255;
  }
  const imageData = { data: rgba, width: img.width, height: img.height, colorSpace: 'srgb' } as unknown as ImageData;
  const results = await readBarcodes(imageData, { formats: ['PDF417'], tryHarder: true, tryRotate: true, maxNumberOfSymbols: 1, textMode: 'Plain' });
  const hit = results.find((r) => r.isValid);
  return hit?.text;
}
