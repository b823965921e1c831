import { analyzeDecoded, type FaceAnalysis } from './analyze-face.ts';
import { checkChallenge } from './check-challenge.ts';
import { analyzeDocument, decide, failed } from './compare-faces.ts';
import { distanceForConfidence, euclidean } from './confidence-from-distance.ts';
import { decodeImage, encodeJpeg, type RgbImage } from './decode-image.ts';
import { extractVideoFrames, ffmpegAvailable } from './extract-video-frames.ts';
import { faceFailure, SELFIE_SECOND_FACE_AREA } from './face-rules.ts';
import type { FaceFailure, SelfieVideoInput, SelfieVideoResult, YawSample } from './face-types.ts';
import { humanFaces, type HumanFace } from './human-face.ts';
import { attackFailure, detectPresentationAttack } from './presentation-attack.ts';

/** Frames analysed at most; a 10 s clip at 4 fps. More frames only cost time. */
export const MAX_VIDEO_FRAMES = 40;
const FRAME_SIDE = 640;

interface Frame {
  image: RgbImage;
  main: HumanFace | null;
  faces: number;
}

/**
 * Selfie video (biometric 2): one person throughout, head yaw follows the random challenge, the
 * person matches the document; the most frontal frame becomes the face image.
 */
export async function analyzeSelfieVideo(input: SelfieVideoInput): Promise<SelfieVideoResult> {
  const base = { passed: false, challengeFollowed: false, singlePerson: false, comparison: null, bestFrame: null, yawTrack: [] as YawSample[] };
  const got = await obtainFrames(input);
  if ('failure' in got) return { ...base, frameSource: got.source, failure: got.failure };
  const { frames: raw, source } = got;

  const frames: Frame[] = [];
  for (const bytes of sample(raw, MAX_VIDEO_FRAMES)) {
    let image: RgbImage;
    try {
      image = await decodeImage(bytes, { maxSide: FRAME_SIDE });
    } catch {
      continue;
    }
    const faces = (await humanFaces(image)).sort((a, b) => area(b) - area(a));
    const significant = faces.filter((f) => area(f) >= SELFIE_SECOND_FACE_AREA * area(faces[0]!));
    frames.push({ image, main: faces[0] ?? null, faces: significant.length });
  }
  const yawTrack: YawSample[] = frames.map((f, i) => ({ frame: i, yaw: f.faces === 1 ? f.main!.yaw : null, faces: f.faces }));
  const withFace = frames.filter((f) => f.faces === 1);
  if (withFace.length === 0) return { ...base, yawTrack, frameSource: source, failure: faceFailure('video_no_frames') };

  const challenge = checkChallenge(yawTrack.map((y) => y.yaw), input.challenge);
  const yaws = withFace.map((f) => f.main!.yaw);
  const yawRange = Math.round((Math.max(...yaws) - Math.min(...yaws)) * 10) / 10;

  // Best frame: the most frontal single-face frame that passes the selfie quality rules.
  const order = frames.map((f, i) => ({ f, i })).filter((x) => x.f.faces === 1).sort((a, b) => Math.abs(a.f.main!.yaw) - Math.abs(b.f.main!.yaw));
  let best: { analysis: FaceAnalysis; index: number } | null = null;
  let bestFailure: FaceFailure | undefined;
  for (const { f, i } of order.slice(0, 3)) {
    const a = await analyzeDecoded(f.image, 'selfie');
    if (!a.failure) {
      best = { analysis: a, index: i };
      break;
    }
    bestFailure ??= a.failure;
  }
  const doc = await analyzeDocument(input.document, input.documentPortraitBox);
  if (doc.failure) return { ...base, yawTrack, frameSource: source, comparison: failed(input.threshold, doc, null, doc.failure), failure: doc.failure };
  if (!best) {
    const failure = bestFailure ?? faceFailure('video_no_frames');
    return { ...base, yawTrack, frameSource: source, comparison: failed(input.threshold, doc, null, failure), failure };
  }

  const countOk = frames.every((f) => f.faces <= 1);
  const samePerson = await sameIdentityAcrossFrames(best.analysis, challenge.matchedFrames.filter((i) => i >= 0 && i !== best.index).map((i) => frames[i]!.image), input.threshold);
  const singlePerson = countOk && samePerson;
  const m = frames[best.index]!.main!;
  const signals = {
    selfieSharpness: best.analysis.detection!.quality.sharpness,
    ...(best.analysis.glare !== null ? { selfieGlare: best.analysis.glare } : {}),
    ...(m.antispoof !== undefined ? { antispoof: m.antispoof } : {}),
    ...(m.liveness !== undefined ? { liveness: m.liveness } : {}),
    yawRange,
  };
  // The best frame goes through the same presentation-attack checks as a photo selfie: a video
  // of the document, of a screen or of a print is refused whatever the head did.
  const pad = detectPresentationAttack(doc, best.analysis, signals, input.livenessThreshold);
  const comparison = decide(input.threshold, doc, best.analysis, { ...signals, presentationAttack: pad });
  const attack = attackFailure(pad);
  const failure = attack
    ?? (!singlePerson
      ? faceFailure('video_multiple_people')
      : !challenge.followed
        ? faceFailure('video_challenge_not_followed')
        : comparison.failure);
  if (attack) Object.assign(comparison, { isIdentical: false, failure: attack });
  return {
    passed: !attack && comparison.isIdentical && challenge.followed && singlePerson,
    challengeFollowed: challenge.followed,
    singlePerson,
    comparison,
    bestFrame: await encodeJpeg(frames[best.index]!.image),
    yawTrack,
    frameSource: source,
    ...(failure ? { failure } : {}),
  };
}

async function obtainFrames(input: SelfieVideoInput): Promise<{ frames: Uint8Array[]; source: 'ffmpeg' | 'client' } | { failure: FaceFailure; source: 'ffmpeg' | 'client' | 'none' }> {
  if (input.frames && input.frames.length > 0) return { frames: input.frames, source: 'client' };
  if (!input.video || input.video.length === 0) return { failure: faceFailure('video_no_frames'), source: 'none' };
  if (!ffmpegAvailable()) return { failure: faceFailure('video_extraction_not_performed'), source: 'none' };
  try {
    const frames = await extractVideoFrames(input.video, { maxFrames: MAX_VIDEO_FRAMES });
    return frames.length > 0 ? { frames, source: 'ffmpeg' } : { failure: faceFailure('video_no_frames'), source: 'ffmpeg' };
  } catch {
    return { failure: faceFailure('video_unreadable'), source: 'ffmpeg' };
  }
}

/**
 * The turned-head frames must show the same person as the best frame: a swap between the frontal
 * shot and the turns fails even when each frame holds one face. Frames where the descriptor
 * cannot be computed (a near-profile view) are not counted against the user.
 */
async function sameIdentityAcrossFrames(best: FaceAnalysis, others: RgbImage[], threshold: number): Promise<boolean> {
  const limit = distanceForConfidence(threshold);
  for (const img of others) {
    const a = await analyzeDecoded(img, 'selfie');
    if (!a.descriptor) continue;
    if (euclidean(a.descriptor, best.descriptor!) > limit) return false;
  }
  return true;
}

function sample<T>(xs: T[], max: number): T[] {
  if (xs.length <= max) return xs;
  return Array.from({ length: max }, (_, i) => xs[Math.floor((i * xs.length) / max)]!);
}

const area = (f: HumanFace): number => f.box.w * f.box.h;
