import { resizeGray, type GrayImage } from './image-normalise.ts';
import { textTiltDegrees } from './mrz-locate.ts';

/** The tilt of a page's text (degrees, clockwise positive), upright and quarter-turned clockwise. */
export type PageTilt = { upright: number; quarter: number };

/** A measured tilt under this is not worth turning the page for (the readers' own deskew takes it). */
export const MIN_TURN_TILT = 1.5;
/** A fixed tilt this close to the measured one would repeat it. */
export const SAME_TILT = 2;

/** Width the text tilt is measured at: enough for a quarter-degree over the page's width. */
const ESTIMATE_WIDTH = 360;
const measured = new WeakMap<GrayImage, Promise<PageTilt>>();

/**
 * Measured once per image: the barcode search and the MRZ search both turn the page by it.
 * The quarter-turned tilt is measured on the turned page (text running down the page does not
 * project into rows).
 */
export function pageTilt(img: GrayImage): Promise<PageTilt> {
  let p = measured.get(img);
  if (!p) {
    p = (async () => {
      const small = img.width > ESTIMATE_WIDTH ? await resizeGray(img, ESTIMATE_WIDTH) : img;
      return { upright: textTiltDegrees(small), quarter: textTiltDegrees(turnClockwise(small)) };
    })();
    measured.set(img, p);
  }
  return p;
}

/** A quarter turn clockwise, as `rotateGray(img, 90)` gives, without a round trip through sharp. */
function turnClockwise(img: GrayImage): GrayImage {
  const { data, width: W, height: H } = img;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[x * H + (H - 1 - y)] = data[y * W + x]!;
  return { data: out, width: H, height: W };
}
