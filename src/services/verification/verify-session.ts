import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { ServiceDeps } from '../deps.ts';
import { FailCode } from '../../domain/verification/fail-codes.ts';
import type { PortraitFace } from '../../engines/authenticity/authentication-types.ts';
import { canTransition, isOpenState, OPEN_STATES } from '../../domain/session/session-state.ts';
import type { Session, VerificationSession } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import type { DocumentReading } from '../../engines/document/document-reading.ts';
import type { FaceBox, FaceComparison, SelfieVideoResult } from '../../engines/face/face-types.ts';
import { compareSides } from '../../engines/document/compare-sides.ts';
import { toSourceBox } from '../../engines/document/side-geometry.ts';
import { latestByRole } from '../session/session-inputs.ts';
import { storeSessionFile } from '../session/session-files.ts';
import { getVerifiedPhone } from '../phone/verified-phone.ts';
import { screenPerson, type AmlRecord } from '../aml/aml-screening.ts';
import { finishSession } from '../session/finish-session.ts';
import type { Evidence } from './verification-decision.ts';
import { decide } from './verification-decide.ts';
import { buildCallbackPayload, type StoredVerification } from './verification-payload.ts';
import { saveVerificationToVault } from './verification-vault.ts';
import { generateContractForSession } from './verification-contract.ts';

export { VERIFY_SESSION_JOB } from '../../jobs/job-names.ts';

/** The open states a failed attempt with attempts left goes back to `opened` from (the person retries). */
const RETRY_FROM = OPEN_STATES.filter((s) => canTransition(s, 'opened'));

async function readFile(deps: Pick<ServiceDeps, 'files'>, key: string | undefined): Promise<Buffer | undefined> {
  return key ? deps.files.get(key) : undefined;
}

/** Runs the engines over what the user supplied and gathers the evidence the decision needs. */
async function gatherEvidence(deps: Pick<ServiceDeps, 'aml' | 'capture' | 'clock' | 'config' | 'engines' | 'files' | 'sessions'>, session: Session, options: CreateOptions): Promise<{ evidence: Evidence; images: StoredVerification['images'] }> {
  const files = latestByRole(await deps.sessions.findFiles(session.account_id, session.reference));
  const front = await readFile(deps, files.get('document')?.storage_key);
  const back = await readFile(deps, files.get('document_back')?.storage_key);
  const now = deps.clock();
  const images: StoredVerification['images'] = [];
  if (!front) return { evidence: { reading: null, sides: null, face: null, authentication: null, phone: null, aml: [], now }, images };

  const readInput = {
    front,
    back,
    nowMs: now,
    budgetMs: deps.config.documentReadBudgetMs,
    everySide: !!back && options.dualsidecheck,
    // Authenticity compares the printed zone with the MRZ/barcode; the quick module does not.
    visualZone: options.authenticate_minscore > 0 && String(options.authenticate_module) !== 'quick' ? ('always' as const) : ('auto' as const),
  };
  const threads = deps.config.workerThreads ?? os.availableParallelism();
  const photoFace = options.biometric === 1 || (options.biometric === 2 && files.has('face') && !files.has('face_video'));
  const selfieKey = photoFace ? files.get('face')?.storage_key : undefined;
  // Head start for the face step (see faceHeadStart): only while an engine thread would idle.
  // (this verification and its head start take two threads; `inFlight` counts this one too).
  // Opt-in (IDGATE_FACE_HEAD_START): on a quiet 2-core machine the two concurrent engine tasks
  // slowed each other as much as the overlap saved (BENCHMARKS.md, issue 17).
  const headStart = deps.config.faceHeadStart && selfieKey && readInput.visualZone === 'always' && inFlight * 2 <= threads ? faceHeadStart(deps, readInput, selfieKey, options) : undefined;
  const reading = await deps.engines.run('document.read', readInput);
  const sides = back && options.dualsidecheck ? compareSides(reading) : null;
  const frontSide = reading.sides[0]?.side ?? 'FRONT';
  images.push({ side: frontSide, key: files.get('document')!.storage_key, corners: reading.sides[0]?.documentCorners });
  if (back) images.push({ side: 'BACK', key: files.get('document_back')!.storage_key, corners: reading.sides[1]?.documentCorners });

  // With more than one engine thread the face and authenticity steps run side by side (both
  // need only the reading); on one thread they run in turn so authenticity can reuse the portrait
  // the face step found instead of detecting it again.
  const parallel = threads > 1;
  const authenticate = (portraitFaces?: PortraitFace[]) =>
    options.authenticate_minscore > 0
      ? deps.engines
          .run('authenticity.check', { front, back, reading, module: options.authenticate_module, nowMs: now, portraitFaces, dataDir: deps.config.dataDir })
          .catch((e: Error) => ({ notPerformed: `authenticity check could not run: ${e.message}` }))
      : Promise.resolve(null);
  const early = parallel ? authenticate() : undefined;
  early?.catch(() => {});

  let face: Evidence['face'] = null;
  // The reader's portrait box is in its own (turned, scaled) coordinates; the face engine crops the file.
  const portraitBox = portraitBoxOf(reading);
  if (photoFace) {
    // The head start's comparison stands only when it cropped the very box this reading gives
    // (same inputs, same deterministic engine); otherwise the face step runs as it always did.
    const early = await headStart?.catch(() => undefined);
    const reuse = early && sameBox(early.box, portraitBox) ? early.comparison : undefined;
    const selfie = reuse ? undefined : await readFile(deps, selfieKey);
    if (reuse || selfie) {
      face = { kind: 'photo', comparison: reuse ?? (await deps.engines.run('face.compare', { document: front, documentPortraitBox: portraitBox, selfie: selfie!, threshold: options.biometric_threshold, livenessThreshold: options.liveness_threshold })) };
      images.push({ face: true, key: selfieKey! });
    }
  } else if (options.biometric === 2) {
    const video = await readFile(deps, files.get('face_video')?.storage_key);
    const frameRows = [...files.values()].filter((f) => f.role.startsWith('face_video_frame_')).sort((a, b) => a.role.localeCompare(b.role, 'en', { numeric: true }));
    const frames = await Promise.all(frameRows.map((f) => deps.files.get(f.storage_key)));
    const challenge = (await deps.capture.getState(session.reference))?.video_challenge?.split(',').filter(Boolean) ?? [];
    const result = await deps.engines.run('face.video', { video, frames: frames.length ? frames : undefined, challenge, document: front, documentPortraitBox: portraitBox, threshold: options.biometric_threshold, livenessThreshold: options.liveness_threshold });
    face = { kind: 'video', video: result };
    if (result.bestFrame) {
      // The reference: "a single frame photo will be extracted" — kept as the session's face image.
      const row = await storeSessionFile(deps, session.account_id, session.reference, 'face_best_frame', { data: Buffer.from(result.bestFrame), mime: 'image/jpeg', ext: 'jpg' });
      await deps.sessions.insertFiles([row]);
      images.push({ face: true, key: row.storage_key });
    }
  }

  // The face step found the portrait already; handing it over spares a second detection.
  const docFace = face?.kind === 'photo' ? face.comparison.document : face?.video.comparison?.document;
  const portraitFaces = docFace && docFace.facesFound === 1 ? [{ box: docFace.box, score: docFace.score }] : undefined;
  const authentication = await (early ?? authenticate(portraitFaces));

  const phone = options.phoneverification ? await getVerifiedPhone(deps, session.reference) : null;
  const aml = options.aml_check ? await screen(deps, reading, options) : [];
  return { evidence: { reading, sides, face, authentication: authentication as Evidence['authentication'], phone, aml, now }, images };
}

/** Verifications running their engines in this process. */
let inFlight = 0;

type ReadInput = { front: Buffer; back?: Buffer; nowMs: number; budgetMs: number; everySide: boolean; visualZone: 'always' | 'auto' };

/**
 * When authenticity needs the printed zone read ('always', ~1 s of OCR), the face step would wait
 * for that OCR only to learn the portrait box, which the reader settles before any OCR. So,
 * while an engine thread is free, a second read without the printed zone ('never': MRZ/barcode,
 * outline and portrait box, ~0.15 s) runs beside the full one, and face.compare starts on its
 * box at once. The full read's box decides whether that comparison is used (gatherEvidence).
 * Costs one short read more per verification, so it is skipped when every thread is busy.
 */
function faceHeadStart(deps: Pick<ServiceDeps, 'engines' | 'files'>, read: ReadInput, selfieKey: string, options: CreateOptions): Promise<{ box: FaceBox | undefined; comparison: FaceComparison }> {
  const p = (async () => {
    const [quick, selfie] = await Promise.all([deps.engines.run('document.read', { ...read, visualZone: 'never' }), deps.files.get(selfieKey)]);
    const box = portraitBoxOf(quick);
    const comparison = await deps.engines.run('face.compare', { document: read.front, documentPortraitBox: box, selfie, threshold: options.biometric_threshold, livenessThreshold: options.liveness_threshold });
    return { box, comparison };
  })();
  p.catch(() => {});
  return p;
}

/** The portrait box in the submitted file's pixels, as the face engine crops it. */
function portraitBoxOf(reading: DocumentReading): FaceBox | undefined {
  const front = reading.sides[0];
  return front?.portraitBox && toSourceBox(front, front.portraitBox);
}

const sameBox = (a: FaceBox | undefined, b: FaceBox | undefined) => (a === undefined || b === undefined ? a === b : a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h);

async function screen(deps: Pick<ServiceDeps, 'aml'>, reading: DocumentReading, options: CreateOptions): Promise<AmlRecord[]> {
  const d = reading.data;
  const fullName = d.fullName ?? [d.firstName, d.middleName, d.lastName].filter(Boolean).join(' ');
  if (!fullName && !d.documentNumber) return [];
  return screenPerson(
    deps,
    { fullName, firstName: d.firstName, lastName: d.lastName, documentNumber: d.documentNumber, dob: d.dob, nationality: d.nationality_iso2, entity: 'person' },
    { databases: options.aml_database, strict: options.aml_strict_match },
  );
}

/**
 * The `verify-session` job: one verification attempt. A pass ends the session with the success
 * callback (or waits for the contract signature); a failure with attempts left lets the user
 * retry; the last failure ends it with the failed callback. Idempotent per (reference, attempt).
 */
export async function runVerification(deps: Pick<ServiceDeps, 'accounts' | 'aml' | 'callbacks' | 'capture' | 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'queue' | 'randomBytes' | 'sessions' | 'templates' | 'vault' | 'vaultKeys' | 'verificationAttempts'>, p: { reference: string; attempt: number }): Promise<void> {
  const session = await deps.sessions.findByReference(p.reference);
  if (!session || session.kind !== 'verification' || !isOpenState(session.state)) return;
  const options = session.options;
  const recorded = (await deps.verificationAttempts.findForReference(session.reference)).find((a) => a.attempt === p.attempt);
  let stored: StoredVerification;
  if (recorded) {
    // A run that died after recording its decision resumes from the stored result.
    if (!recorded.result_key) return;
    stored = JSON.parse((await deps.files.get(recorded.result_key)).toString('utf8')) as StoredVerification;
  } else {
    inFlight++;
    const { evidence, images } = await gatherEvidence(deps, session, options).finally(() => inFlight--);
    stored = { decision: decide(options, evidence), evidence: stripEvidence(evidence), images, attempt: p.attempt };
    const resultKey = `verification/${session.account_id}/${session.reference}/attempt-${p.attempt}.json`;
    await deps.files.put(resultKey, Buffer.from(JSON.stringify(stored)));
    const d = stored.decision;
    await deps.verificationAttempts.insert({ id: randomUUID(), reference: session.reference, attempt: p.attempt, passed: d.passed ? 1 : 0, failcode: d.failcode, failreason: d.failreason, result_key: resultKey, created_at: deps.clock() });
    await deps.verificationAttempts.incrementSessionAttempts(session.reference, deps.clock());
  }
  const { decision } = stored;

  if (decision.passed && options.contract_sign) {
    // The user signs next; the callback goes out when they have.
    await deps.sessions.updateState(session.reference, OPEN_STATES, 'in_progress', deps.clock());
    return;
  }
  if (!decision.passed && p.attempt < options.maxattempt) {
    await deps.sessions.updateState(session.reference, RETRY_FROM, 'opened', deps.clock());
    return;
  }
  await completeVerification(deps, session, stored);
}

/** The job could not run even after retries: the attempt fails with code 99 (other error). */
export async function failVerification(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'queue' | 'randomBytes' | 'sessions' | 'templates' | 'vault' | 'vaultKeys' | 'verificationAttempts'>, p: { reference: string; attempt: number }, error: Error): Promise<void> {
  const session = await deps.sessions.findByReference(p.reference);
  if (!session || session.kind !== 'verification' || !isOpenState(session.state)) return;
  const options = session.options;
  deps.logger.error({ reference: p.reference, err: error }, 'verification could not run; failing the attempt with code 99');
  const decision = { passed: false, failcode: FailCode.Other, failreason: 'Other error: the verification could not be completed.', result: {} };
  const stored: StoredVerification = { decision, evidence: { reading: null, sides: null, face: null, authentication: null, phone: null, aml: [], now: deps.clock() }, images: [], attempt: p.attempt };
  const recorded = (await deps.verificationAttempts.findForReference(p.reference)).some((a) => a.attempt === p.attempt);
  if (!recorded) {
    await deps.verificationAttempts.insert({ id: randomUUID(), reference: p.reference, attempt: p.attempt, passed: 0, failcode: FailCode.Other, failreason: decision.failreason, result_key: null, created_at: deps.clock() });
    await deps.verificationAttempts.incrementSessionAttempts(p.reference, deps.clock());
  }
  if (p.attempt < options.maxattempt) {
    await deps.sessions.updateState(p.reference, RETRY_FROM, 'opened', deps.clock());
    return;
  }
  await completeVerification(deps, session, stored);
}

/** The user can get no more phone codes: the session ends with fail code 15. */
export async function failPhoneVerification(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'queue' | 'randomBytes' | 'sessions' | 'templates' | 'vault' | 'vaultKeys' | 'verificationAttempts'>, reference: string): Promise<void> {
  const session = await deps.sessions.findByReference(reference);
  if (!session || session.kind !== 'verification' || !isOpenState(session.state)) return;
  const decision = { passed: false, failcode: FailCode.PhoneFailed, failreason: 'Phone verification failed: too many wrong codes.', result: { phone: false } };
  const stored: StoredVerification = { decision, evidence: { reading: null, sides: null, face: null, authentication: null, phone: null, aml: [], now: deps.clock() }, images: [], attempt: session.attempts + 1 };
  await deps.verificationAttempts.insert({ id: randomUUID(), reference, attempt: stored.attempt, passed: 0, failcode: FailCode.PhoneFailed, failreason: decision.failreason, result_key: null, created_at: deps.clock() });
  await deps.verificationAttempts.incrementSessionAttempts(reference, deps.clock());
  await completeVerification(deps, session, stored);
}

/** Ends a verification session with its callback, after the vault and any generated contract. */
export async function completeVerification(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'config' | 'engines' | 'files' | 'logger' | 'queue' | 'randomBytes' | 'templates' | 'vault' | 'vaultKeys'>, session: VerificationSession, stored: StoredVerification, signedContract?: { key: string; ext: string }): Promise<void> {
  const options = session.options;
  const { decision } = stored;
  const contract = signedContract ?? (decision.passed && options.contract_generate ? await generateContractForSession(deps, session, options, stored) : undefined);
  const vaultid = options.vault_save ? await saveVerificationToVault(deps, session, stored, contract) : undefined;
  await finishSession(deps, session, { state: decision.passed ? 'succeeded' : 'failed', success: decision.passed, failcode: decision.failcode }, (hash) =>
    buildCallbackPayload(deps, session, options, stored, { hash, vaultid, contract }),
  );
}

/** The stored form keeps no image bytes (the images are files); the embedding stays for the vault. */
function stripEvidence(e: Evidence): Evidence {
  const face = e.face?.kind === 'video' ? { ...e.face, video: { ...e.face.video, bestFrame: undefined } } : e.face;
  return { ...e, face: face as Evidence['face'] };
}
