/** Public and internal types of the authenticity engine. Plain data: results cross worker threads. */
import type { DocumentReading, Rect } from '../document/document-reading.ts';

export const CHECK_NAMES = [
  'data_visibility',
  'image_quality',
  'feature_referencing',
  'exif_check',
  'publicity_check',
  'text_analysis',
  'biometric_analysis',
  'security_feature_check',
  'recapture_check',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export type AuthenticateModule = '1' | '2' | 'quick';

/** One check as the callback shows it. */
export type PublicCheck = { passed: boolean; reason?: string };

/** Internal detail of one check: kept out of the public block (see `publicAuthentication`). */
export type CheckDetail = {
  /** false when nothing could be measured for this document; such a check does not move the score. */
  performed: boolean;
  measurements?: Record<string, number>;
};

export type CheckResult = PublicCheck & CheckDetail;

/** The callback's `authentication` block plus `details`, which the pipeline strips. */
export type Authentication = {
  score: number;
  breakdown: Partial<Record<CheckName, PublicCheck>>;
  warning: string[];
  module: AuthenticateModule;
  details: Partial<Record<CheckName, CheckDetail>>;
  /** Time each check took (the first check that needs faces also pays for detecting them). */
  timingsMs: Partial<Record<CheckName, number>>;
};

/** A face found on the document image (the face engine's detections, reduced to what matters here). */
export type PortraitFace = { box: Rect; score: number };

export type AuthenticateInput = {
  front: Uint8Array;
  back?: Uint8Array;
  reading: DocumentReading;
  module: AuthenticateModule;
  now: Date;
  /**
   * Every face the face engine found on the front image, in that image's pixels (after EXIF
   * rotation). Absent: the engine runs face detection itself when biometric_analysis runs.
   */
  portraitFaces?: PortraitFace[];
  /** Data directory holding `authenticity/known-documents.json` added with the CLI. */
  dataDir?: string;
};
