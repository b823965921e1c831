/** Public types of the face engine. Plain data only: results cross worker-thread boundaries. */

export interface FaceBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Why a comparison could not produce an identity decision (or a video failed its checks). */
export type FaceFailureCode =
  | 'document_no_face'
  | 'document_multiple_faces'
  | 'document_face_too_small'
  | 'document_face_blurred'
  | 'selfie_no_face'
  | 'selfie_multiple_faces'
  | 'selfie_face_too_small'
  | 'selfie_face_blurred'
  | 'selfie_eyes_closed'
  | 'image_unreadable'
  | 'video_unreadable'
  | 'video_no_frames'
  | 'video_multiple_people'
  | 'video_challenge_not_followed'
  | 'video_extraction_not_performed'
  | 'face_mismatch'
  // Presentation attacks (presentation-attack.ts): the selfie is not a live picture of a person.
  | 'selfie_document_replay'
  | 'selfie_document_in_frame'
  | 'selfie_screen_replay'
  | 'selfie_print_attack'
  | 'selfie_liveness_low';

export interface FaceFailure {
  code: FaceFailureCode;
  /** Human reason, suitable for the DocuPass failure text (fail code 3 "Biometric verification failed"). */
  reason: string;
}

export interface FaceQuality {
  /** Face width in pixels as analysed (large photos are scaled down to 1280 px first). */
  faceWidth: number;
  /** Variance of the Laplacian on the face normalised to 128 px wide; low = blurred. */
  sharpness: number;
  /** Mean eye aspect ratio of both eyes from the 68-point landmarks; low = eyes closed. */
  eyeOpenness: number;
}

export interface FaceDetection {
  /** Face box in the submitted image's pixels (after EXIF rotation). */
  box: FaceBox;
  /** Detector score 0–1. */
  score: number;
  /** Number of faces the detector found in the image (before choosing this one). */
  facesFound: number;
  quality: FaceQuality;
  /** Head pose in degrees (from the 68 landmarks): yaw > 0 = the person turned to their left. */
  pose: { yaw: number; pitch: number; roll: number };
  /** Size of the submitted image (after EXIF rotation) that `box` refers to. */
  imageWidth: number;
  imageHeight: number;
}

export interface FaceSignals {
  /** @vladmandic/human antispoof score 0–1 (1 = real); uncalibrated here, informative only. */
  antispoof?: number;
  /** @vladmandic/human liveness score 0–1 (1 = live); uncalibrated here, informative only. */
  liveness?: number;
  /** Own measurable signal: sharpness of the selfie face (low values are typical of screen replays/printouts). */
  selfieSharpness?: number;
  /** Own measurable signal: fraction of near-saturated pixels on the selfie face (screen glare). */
  selfieGlare?: number;
  /** Own measurable signal (video): spread of head yaw across frames in degrees; ~0 for a held-up still photo. */
  yawRange?: number;
  /** Presentation-attack detection: every check, its status and its measurements. */
  presentationAttack?: PresentationAttackResult;
}

/** One presentation-attack check. `not_performed` never counts as a pass nor as an attack. */
export interface AttackCheck {
  status: 'passed' | 'failed' | 'not_performed';
  /** Set when failed. */
  code?: FaceFailureCode;
  /** Why it failed, or why it could not be performed. */
  reason?: string;
  measurements: Record<string, number>;
}

export interface PresentationAttackResult {
  /** `attack` when any check failed; `bona_fide` when every check ran and passed; else `incomplete`. */
  decision: 'attack' | 'bona_fide' | 'incomplete';
  /** The liveness threshold applied (session option `liveness_threshold`). */
  livenessThreshold: number;
  checks: {
    /** Is the selfie's face the document's own portrait (aligned-crop correlation, descriptor distance)? */
    documentReplay: AttackCheck;
    /** Does the selfie show a document (MRZ band, card outline around the face)? */
    documentInFrame: AttackCheck;
    /** Screen or print recapture traits (periodic pixel grid or halftone, bezel, emissive colours, gamut). */
    recapture: AttackCheck;
    /** @vladmandic/human passive antispoof and liveness scores against the threshold. */
    liveness: AttackCheck;
  };
}

export interface FaceComparison {
  isIdentical: boolean;
  /** Calibrated 0–1 score from the descriptor distance; see confidence-from-distance.ts for its meaning. */
  confidence: number;
  /** Euclidean distance of the 128-d dlib descriptors (NaN when not compared). */
  distance: number;
  threshold: number;
  document: FaceDetection | null;
  selfie: FaceDetection | null;
  failure?: FaceFailure;
  signals: FaceSignals;
  /** Descriptor of the selfie face, to store for a later 1:N search (never in a public response). */
  selfieEmbedding?: number[];
}

export interface CompareFacesInput {
  document: Uint8Array;
  documentPortraitBox?: FaceBox;
  selfie: Uint8Array;
  threshold: number;
  /** Compute antispoof/liveness with @vladmandic/human (default true). */
  signals?: boolean;
  /** Liveness threshold 0–1 (session option `liveness_threshold`); default LIVENESS_THRESHOLD. */
  livenessThreshold?: number;
  /**
   * Presentation-attack checks (default true). Only engine tests of identity matching that feed
   * the same photo to both sides turn them off; the pipeline never does.
   */
  attackChecks?: boolean;
}

export type EmbedResult = { embedding: number[]; detection: FaceDetection } | { failure: FaceFailure; detection: FaceDetection | null };

export interface SearchCandidate {
  id: string;
  embedding: number[];
}

export interface SearchHit {
  id: string;
  confidence: number;
  distance: number;
}

export interface SelfieVideoInput {
  video?: Uint8Array;
  frames?: Uint8Array[];
  /** Sequence of head turns the user was asked to perform, e.g. ['left', 'right']. */
  challenge: string[];
  document: Uint8Array;
  documentPortraitBox?: FaceBox;
  threshold: number;
  /** Liveness threshold 0–1 (session option `liveness_threshold`); default LIVENESS_THRESHOLD. */
  livenessThreshold?: number;
}

export interface YawSample {
  /** Index of the frame in the analysed sequence. */
  frame: number;
  /** Yaw in degrees (> 0 = the person turned to their left), null when no single face was found. */
  yaw: number | null;
  faces: number;
}

export interface SelfieVideoResult {
  passed: boolean;
  challengeFollowed: boolean;
  singlePerson: boolean;
  comparison: FaceComparison | null;
  /** Best frame (frontal, sharp) as JPEG: the "single frame photo" of the reference. */
  bestFrame: Uint8Array | null;
  yawTrack: YawSample[];
  /** How the frames were obtained. */
  frameSource: 'ffmpeg' | 'client' | 'none';
  failure?: FaceFailure;
}
