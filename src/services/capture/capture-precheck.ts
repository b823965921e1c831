import sharp from 'sharp';
import { fileTypeFromBuffer } from 'file-type';
import type { ServiceDeps } from '../deps.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import type { DocumentReading } from '../../engines/document/document-reading.ts';
import type { Authentication } from '../../engines/authenticity/authentication-types.ts';
import type { EmbedResult } from '../../engines/face/face-types.ts';

/**
 * What the capture app can tell the person about a photo before it is used, while they can still
 * take another. Every problem is a stable key the app translates; nothing here decides the
 * verification (the pipeline still runs every check on what is finally submitted).
 */
export type PrecheckProblem =
  | 'pdf'
  | 'unsupported'
  | 'too_large'
  | 'unreadable'
  | 'no_document'
  | 'blurred'
  | 'glare'
  | 'too_small'
  | 'too_dark'
  | 'cut_off'
  | 'wrong_side'
  | 'type_not_accepted'
  | 'country_not_accepted'
  | 'no_face'
  | 'several_faces'
  | 'eyes_closed'
  | 'face_too_small'
  | 'face_blurred';

export type PrecheckRole = 'document' | 'document_back' | 'face';

export type PrecheckResult = {
  role: PrecheckRole;
  ok: boolean;
  problems: PrecheckProblem[];
  /** P passport, I identity card, D driving licence, when the front was read. */
  documentType?: 'P' | 'I' | 'D';
  /** Whether the read document has a back side worth asking for (false for a passport page). */
  needsBack?: boolean;
  /** Checks that could not run (engine unavailable, time budget spent): the photo is not blamed. */
  notPerformed?: string[];
};

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif']);
/** A precheck should answer within about two seconds: the document read gets most of it. */
const READ_BUDGET_MS = 1500;
/** Mean luminance (0–255) under which a selfie is too dark to judge a face. */
const MIN_SELFIE_MEAN = 45;
/** A face wider than this share of the picture on the document step: a selfie, not a document. */
const FACE_NOT_DOCUMENT = 0.22;

/** The file itself: a PDF, another format, or over the size limit, named so the person can fix it. */
export async function fileProblem(bytes: Buffer, maxBytes: number): Promise<PrecheckProblem | undefined> {
  if (bytes.length > maxBytes) return 'too_large';
  const type = await fileTypeFromBuffer(bytes);
  if (type?.mime === 'application/pdf') return 'pdf';
  if (!type || !IMAGE_TYPES.has(type.mime)) return 'unsupported';
  return undefined;
}

function qualityProblems(reason: string | undefined): PrecheckProblem[] {
  if (!reason || /^Not performed/.test(reason)) return [];
  const out: PrecheckProblem[] = [];
  if (/blurred/.test(reason)) out.push('blurred');
  if (/glare/.test(reason)) out.push('glare');
  if (/resolution too low/.test(reason)) out.push('too_small');
  if (/underexposed/.test(reason)) out.push('too_dark');
  return out;
}

/** A document outline touching the picture's edge: part of the document is outside the photo. */
function cutOff(reading: DocumentReading): boolean {
  const side = reading.sides[0];
  if (!side?.documentCorners || !side.width || !side.height) return false;
  const mx = side.width * 0.005;
  const my = side.height * 0.005;
  return side.documentCorners.some(([x, y]) => x <= mx || y <= my || x >= side.width - mx || y >= side.height - my);
}

function documentLetter(reading: DocumentReading): 'P' | 'I' | 'D' | undefined {
  if (reading.documentKind === 'TD3') return 'P';
  if (reading.documentKind === 'AAMVA') return 'D';
  const t = reading.data.documentType?.toUpperCase();
  return t === 'P' || t === 'I' || t === 'D' ? t : undefined;
}

/** Nothing read yet: the image-quality check then measures the document region it finds itself. */
const NOT_READ: DocumentReading = { data: {}, fieldSources: {}, sides: [], failure: { reason: 'not read yet' } };
/** A read still running by then is left to finish in the pool; the answer goes without it. */
const READ_WAIT_MS = 6000;

const within = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);

async function precheckDocument(deps: ServiceDeps, role: PrecheckRole, bytes: Buffer, o: CreateOptions): Promise<PrecheckResult> {
  const nowMs = deps.clock();
  const image = new Uint8Array(bytes);
  const notPerformed: string[] = [];
  // Pixels first (under a second): a blurred, glared, dark or tiny document is named without a
  // read, which on such photos spends many seconds finding nothing. Module 1 with no portrait
  // faces runs the pixel checks only, no face detection.
  const auth = (await deps.engines
    .run('authenticity.check', { front: image, reading: NOT_READ, module: '1', nowMs, portraitFaces: [], dataDir: deps.config.dataDir })
    .catch(() => (notPerformed.push('image_quality'), undefined))) as Authentication | undefined;
  const problems = qualityProblems(auth?.breakdown.image_quality?.reason);
  const result: PrecheckResult = { role, ok: problems.length === 0, problems, ...(notPerformed.length ? { notPerformed } : {}) };
  if (problems.length) return result;
  const reading = (await within(deps.engines.run('document.read', { front: image, nowMs, budgetMs: Math.min(READ_BUDGET_MS, deps.config.documentReadBudgetMs) }), READ_WAIT_MS).catch(() => undefined)) as DocumentReading | undefined;
  if (!reading) return { ...result, notPerformed: [...notPerformed, 'document_read'] };
  if (reading.failure) {
    // Nothing read and nothing wrong with the pixels: a photo of a person, or no document at all.
    const face = (await within(deps.engines.run('face.embed', { image }), READ_WAIT_MS).catch(() => undefined)) as EmbedResult | undefined;
    const box = face?.detection?.box;
    const bigFace = !!box && !!face?.detection && box.w / face.detection.imageWidth > FACE_NOT_DOCUMENT;
    const passportOnly = o.documenttype?.length === 1 && o.documenttype[0] === 'P';
    if (bigFace || (passportOnly && role === 'document')) return { ...result, ok: false, problems: ['no_document'] };
    // An identity card's front carries no machine-readable zone: it may be fine; the pipeline decides.
    return result;
  }
  const letter = documentLetter(reading);
  if (cutOff(reading)) problems.push('cut_off');
  if (role === 'document' && letter !== 'P' && reading.data.documentSide === 'BACK' && reading.documentKind === 'AAMVA') problems.push('wrong_side');
  if (role === 'document_back' && letter === 'P') problems.push('wrong_side');
  if (letter && o.documenttype?.length && !o.documenttype.includes(letter)) problems.push('type_not_accepted');
  const iso2 = reading.data.issuerOrg_iso2;
  if (iso2 && o.documentcountry?.length && !o.documentcountry.includes(iso2)) problems.push('country_not_accepted');
  return { ...result, ok: problems.length === 0, problems, ...(letter ? { documentType: letter, needsBack: letter !== 'P' } : {}) };
}

const FACE_PROBLEMS: Record<string, PrecheckProblem> = {
  selfie_no_face: 'no_face',
  selfie_multiple_faces: 'several_faces',
  selfie_eyes_closed: 'eyes_closed',
  selfie_face_too_small: 'face_too_small',
  selfie_face_blurred: 'face_blurred',
  image_unreadable: 'unreadable',
};

async function precheckSelfie(deps: ServiceDeps, bytes: Buffer): Promise<PrecheckResult> {
  const problems: PrecheckProblem[] = [];
  const stats = await sharp(bytes).rotate().resize({ width: 320, withoutEnlargement: true }).greyscale().stats();
  if ((stats.channels[0]?.mean ?? 255) < MIN_SELFIE_MEAN) problems.push('too_dark');
  const face = (await deps.engines.run('face.embed', { image: new Uint8Array(bytes) })) as EmbedResult;
  const p = 'failure' in face && face.failure ? FACE_PROBLEMS[face.failure.code] : undefined;
  // In the dark the detector misses the face: "too dark" is the cause worth telling.
  if (p && !(p === 'no_face' && problems.includes('too_dark'))) problems.push(p);
  return { role: 'face', ok: problems.length === 0, problems };
}

/** The precheck of one photo for one capture step of a session. */
export async function precheckCapture(deps: ServiceDeps, o: CreateOptions, role: PrecheckRole, bytes: Buffer): Promise<PrecheckResult> {
  const bad = await fileProblem(bytes, deps.config.maxUploadBytes);
  if (bad) return { role, ok: false, problems: [bad] };
  try {
    await sharp(bytes).metadata();
  } catch {
    return { role, ok: false, problems: ['unreadable'] };
  }
  return role === 'face' ? precheckSelfie(deps, bytes) : precheckDocument(deps, role, bytes, o);
}
