import { loadFaceApi, type FaceApi } from './face-models.ts';
import { padImage, type RgbImage } from './decode-image.ts';
import type { FaceBox } from './face-types.ts';
import type { Point } from './face-geometry.ts';
import { detectSsd } from './ssd-detector.ts';

export interface RawFace {
  box: FaceBox;
  score: number;
  landmarks: Point[];
  descriptor: Float32Array;
}

/** Detector score below which a detection is ignored (face-api's own default is 0.5). */
export const MIN_DETECTION_SCORE = 0.5;

/**
 * Input size of the SSD detector. face-api runs it at 512 px, which alone cost ~300–450 ms of
 * CPU per photo here; at 320 px it costs ~40% of that. Measured on the shared pairs and the
 * generated document-card pairs (BENCHMARKS.md, face section), 320 keeps both accuracy aims;
 * 512 is still tried whenever 320 finds nothing (small faces), so a face that 512 alone would
 * find is not lost. `setSsdInputSize(512)` restores face-api's behaviour (the bench compares both).
 */
export const DEFAULT_SSD_INPUT_SIZE = 320;
const FULL_SSD_INPUT_SIZE = 512;
let ssdInputSize = DEFAULT_SSD_INPUT_SIZE;
export function setSsdInputSize(size: number): void {
  if (!Number.isInteger(size) || size < 128 || size > 1024) throw new Error(`SSD input size out of range: ${size}`);
  ssdInputSize = size;
}

/**
 * Detects every face, computes its 68-point landmarks and (unless told not to) its dlib ResNet
 * descriptor from the face chip aligned on those landmarks, as face-api's
 * detectAllFaces().withFaceLandmarks().withFaceDescriptors() does.
 *
 * Detectors miss faces that fill the whole frame (tight crops such as a document portrait box),
 * so when nothing is found the image is padded and searched again; then the same at 512 px.
 *
 * `inputSize` fixes the SSD input for callers that need the small faces too, not just the main
 * one: at 320 px a face under ~1/10 of the image side (a document's ghost image) can be missed
 * while the main face is found. The authenticity check's ghost-image search passes 512.
 */
export async function detectFaces(img: RgbImage, opts: { withDescriptors?: boolean; minScore?: number; inputSize?: number } = {}): Promise<RawFace[]> {
  const minScore = opts.minScore ?? MIN_DETECTION_SCORE;
  const withDescriptors = opts.withDescriptors ?? true;
  const first = opts.inputSize ?? ssdInputSize;
  const sizes = first === FULL_SSD_INPUT_SIZE ? [first] : [first, FULL_SSD_INPUT_SIZE];
  let padded: Awaited<ReturnType<typeof padImage>> | undefined;
  for (const size of sizes) {
    const found = await runDetector(img, withDescriptors, minScore, size);
    if (found.length > 0) return found;
    padded ??= await padImage(img);
    const second = await runDetector(padded.image, withDescriptors, minScore, size);
    if (second.length > 0) {
      const { offsetX, offsetY } = padded;
      return second.map((f) => ({
        ...f,
        box: { ...f.box, x: f.box.x - offsetX, y: f.box.y - offsetY },
        landmarks: f.landmarks.map((p) => ({ x: p.x - offsetX, y: p.y - offsetY })),
      }));
    }
  }
  return [];
}

async function runDetector(img: RgbImage, withDescriptors: boolean, minScore: number, inputSize: number): Promise<RawFace[]> {
  const api = await loadFaceApi();
  const tensor = api.tf.tensor3d(img.data, [img.height, img.width, 3], 'int32');
  try {
    const found = await detectSsd(api, tensor, { inputSize, minScore, maxResults: 20 });
    const faces: RawFace[] = [];
    for (const d of found) {
      if (d.box.w < 1 || d.box.h < 1) continue;
      const landmarks = await landmarksOf(api, tensor, d.box);
      faces.push({
        box: d.box,
        score: d.score,
        landmarks: landmarks.positions.map((p: Point) => ({ x: p.x, y: p.y })),
        descriptor: withDescriptors ? await descriptorOf(api, tensor, landmarks) : new Float32Array(0),
      });
    }
    return faces;
  } finally {
    tensor.dispose();
  }
}

/** 68 landmarks (face-api FaceLandmarks68, in image pixels) from the face box's crop. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function landmarksOf(api: FaceApi, tensor: any, box: FaceBox): Promise<any> {
  const [crop] = await api.extractFaceTensors(tensor, [new api.Rect(box.x, box.y, box.w, box.h)]);
  try {
    return (await api.nets.faceLandmark68Net.detectLandmarks(crop)).shiftBy(box.x, box.y);
  } finally {
    crop.dispose();
  }
}

/** dlib ResNet descriptor of the chip aligned on the landmarks (face-api's dlib alignment). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function descriptorOf(api: FaceApi, tensor: any, landmarks: any): Promise<Float32Array> {
  const [chip] = await api.extractFaceTensors(tensor, [landmarks.align(null, { useDlibAlignment: true })]);
  try {
    return await api.nets.faceRecognitionNet.computeFaceDescriptor(chip);
  } finally {
    chip.dispose();
  }
}
