import { z } from 'zod';

/**
 * The capture app's web API, shared by the server (src/http/web-api) and the browser app (web/).
 * The app imports types only, so zod stays out of the browser bundle.
 */
export { CAPTURE_LANGUAGES, RTL_LANGUAGES, type CaptureLanguage } from './capture-languages.ts';
import type { CaptureLanguage } from './capture-languages.ts';
import type { CheckFailure } from './capture-failures.ts';
export { FACE_REASONS, DOCUMENT_FACE_REASONS, type CheckFailure, type FaceReason } from './capture-failures.ts';

export type CaptureStep = 'phone' | 'document' | 'document_back' | 'selfie' | 'selfie_video' | 'contract';
export type CaptureModule = 'iframe' | 'mobile' | 'redirection' | 'live';
export type HeadTurn = 'left' | 'right' | 'up' | 'down';
export type UploadRole = 'document' | 'document_back' | 'face' | 'face_video';

export type SessionView = {
  reference: string;
  kind: 'verification' | 'signature';
  module: CaptureModule;
  company: string;
  welcomeMessage?: string;
  logoUrl?: string;
  nobranding: boolean;
  language: CaptureLanguage;
  /** Steps still to do, in order. */
  steps: CaptureStep[];
  /** State of the session as the user should see it. */
  phase: 'capture' | 'processing' | 'succeeded' | 'failed' | 'expired';
  attemptsLeft: number;
  /** The user already did some steps (e.g. on another device): the app skips the welcome. */
  resumed: boolean;
  failcode?: number;
  failreason?: string;
  redirectUrl?: string;
  /** Only the document types the business accepts (P passport, D licence, I identity card). */
  documentTypes?: Array<'P' | 'D' | 'I'>;
  /** Random head-turn order the selfie video must show. */
  challenge?: HeadTurn[];
  phone?: { fixedNumber?: string; number?: string; codeSent: boolean; verified: boolean; resendInSeconds: number };
  qrUrl: string;
  url: string;
  /** Every check of the last attempt that failed (`face`, `name`, `notexpired`, …). */
  failedChecks?: string[];
  /**
   * Every failed check of the last attempt with its fail code and a stable reason key (a face
   * check says which: `face_mismatch`, `selfie_screen_replay`, `selfie_document_replay`, …).
   */
  failures?: CheckFailure[];
  /** The last failure cannot be mended by new photos (expired, country, type, age): no retry. */
  finalFailure?: boolean;
  /** The business's privacy notice (session option `privacy_notice_url`). */
  privacyNoticeUrl?: string;
  /** Countries whose documents the business accepts (ISO 3166-1 alpha-2). */
  documentCountries?: string[];
  /** Largest file the server takes; larger photos are scaled in the browser first. */
  maxUploadBytes?: number;
};

/** Answer of the precheck route (`POST /api/s/{reference}/check/{role}`). */
export type PrecheckAnswer = { role: 'document' | 'document_back' | 'face'; ok: boolean; problems: string[]; documentType?: 'P' | 'I' | 'D'; needsBack?: boolean; notPerformed?: string[] };

/** Boot data embedded in the page (a JSON script block, not executed). */
export type BootData = { reference: string; token: string; view: SessionView };

export type ApiError = { error: { code: number; message: string; reason?: string; retryAfterSeconds?: number } };

export const phoneStartBody = z.object({ number: z.string().max(40).optional(), country: z.string().regex(/^[A-Z]{2}$/).optional() });
export const phoneConfirmBody = z.object({ code: z.string().min(4).max(12) });
export const contractSignBody = z.object({
  /** PNG data URL of the drawn signature, or a typed name. */
  signaturePng: z.string().max(2_000_000).optional(),
  typedName: z.string().min(2).max(120).optional(),
  agree: z.literal(true),
});
export type PhoneStartBody = z.infer<typeof phoneStartBody>;
export type PhoneConfirmBody = z.infer<typeof phoneConfirmBody>;
export type ContractSignBody = z.infer<typeof contractSignBody>;

/** Message posted to the parent page by the iframe module. */
export type ParentMessage =
  | { source: 'idgate'; type: 'progress'; reference: string; step: string; done: number; total: number }
  | { source: 'idgate'; type: 'result'; reference: string; success: boolean; failcode?: number; failreason?: string };
