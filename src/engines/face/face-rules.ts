import type { FaceFailure, FaceFailureCode } from './face-types.ts';

/**
 * Acceptance rules for one image's faces, pure so they can be unit-tested. Thresholds:
 * - MIN_FACE_WIDTH: the descriptor is computed on a 150 px chip; below ~40 px the face carries
 *   too little detail (the 240p Obama still in the calibration set, 49 px wide, still matches).
 * - second face: a selfie fails when another face is at least 25% of the main face's area (a
 *   second person close to the camera); a document only when it is at least 50%, because ID
 *   cards carry a small "ghost" copy of the portrait.
 * - MIN_SHARPNESS: Laplacian variance on the face at 128 px width. Measured here: every face of
 *   the shared photos ≥ 72, a printed card portrait ~50, the same faces after a Gaussian blur of
 *   a fortieth of the face width ~6–15.
 * - MIN_EYE_OPENNESS: eye aspect ratio; open eyes measure ~0.25–0.35, closed ones < ~0.15.
 */
export const MIN_FACE_WIDTH = 40;
export const SELFIE_SECOND_FACE_AREA = 0.25;
export const DOCUMENT_SECOND_FACE_AREA = 0.5;
export const MIN_SHARPNESS = 15;
export const MIN_EYE_OPENNESS = 0.15;

export type FaceRole = 'document' | 'selfie';

/** Every face failure maps to DocuPass fail code 3, "Biometric verification failed". */
export const DOCUPASS_FAIL_CODE_BIOMETRIC = 3;

const REASONS: Record<FaceFailureCode, string> = {
  document_no_face: 'No face was found on the document.',
  document_multiple_faces: 'More than one face was found on the document.',
  document_face_too_small: 'The face on the document is too small to compare.',
  document_face_blurred: 'The face on the document is too blurred to compare.',
  selfie_no_face: 'No face was found in the selfie.',
  selfie_multiple_faces: 'More than one person is visible in the selfie.',
  selfie_face_too_small: 'The face in the selfie is too small; move closer to the camera.',
  selfie_face_blurred: 'The selfie is too blurred; hold the camera still in good light.',
  selfie_eyes_closed: 'The eyes appear closed in the selfie.',
  image_unreadable: 'The image could not be read.',
  video_unreadable: 'The selfie video could not be read.',
  video_no_frames: 'No usable frame was found in the selfie video.',
  video_multiple_people: 'More than one person appears in the selfie video, or the person changed.',
  video_challenge_not_followed: 'The head movements in the video do not follow the requested challenge.',
  video_extraction_not_performed: 'Frame extraction was not performed: ffmpeg is not installed and no frames were supplied.',
  face_mismatch: 'The face in the selfie does not match the document.',
  selfie_document_replay: 'The selfie appears to be a photo of the identity document, not a live picture of you.',
  selfie_document_in_frame: 'The selfie shows an identity document; take a picture of your face only.',
  selfie_screen_replay: 'The selfie appears to be a picture of a screen, not a live picture of you.',
  selfie_print_attack: 'The selfie appears to be a photo of a printed picture, not a live picture of you.',
  selfie_liveness_low: 'The selfie could not be confirmed as a live picture of you; take a new selfie in good light, facing the camera.',
};

export function faceFailure(code: FaceFailureCode): FaceFailure {
  return { code, reason: REASONS[code] };
}

export interface FaceCandidate {
  area: number;
  width: number;
}

/** Index of the face to use (the largest), or the failure that prevents using any. */
export function chooseFace(role: FaceRole, faces: FaceCandidate[]): { index: number } | { failure: FaceFailure } {
  if (faces.length === 0) return { failure: faceFailure(`${role}_no_face`) };
  const order = faces.map((f, i) => ({ ...f, i })).sort((a, b) => b.area - a.area);
  const main = order[0]!;
  const second = order[1];
  const ratio = role === 'selfie' ? SELFIE_SECOND_FACE_AREA : DOCUMENT_SECOND_FACE_AREA;
  if (second && second.area >= ratio * main.area) return { failure: faceFailure(`${role}_multiple_faces`) };
  if (main.width < MIN_FACE_WIDTH) return { failure: faceFailure(`${role}_face_too_small`) };
  return { index: main.i };
}

/** Quality failure of the chosen face, if any. Eyes are checked on the selfie only. */
export function qualityFailure(role: FaceRole, q: { sharpness: number; eyeOpenness: number }): FaceFailure | undefined {
  if (q.sharpness < MIN_SHARPNESS) return faceFailure(`${role}_face_blurred`);
  if (role === 'selfie' && q.eyeOpenness < MIN_EYE_OPENNESS) return faceFailure('selfie_eyes_closed');
  return undefined;
}
