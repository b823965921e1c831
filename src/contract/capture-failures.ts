/**
 * Why a check of the last attempt failed, as the capture app sees it: the check, its DocuPass fail
 * code and a stable reason key the app turns into a sentence in the person's language. Never
 * personal data (no names, numbers or dates read from the document). No zod here: the browser
 * bundle imports this file.
 */

/**
 * Reasons of a failed face check (fail code 3): the face engine's failure codes, the same words,
 * plus `face_not_checked` when the check failed without one (no selfie result at all).
 */
export const FACE_REASONS = [
  'face_mismatch',
  'selfie_document_replay',
  'selfie_document_in_frame',
  'selfie_screen_replay',
  'selfie_print_attack',
  'selfie_liveness_low',
  'selfie_no_face',
  'selfie_multiple_faces',
  'selfie_face_too_small',
  'selfie_face_blurred',
  'selfie_eyes_closed',
  'document_no_face',
  'document_multiple_faces',
  'document_face_too_small',
  'document_face_blurred',
  'image_unreadable',
  'video_unreadable',
  'video_no_frames',
  'video_multiple_people',
  'video_challenge_not_followed',
  'video_extraction_not_performed',
  'face_not_checked',
] as const;
export type FaceReason = (typeof FACE_REASONS)[number];

/** Face reasons that blame the document's photo rather than the selfie: the retry asks for the document. */
export const DOCUMENT_FACE_REASONS: readonly FaceReason[] = ['document_no_face', 'document_multiple_faces', 'document_face_too_small', 'document_face_blurred'];

/**
 * One failed check. `check` is the `verification.result` key (`face`, `notexpired`, `name`, …) or
 * `unread` for a document that could not be read; `reason` is a FaceReason for `face`, and the
 * check's own key for every other check.
 */
export type CheckFailure = { check: string; code: number; reason: string };
