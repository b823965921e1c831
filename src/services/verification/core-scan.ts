import type { Account } from '../../database/repositories/accounts-repository.ts';
import { DomainError, ErrorCode, invalidValue, type ErrorCodeValue } from '../../domain/errors.ts';
import type { DocumentReading, DocupassData } from '../../engines/document/document-reading.ts';
import { compareSides } from '../../engines/document/compare-sides.ts';
import { toSourceBox } from '../../engines/document/side-geometry.ts';
import type { FaceComparison } from '../../engines/face/face-types.ts';
import { parseCreateOptions } from '../../domain/session/create-options.ts';
import { DEFAULT_LIVENESS_THRESHOLD } from '../../domain/verification/liveness-threshold.ts';
import { decideVerification } from '../../domain/verification/decide-verification.ts';
import type { ServiceDeps } from '../deps.ts';
import { intakeImage, type ImageSource } from '../session/intake-image.ts';
import { intakeLimits } from '../session/session-files.ts';

/** Core API error codes (9, 10, 14: the codes ID Analyzer documents), named in the shared table. */
export const CoreScanError = { DocumentNotRecognised: ErrorCode.DocumentNotRecognised, DocumentNotAccepted: ErrorCode.DocumentNotAccepted, DualSideMismatch: ErrorCode.DualSideMismatch } as const;
const coreError = (code: ErrorCodeValue, message: string) => new DomainError(code, message);

/** The parts of a Core API answer; face, verification and authentication come from later engines. */
export type CoreScanParts = {
  reading: DocumentReading;
  face?: Record<string, unknown>;
  verification?: Record<string, unknown>;
  authentication?: Record<string, unknown>;
  executionTimeMs: number;
};

export type CoreScanResponse = { result: DocupassData; confidence?: Record<string, number>; doubtful?: string[]; face?: Record<string, unknown>; verification?: Record<string, unknown>; authentication?: Record<string, unknown>; executionTime: number };

/** The seam where face, verification and authentication blocks join the document result. */
export function buildCoreResponse(p: CoreScanParts): CoreScanResponse {
  return {
    result: p.reading.data,
    // Beside `result`, never in it: how sure the reader is of each field (0..1), and which
    // fields it could not settle (a verify_* check on them does not pass silently).
    ...(p.reading.fieldConfidence ? { confidence: Object.fromEntries(Object.entries(p.reading.fieldConfidence).map(([k, c]) => [k, c.confidence])) } : {}),
    ...(p.reading.doubtful?.length ? { doubtful: [...p.reading.doubtful] } : {}),
    ...(p.face ? { face: p.face } : {}),
    ...(p.verification ? { verification: p.verification } : {}),
    ...(p.authentication ? { authentication: p.authentication } : {}),
    executionTime: Math.round(p.executionTimeMs) / 1000,
  };
}

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;

function source(raw: Record<string, unknown>, files: Record<string, Buffer>, base64: string, url: string, file: string): ImageSource | undefined {
  if (files[file]) return { kind: 'bytes', param: file, data: files[file]! };
  const b = str(raw[base64]);
  if (b) return { kind: 'base64', param: base64, data: b };
  const u = str(raw[url]);
  if (u) return { kind: 'url', param: url, url: u };
  return undefined;
}

const list = (v: unknown) => str(v)?.toUpperCase().split(',').map((s) => s.trim()).filter(Boolean);

/** `country` (ISO2 list), `region` (state/province codes) and `type` (P/D/I letters) restrict what is accepted. */
function checkAccepted(raw: Record<string, unknown>, data: DocupassData) {
  const countries = list(raw.country);
  if (countries?.length && !(data.issuerOrg_iso2 && countries.includes(data.issuerOrg_iso2))) throw coreError(CoreScanError.DocumentNotAccepted, `Documents issued by ${data.issuerOrg_iso2 ?? 'an unknown country'} are not accepted (country=${countries.join(',')})`);
  const regions = list(raw.region);
  if (regions?.length && !(data.issuerOrg_region_abbr && regions.includes(data.issuerOrg_region_abbr))) throw coreError(CoreScanError.DocumentNotAccepted, `Documents issued by region ${data.issuerOrg_region_abbr ?? 'unknown'} are not accepted`);
  const types = str(raw.type)?.toUpperCase();
  if (types && !(data.documentType && types.includes(data.documentType))) throw coreError(CoreScanError.DocumentNotAccepted, `Document type ${data.documentType ?? 'unknown'} is not accepted (type=${types})`);
}

/** `POST /` as the official CoreAPI.scan() sends it: read the document (front and optional back) in the engine pool. */
export async function coreScan(deps: Pick<ServiceDeps, 'clock' | 'config' | 'engines'>, _account: Account, raw: Record<string, unknown>, files: Record<string, Buffer>): Promise<CoreScanResponse> {
  const started = performance.now();
  const frontSrc = source(raw, files, 'file_base64', 'url', 'file');
  if (!frontSrc) throw invalidValue('file_base64', 'send the document image as `file_base64`, `url` or a `file` upload');
  const backSrc = source(raw, files, 'file_back_base64', 'url_back', 'file_back');
  const limits = intakeLimits(deps);
  const front = await intakeImage(frontSrc, limits);
  const back = backSrc ? await intakeImage(backSrc, limits) : undefined;
  const nowMs = deps.clock();
  const reading = await deps.engines.run('document.read', { front: new Uint8Array(front.data), back: back && new Uint8Array(back.data), nowMs, budgetMs: deps.config.documentReadBudgetMs, everySide: !!back && truthy(raw.dualsidecheck), visualZone: truthy(raw.authenticate) && String(raw.authenticate_module ?? '2') !== 'quick' ? 'always' : 'auto' });
  if (reading.failure) throw coreError(CoreScanError.DocumentNotRecognised, `No document could be read: ${reading.failure.reason}${await unreadableBecause(deps, front.data, reading, nowMs)}`);
  if (back && truthy(raw.dualsidecheck)) {
    const cmp = compareSides(reading);
    if (!cmp.match) throw coreError(CoreScanError.DualSideMismatch, `Front and back do not match: ${cmp.mismatches.join(', ')}`);
  }
  checkAccepted(raw, reading.data);
  const authentication = await coreAuthentication(deps, raw, { front: front.data, back: back?.data, reading, nowMs });
  const face = await coreFace(deps, raw, files, front.data, reading);
  const verification = coreVerification(raw, reading, face, nowMs);
  return buildCoreResponse({ reading, authentication, face: face?.block, verification, executionTimeMs: performance.now() - started });
}

/**
 * Why an unread document could not be read, when the image-quality check can tell: blur, glare,
 * too few pixels, darkness, or the document cut off at the picture's edge. Empty when it cannot.
 */
async function unreadableBecause(deps: Pick<ServiceDeps, 'config' | 'engines'>, front: Buffer, reading: DocumentReading, nowMs: number): Promise<string> {
  const a = (await deps.engines
    .run('authenticity.check', { front: new Uint8Array(front), reading, module: '1', nowMs, portraitFaces: [], dataDir: deps.config.dataDir })
    .catch(() => undefined)) as { breakdown: Record<string, { passed: boolean; reason?: string } | undefined> } | undefined;
  const reason = a?.breakdown.image_quality?.reason;
  if (!reason || /^Not performed/.test(reason)) return '';
  const found = [/blurred/.test(reason) && 'the photo is blurred', /glare/.test(reason) && 'glare covers part of the document', /resolution too low/.test(reason) && 'the document is too small in the photo', /underexposed/.test(reason) && 'the photo is too dark', /overexposed/.test(reason) && 'the photo is overexposed'].filter(Boolean);
  return found.length ? `. The image is not good enough: ${found.join('; ')}` : '';
}

// --- authentication (issue 4): `authenticate: true` adds the authenticity block, module 1, 2 (default) or quick.
async function coreAuthentication(deps: Pick<ServiceDeps, 'config' | 'engines'>, raw: Record<string, unknown>, doc: { front: Buffer; back?: Buffer; reading: DocumentReading; nowMs: number }): Promise<Record<string, unknown> | undefined> {
  if (!truthy(raw.authenticate)) return undefined;
  const m = str(String(raw.authenticate_module ?? '')) ?? '2';
  if (m !== '1' && m !== '2' && m !== 'quick') throw invalidValue('authenticate_module', 'expected 1, 2 or quick');
  const a = await deps.engines.run('authenticity.check', {
    front: new Uint8Array(doc.front), back: doc.back && new Uint8Array(doc.back), reading: doc.reading, module: m, nowMs: doc.nowMs, dataDir: deps.config.dataDir,
  });
  // Only the public shape: measurements and timings stay internal.
  return { score: a.score, breakdown: a.breakdown, warning: a.warning };
}

// --- face and verification: `face_base64` / `faceurl` compare the selfie with the document portrait;
// any `verify_*` option adds the verification block with one boolean per check, as in DocuPass.
async function coreFace(deps: Pick<ServiceDeps, 'config' | 'engines'>, raw: Record<string, unknown>, files: Record<string, Buffer>, front: Buffer, reading: DocumentReading) {
  const src = source(raw, files, 'face_base64', 'faceurl', 'face');
  if (!src) return undefined;
  const selfie = await intakeImage(src, intakeLimits(deps));
  const threshold = unitNumber(raw, 'biometric_threshold', 0.4);
  // The presentation-attack checks run as in a DocuPass session; the passive liveness score
  // (the lower of the antispoof and liveness models) decides below `liveness_threshold`.
  const livenessThreshold = unitNumber(raw, 'liveness_threshold', DEFAULT_LIVENESS_THRESHOLD);
  const c = await deps.engines.run('face.compare', { document: new Uint8Array(front), documentPortraitBox: reading.sides[0]?.portraitBox && toSourceBox(reading.sides[0], reading.sides[0].portraitBox), selfie: new Uint8Array(selfie.data), threshold, livenessThreshold });
  const block: Record<string, unknown> = { isIdentical: c.isIdentical, confidence: c.confidence.toFixed(3) };
  if (c.failure && c.failure.code !== 'face_mismatch') block.error = c.failure.reason;
  return { block, comparison: c, threshold };
}

/** A 0–1 parameter (number or numeric string), its default when absent; anything else is refused by name. */
function unitNumber(raw: Record<string, unknown>, name: string, fallback: number): number {
  const v = raw[name];
  if (v === undefined || v === null || v === '') return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[0-9.]+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!(n >= 0 && n <= 1)) throw invalidValue(name, 'a number between 0 and 1');
  return n;
}

function coreVerification(raw: Record<string, unknown>, reading: DocumentReading, face: Awaited<ReturnType<typeof coreFace>>, nowMs: number): Record<string, unknown> | undefined {
  const asked = ['verify_expiry', 'verify_documentno', 'verify_name', 'verify_dob', 'verify_age', 'verify_address', 'verify_postcode'].some((k) => raw[k] !== undefined && raw[k] !== '' && raw[k] !== false);
  if (!asked && !face) return undefined;
  // The Core API takes the same verify_* parameters as DocuPass create; validate them the same way.
  const options = parseCreateOptions({ ...raw, companyname: 'core', type: 0, vault_save: true, biometric: face ? 1 : 0, biometric_threshold: face?.threshold, authenticate_minscore: 0, verify_expiry: truthy(raw.verify_expiry), documenttype: '', documentcountry: '', documentregion: '', phoneverification: false, verify_phone: '', sms_verification_link: '' });
  const d = decideVerification({
    options,
    document: { recognized: true, data: reading.data, documentKind: reading.documentKind, doubtful: reading.doubtful },
    face: face ? face.comparison : null,
    authentication: null,
    phone: null,
    now: new Date(nowMs),
  });
  return { passed: d.passed, result: d.result };
}
