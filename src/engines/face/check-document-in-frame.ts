import { locateDocument } from '../document/locate-document.ts';
import { locateMrz } from '../document/mrz-locate.ts';
import type { GrayImage } from '../document/image-normalise.ts';
import type { RgbImage } from './decode-image.ts';
import type { AttackCheck, FaceBox } from './face-types.ts';

/**
 * A selfie that shows an identity document: its machine-readable zone (2–3 long, evenly spaced
 * text lines, found by the document engine's own locator), or a card/page outline with an ID
 * aspect ratio holding the face off-centre, where documents print the portrait. A live selfie has neither; a photo of the
 * whole document has one or both. The document engine's locators are used read-only.
 */
export const DOCUMENT_IN_FRAME = {
  /** MRZ lines must be this wide relative to the face (an MRZ is ~6× a portrait face's width). */
  minMrzToFace: 1.5,
  /** Outline: at least this share of its edges backed by image edges. */
  minOutlineConfidence: 0.6,
  /** Face width as a share of the outline's width: a printed portrait face, not a person in a doorway. */
  faceToOutline: [0.05, 0.4] as [number, number],
  /** The face's centre at least this far (share of the outline's width) from the outline's middle. */
  minPortraitOffCentre: 0.15,
};

export function grayOf(img: RgbImage): GrayImage {
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0, j = 0; i < data.length; i++, j += 3) data[i] = (img.data[j]! * 77 + img.data[j + 1]! * 150 + img.data[j + 2]! * 29) >> 8;
  return { data, width: img.width, height: img.height };
}

/** `face` in the image's own pixels (the analysed, possibly downscaled image), or undefined when no face was found. */
export function checkDocumentInFrame(img: RgbImage, face: FaceBox | undefined): AttackCheck {
  const gray = grayOf(img);
  const mrz = locateMrz(gray).filter((c) => !face || c.box.w >= face.w * DOCUMENT_IN_FRAME.minMrzToFace);
  const m: Record<string, number> = { mrzLines: mrz[0]?.lines ?? 0 };
  let outline = false;
  // The outline decides only around a face: without one, the costly outline search is not run.
  const loc = face ? locateDocument(gray) : { corners: undefined, confidence: 0, aspect: 0 };
  if (loc.corners) {
    const xs = loc.corners.map((c) => c[0]);
    const ys = loc.corners.map((c) => c[1]);
    const w = Math.max(...xs) - Math.min(...xs);
    m.outlineConfidence = loc.confidence;
    m.outlineAspect = Math.round((loc.aspect ?? 0) * 100) / 100;
    if (face) {
      const cx = face.x + face.w / 2;
      const cy = face.y + face.h / 2;
      const inside = cx > Math.min(...xs) && cx < Math.max(...xs) && cy > Math.min(...ys) && cy < Math.max(...ys);
      const share = face.w / Math.max(1, w);
      const across = (cx - Math.min(...xs)) / Math.max(1, w);
      m.faceToOutline = Math.round(share * 1000) / 1000;
      m.faceAcrossOutline = Math.round(across * 100) / 100;
      const [lo, hi] = DOCUMENT_IN_FRAME.faceToOutline;
      // A document prints its portrait to one side of its data; a face framed in the middle of a
      // rectangle is a person in a window or a doorway, or a letterboxed picture.
      const offCentre = Math.abs(across - 0.5) >= DOCUMENT_IN_FRAME.minPortraitOffCentre;
      outline = inside && offCentre && loc.confidence >= DOCUMENT_IN_FRAME.minOutlineConfidence && share >= lo && share <= hi;
    }
  }
  m.outlineAroundFace = outline ? 1 : 0;
  if (mrz.length > 0 || outline) {
    return { status: 'failed', code: 'selfie_document_in_frame', reason: mrz.length > 0 ? 'a machine-readable zone is visible in the selfie' : 'a document outline surrounds the face in the selfie', measurements: m };
  }
  return { status: 'passed', measurements: m };
}
