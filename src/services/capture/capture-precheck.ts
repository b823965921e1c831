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
/**
 * Mean luminance (0–255, greyscale at 320 px) under which a selfie is too dark to judge a face.
 * Calibrated on genuine photos of ../shared/data/face-verification darkened in steps (encoded
 * values × 0.7 … 0.08; BENCHMARKS.md, "too dark"): the face detector found every face down to a
 * mean of 32 and began to lose them below (the highest mean with a face lost: 31.8); the
 * descriptor had drifted ~0.2 from the undarkened photo's by a mean of ~50. Set just above
 * where detection starts to fail.
 */
export const MIN_SELFIE_MEAN = 35;
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

/** How close (share of the picture's side) a document's outline or zone may come to the edge before it counts as cut off. */
const EDGE_MARGIN = 0.005;

/**
 * Part of the document is outside the photo: its outline (as the document engine located it)
 * touches or crosses the picture's edge, or the zones the reader found — the machine-readable
 * zone, the portrait — reach the edge, so they are truncated whether or not an outline was found.
 */
export function cutOff(reading: Pick<DocumentReading, 'sides'>): boolean {
  const side = reading.sides[0];
  if (!side?.width || !side.height) return false;
  const mx = side.width * EDGE_MARGIN;
  const my = side.height * EDGE_MARGIN;
  const outside = ([x, y]: [number, number]) => x <= mx || y <= my || x >= side.width - mx || y >= side.height - my;
  if (side.documentCorners?.some(outside)) return true;
  return [side.mrzBox, side.portraitBox].some((b) => !!b && (outside([b.x, b.y]) || outside([b.x + b.w, b.y + b.h])));
}

/**
 * Which side of the document the photo shows, by what the reader found on it, not by the step
 * it was sent for: a TD1 card's machine-readable zone and a licence's PDF417 barcode are printed
 * on the back; a passport page, a TD2/French card's zone, or a front read from its print (ID
 * card or licence front) are fronts. Undefined when the reading does not say.
 */
export function shownSide(reading: Pick<DocumentReading, 'mrz' | 'barcode' | 'documentKind' | 'data' | 'sides'>): 'front' | 'back' | undefined {
  if (reading.mrz?.format === 'TD1' || reading.barcode || reading.documentKind === 'AAMVA') return 'back';
  if (reading.mrz) return 'front';
  if (reading.documentKind === 'DL_EU' || reading.data.documentSide === 'FRONT' || reading.data.documentSide === 'BIODATA') return 'front';
  return undefined;
}

function documentLetter(reading: DocumentReading): 'P' | 'I' | 'D' | undefined {
  if (reading.documentKind === 'TD3') return 'P';
  if (reading.documentKind === 'AAMVA') return 'D';
  const t = reading.data.documentType?.toUpperCase();
  return t === 'P' || t === 'I' || t === 'D' ? t : undefined;
}

/** Nothing read yet: the image-quality check then measures the document region it finds itself. */
const NOT_READ: DocumentReading = { data: {}, fieldSources: {}, sides: [], failure: { reason: 'not read yet' } };
/**
 * A read still running by then is left to finish in the pool; the answer goes without it (and
 * says so in notPerformed). The operator's document read budget, when longer, is waited for.
 */
const READ_WAIT_MS = 6000;
const waitMs = (deps: Pick<ServiceDeps, 'config'>): number => Math.max(READ_WAIT_MS, deps.config.documentReadBudgetMs);

const within = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);

async function precheckDocument(deps: Pick<ServiceDeps, 'clock' | 'config' | 'engines'>, role: PrecheckRole, bytes: Buffer, o: CreateOptions): Promise<PrecheckResult> {
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
  const reading = (await within(deps.engines.run('document.read', { front: image, nowMs, budgetMs: Math.min(READ_BUDGET_MS, deps.config.documentReadBudgetMs) }), waitMs(deps)).catch(() => undefined)) as DocumentReading | undefined;
  if (!reading) return { ...result, notPerformed: [...notPerformed, 'document_read'] };
  if (reading.failure) {
    // Nothing read and nothing wrong with the pixels: a photo of a person, or no document at all.
    const face = (await within(deps.engines.run('face.embed', { image }), waitMs(deps)).catch(() => undefined)) as EmbedResult | undefined;
    const box = face?.detection?.box;
    const bigFace = !!box && !!face?.detection && box.w / face.detection.imageWidth > FACE_NOT_DOCUMENT;
    const passportOnly = o.documenttype?.length === 1 && o.documenttype[0] === 'P';
    if (bigFace || (passportOnly && role === 'document')) return { ...result, ok: false, problems: ['no_document'] };
    // An identity card's front carries no machine-readable zone: it may be fine; the pipeline decides.
    return result;
  }
  const letter = documentLetter(reading);
  if (cutOff(reading)) problems.push('cut_off');
  let side = shownSide(reading);
  // Some cards print a TD1 zone on the portrait side too: on the front step, a TD1 zone is the
  // back only when the photo shows no face (a card front always carries its holder's portrait).
  if (role === 'document' && side === 'back' && reading.mrz?.format === 'TD1') {
    const face = await faceFound(deps, image);
    if (face === undefined) notPerformed.push('face_detection');
    if (face !== false) side = undefined;
  }
  if ((role === 'document' && side === 'back') || (role === 'document_back' && side === 'front')) problems.push('wrong_side');
  if (letter && o.documenttype?.length && !o.documenttype.includes(letter)) problems.push('type_not_accepted');
  const iso2 = reading.data.issuerOrg_iso2;
  if (iso2 && o.documentcountry?.length && !o.documentcountry.includes(iso2)) problems.push('country_not_accepted');
  return { ...result, ok: problems.length === 0, problems, ...(notPerformed.length ? { notPerformed } : {}), ...(letter ? { documentType: letter, needsBack: letter !== 'P' } : {}) };
}

/** Whether the face engine finds any face in the photo (undefined when it could not tell in time). */
async function faceFound(deps: Pick<ServiceDeps, 'config' | 'engines'>, image: Uint8Array): Promise<boolean | undefined> {
  const face = (await within(deps.engines.run('face.embed', { image }), waitMs(deps)).catch(() => undefined)) as EmbedResult | undefined;
  if (!face) return undefined;
  return !!face.detection || !('failure' in face && face.failure?.code === 'selfie_no_face');
}

const FACE_PROBLEMS: Record<string, PrecheckProblem> = {
  selfie_no_face: 'no_face',
  selfie_multiple_faces: 'several_faces',
  selfie_eyes_closed: 'eyes_closed',
  selfie_face_too_small: 'face_too_small',
  selfie_face_blurred: 'face_blurred',
  image_unreadable: 'unreadable',
};

async function precheckSelfie(deps: Pick<ServiceDeps, 'engines'>, bytes: Buffer): Promise<PrecheckResult> {
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
export async function precheckCapture(deps: Pick<ServiceDeps, 'clock' | 'config' | 'engines'>, o: CreateOptions, role: PrecheckRole, bytes: Buffer): Promise<PrecheckResult> {
  const bad = await fileProblem(bytes, deps.config.maxUploadBytes);
  if (bad) return { role, ok: false, problems: [bad] };
  try {
    await sharp(bytes).metadata();
  } catch {
    return { role, ok: false, problems: ['unreadable'] };
  }
  return role === 'face' ? precheckSelfie(deps, bytes) : precheckDocument(deps, role, bytes, o);
}
