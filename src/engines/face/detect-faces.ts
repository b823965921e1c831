import { loadFaceApi } from './face-models.ts';
import { padImage, type RgbImage } from './decode-image.ts';
import type { FaceBox } from './face-types.ts';
import type { Point } from './face-geometry.ts';

export interface RawFace {
  box: FaceBox;
  score: number;
  landmarks: Point[];
  descriptor: Float32Array;
}

/** Detector score below which a detection is ignored (face-api's own default is 0.5). */
export const MIN_DETECTION_SCORE = 0.5;

/**
 * Which detector runs first. 'ssd' (the default): SSD MobileNet v1, ~450 ms of CPU per photo
 * here (fixed 512×512 input), which alone exceeds a 400 ms budget. 'fast': the Tiny Face
 * Detector (416 px, ~120 ms) first, SSD only when Tiny finds nothing. Measured on the shared
 * pairs, 'fast' halves the time but loses accuracy (99.4% vs 100%, TAR at 0.1% FAR 94.6% vs
 * 100%) and misses faces in group photos and small document portraits, so it is opt-in only.
 */
export type DetectorMode = 'fast' | 'ssd';
let detectorMode: DetectorMode = 'ssd';
export function setDetectorMode(mode: DetectorMode): void {
  detectorMode = mode;
}

/**
 * Detects every face, aligns it with the 68-point landmarks and computes its dlib ResNet
 * descriptor. When nothing is found the image is padded and searched again with SSD, because
 * detectors miss faces that fill the whole frame (tight crops).
 */
export async function detectFaces(img: RgbImage, opts: { withDescriptors?: boolean; minScore?: number } = {}): Promise<RawFace[]> {
  const minScore = opts.minScore ?? MIN_DETECTION_SCORE;
  const withDescriptors = opts.withDescriptors ?? true;
  if (detectorMode === 'fast') {
    const quick = await runDetector(img, withDescriptors, minScore, 'tiny');
    if (quick.length > 0) return quick;
  }
  const first = await runDetector(img, withDescriptors, minScore, 'ssd');
  if (first.length > 0) return first;
  const padded = await padImage(img);
  const second = await runDetector(padded.image, withDescriptors, minScore, 'ssd');
  return second.map((f) => ({
    ...f,
    box: { ...f.box, x: f.box.x - padded.offsetX, y: f.box.y - padded.offsetY },
    landmarks: f.landmarks.map((p) => ({ x: p.x - padded.offsetX, y: p.y - padded.offsetY })),
  }));
}

async function runDetector(img: RgbImage, withDescriptors: boolean, minScore: number, detector: 'tiny' | 'ssd'): Promise<RawFace[]> {
  const api = await loadFaceApi();
  const tensor = api.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
  try {
    const options =
      detector === 'tiny'
        ? new api.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: minScore })
        : new api.SsdMobilenetv1Options({ minConfidence: minScore, maxResults: 20 });
    const task = api.detectAllFaces(tensor, options).withFaceLandmarks();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const results: any[] = withDescriptors ? await task.withFaceDescriptors() : await task;
    return results.map((r) => ({
      box: { x: r.detection.box.x, y: r.detection.box.y, w: r.detection.box.width, h: r.detection.box.height },
      score: r.detection.score,
      landmarks: r.landmarks.positions.map((p: Point) => ({ x: p.x, y: p.y })),
      descriptor: withDescriptors ? r.descriptor : new Float32Array(0),
    }));
  } finally {
    tensor.dispose();
  }
}
