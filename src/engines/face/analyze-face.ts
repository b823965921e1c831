import { decodeImage, grayCrop, type RgbImage } from './decode-image.ts';
import { detectFaces, type RawFace } from './detect-faces.ts';
import { eyeOpenness, headPose, type Point } from './face-geometry.ts';
import { chooseFace, faceFailure, MIN_SHARPNESS, qualityFailure, type FaceRole } from './face-rules.ts';
import type { FaceBox, FaceDetection, FaceFailure } from './face-types.ts';
import { laplacianVariance, saturatedFraction } from './image-stats.ts';

export interface FaceAnalysis {
  image: RgbImage | null;
  detection: FaceDetection | null;
  descriptor: Float32Array | null;
  /** Fraction of near-white pixels on the face: glare, reported as a signal. */
  glare: number | null;
  /** 68 landmarks of the chosen face in `image` pixels (for the replay check's aligned crops). */
  landmarks?: Point[];
  /** The face's descriptor even when a quality rule failed (too small, blurred): the replay check still compares it. */
  rawDescriptor?: Float32Array;
  failure?: FaceFailure;
}

/** Decodes one image, finds the face for its role, measures quality and computes the descriptor. */
export async function analyzeFaceImage(bytes: Uint8Array, role: FaceRole, opts: { crop?: FaceBox } = {}): Promise<FaceAnalysis> {
  let image: RgbImage;
  try {
    image = await decodeImage(bytes, { crop: opts.crop });
  } catch {
    return { image: null, detection: null, descriptor: null, glare: null, failure: faceFailure('image_unreadable') };
  }
  return analyzeDecoded(image, role);
}

export async function analyzeDecoded(image: RgbImage, role: FaceRole): Promise<FaceAnalysis> {
  const faces = await detectFaces(image);
  if (faces.length === 0) return blurredOrNoFace(image, role);
  const choice = chooseFace(role, faces.map((f) => ({ area: f.box.w * f.box.h, width: f.box.w })));
  if ('failure' in choice) {
    const biggest = [...faces].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
    const detection = biggest ? await describe(image, biggest, faces.length) : null;
    return { image, detection: detection?.detection ?? null, descriptor: null, glare: detection?.glare ?? null, landmarks: biggest?.landmarks, rawDescriptor: biggest?.descriptor, failure: choice.failure };
  }
  const face = faces[choice.index]!;
  const { detection, glare } = await describe(image, face, faces.length);
  const failure = qualityFailure(role, detection.quality);
  return { image, detection, descriptor: failure ? null : face.descriptor, glare, landmarks: face.landmarks, rawDescriptor: face.descriptor, failure };
}

/**
 * Defocus lowers the detector's score before it lowers our sharpness measure, so a blurred
 * selfie often yields no detection at all. A second, permissive pass tells the two apart: a
 * low-score face that is also below the sharpness floor is reported as blurred (actionable for
 * the user); anything else stays "no face".
 */
async function blurredOrNoFace(image: RgbImage, role: FaceRole): Promise<FaceAnalysis> {
  const weak = (await detectFaces(image, { withDescriptors: false, minScore: WEAK_DETECTION_SCORE })).sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
  if (weak) {
    const { detection, glare } = await describe(image, weak, 1);
    if (detection.quality.sharpness < MIN_SHARPNESS) return { image, detection, descriptor: null, glare, failure: faceFailure(`${role}_face_blurred`) };
  }
  return { image, detection: null, descriptor: null, glare: null, failure: faceFailure(`${role}_no_face`) };
}

const WEAK_DETECTION_SCORE = 0.2;

async function describe(image: RgbImage, face: RawFace, facesFound: number): Promise<{ detection: FaceDetection; glare: number }> {
  const crop = await grayCrop(image, face.box);
  const round = (v: number, d = 1): number => Math.round(v * 10 ** d) / 10 ** d;
  const detection: FaceDetection = {
    box: toOriginal(image, face.box),
    score: round(face.score, 3),
    facesFound,
    quality: {
      faceWidth: Math.round(face.box.w),
      sharpness: round(laplacianVariance(crop.gray, crop.width, crop.height)),
      eyeOpenness: round(eyeOpenness(face.landmarks), 3),
    },
    pose: headPose(face.landmarks),
    imageWidth: image.origin?.width ?? image.width,
    imageHeight: image.origin?.height ?? image.height,
  };
  return { detection, glare: round(saturatedFraction(crop.gray), 4) };
}

/** Box in the caller's image coordinates (before crop and downscale). */
function toOriginal(image: RgbImage, b: FaceBox): FaceBox {
  const o = image.origin ?? { scale: 1, offsetX: 0, offsetY: 0 };
  return { x: Math.round(o.offsetX + b.x * o.scale), y: Math.round(o.offsetY + b.y * o.scale), w: Math.round(b.w * o.scale), h: Math.round(b.h * o.scale) };
}
