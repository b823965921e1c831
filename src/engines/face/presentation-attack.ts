import type { FaceAnalysis } from './analyze-face.ts';
import type { RgbImage } from './decode-image.ts';
import { checkDocumentInFrame } from './check-document-in-frame.ts';
import { checkDocumentReplay } from './check-document-replay.ts';
import { checkLiveness, LIVENESS_THRESHOLD } from './check-liveness.ts';
import { checkSelfieRecapture } from './check-selfie-recapture.ts';
import { faceFailure } from './face-rules.ts';
import type { AttackCheck, FaceFailure, FaceSignals, PresentationAttackResult } from './face-types.ts';

const notPerformed = (reason: string): AttackCheck => ({ status: 'not_performed', reason, measurements: {} });

/**
 * Presentation-attack detection over an analysed selfie (or a video's best frame) and the
 * document's face, in the same worker as the comparison (the models are already loaded). Each
 * check that cannot run says so; none invents a pass. Order of precedence when several fail:
 * replay of the portrait, screen or print, document in frame, low liveness. The costlier checks
 * after one that failed are skipped (reported as not performed); the liveness score is free.
 */
export function detectPresentationAttack(doc: FaceAnalysis | null, selfie: FaceAnalysis, signals: FaceSignals, livenessThreshold = LIVENESS_THRESHOLD, fine?: RgbImage): PresentationAttackResult {
  const img = selfie.image;
  const faceBox = selfie.detection && img ? toImageBox(selfie) : undefined;
  // Cheapest first, in the order of precedence: once a check has found an attack, the costlier
  // ones after it could not change the reason reported, so they are not run (said so, not passed).
  const decided = (): AttackCheck => notPerformed('not needed: an earlier check already found an attack');
  const documentReplay = doc ? checkDocumentReplay(doc, selfie) : notPerformed('no face was found on the document to compare with');
  const recapture = documentReplay.status === 'failed' ? decided() : fine || img ? checkSelfieRecapture(fine ?? img!) : notPerformed('the selfie could not be decoded');
  const documentInFrame = documentReplay.status === 'failed' || recapture.status === 'failed' ? decided() : img ? checkDocumentInFrame(img, faceBox) : notPerformed('the selfie could not be decoded');
  const checks: PresentationAttackResult['checks'] = {
    documentReplay,
    documentInFrame,
    recapture,
    liveness: selfie.detection ? checkLiveness(signals, livenessThreshold) : notPerformed('no face was found in the selfie'),
  };
  const all = Object.values(checks);
  const decision = all.some((c) => c.status === 'failed') ? 'attack' : all.every((c) => c.status === 'passed') ? 'bona_fide' : 'incomplete';
  return { decision, livenessThreshold, checks };
}

/** The failure to report for a detected attack (the first by precedence), with its complete sentence. */
export function attackFailure(r: PresentationAttackResult): FaceFailure | undefined {
  // A screen's pixel grid can pass for text lines: recapture before document-in-frame.
  const order = [r.checks.documentReplay, r.checks.recapture, r.checks.documentInFrame, r.checks.liveness];
  const hit = order.find((c) => c.status === 'failed' && c.code);
  return hit ? faceFailure(hit.code!) : undefined;
}

/** The detection box in the analysed image's pixels (detections are reported in the caller's pixels). */
function toImageBox(a: FaceAnalysis) {
  const o = a.image!.origin ?? { scale: 1, offsetX: 0, offsetY: 0 };
  const b = a.detection!.box;
  return { x: (b.x - o.offsetX) / o.scale, y: (b.y - o.offsetY) / o.scale, w: b.w / o.scale, h: b.h / o.scale };
}
