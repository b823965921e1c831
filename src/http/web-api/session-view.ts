import type { ServiceDeps } from '../../services/deps.ts';
import type { Session, VerificationSession } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import type { StepName } from '../../domain/session/required-steps.ts';
import { CAPTURE_STATES, TERMINAL_STATES, type SessionState } from '../../domain/session/session-state.ts';
import { getPhoneStepState } from '../../services/phone/phone-verification.ts';
import type { CaptureLanguage, CaptureModule, HeadTurn, SessionView } from '../../contract/capture-api.ts';
import { getSessionStatus, type SessionStatus } from '../../services/session/session-status.ts';
import { FINAL_FAILCODES } from '../../services/capture/capture-final-failure.ts';
import { DOCUMENT_FACE_REASONS, type CheckFailure, type FaceReason } from '../../contract/capture-failures.ts';
import { lastAttemptFailures } from './failure-view.ts';

const MODULES: CaptureModule[] = ['iframe', 'mobile', 'redirection', 'live'];
const TURNS: HeadTurn[] = ['left', 'right', 'up', 'down'];

/** A random order of two distinct head turns, kept per session so a reload asks the same. */
async function videoChallenge(deps: ServiceDeps, reference: string): Promise<HeadTurn[]> {
  const state = await deps.capture.getState(reference);
  if (state?.video_challenge) return state.video_challenge.split(',') as HeadTurn[];
  const b = deps.randomBytes(2);
  const first = TURNS[b[0] % 2]; // left or right first: the turns people find easiest
  const rest = TURNS.filter((t) => t !== first);
  const challenge = [first, rest[b[1] % rest.length]];
  await deps.capture.upsertState({ reference, back_not_needed: state?.back_not_needed ?? 0, video_challenge: challenge.join(','), updated_at: deps.clock() });
  return challenge;
}

const NOT_AN_INPUT = new Set(['phone']);
/** A face check failed because of the selfie (not because the document's own photo had no usable face). */
const blamesSelfie = (f: CheckFailure) => f.check === 'face' && !DOCUMENT_FACE_REASONS.includes(f.reason as FaceReason);

/**
 * The capture steps whose input the failure blames, so a retry asks for every one of them again:
 * each failed check of the stored decision, else the fail code alone. A face check that failed on
 * the document's photo (no face, blurred) asks for the document again, not for a new selfie.
 */
function blamedSteps(failcode: number, failed: CheckFailure[], o: CreateOptions, hadBack: boolean): StepName[] {
  const selfie: StepName = o.biometric === 2 ? 'selfie_video' : 'selfie';
  const doc: StepName[] = hadBack ? ['document', 'document_back'] : ['document'];
  if (failed.length) {
    const steps: StepName[] = [];
    if (failed.some((f) => !blamesSelfie(f) && !NOT_AN_INPUT.has(f.check))) steps.push(...doc);
    if (failed.some(blamesSelfie) && o.biometric) steps.push(selfie);
    return steps;
  }
  if (failcode === 3) return [selfie];
  if (failcode === 15 || failcode === 99 || failcode === 0) return [];
  return doc;
}
const ROLE_OF: Record<string, string[]> = { document: ['document'], document_back: ['document_back'], selfie: ['face'], selfie_video: ['face_video', 'face'] };

/**
 * After a failed attempt with attempts left, the steps to redo: those the fail code blames and
 * for which no new file came since that attempt.
 */
async function redoSteps(deps: ServiceDeps, session: VerificationSession, failcode: number): Promise<StepName[]> {
  const o = session.options;
  const last = (await deps.verificationAttempts.findForReference(session.reference)).at(-1);
  if (!last || last.passed) return [];
  const files = await deps.sessions.findFiles(session.account_id, session.reference);
  const capture = await deps.capture.getState(session.reference);
  const hadBack = files.some((f) => f.role === 'document_back') && !capture?.back_not_needed;
  const newer = new Set(files.filter((f) => f.created_at > last.created_at).map((f) => f.role));
  return blamedSteps(failcode, await lastAttemptFailures(deps, last), o, hadBack).filter((step) => !ROLE_OF[step].some((r) => newer.has(r)));
}

/**
 * Every failed check of the last attempt (with its fail code and reason key, so the app can say
 * what went wrong, e.g. a screen replay rather than "did not match"), and whether a retry could mend it.
 */
async function failureDetail(deps: ServiceDeps, session: Session, status: SessionStatus): Promise<Pick<SessionView, 'failedChecks' | 'failures' | 'finalFailure'>> {
  if (status.failcode === undefined || status.failcode === null) return {};
  const last = (await deps.verificationAttempts.findForReference(session.reference)).at(-1);
  const failures = await lastAttemptFailures(deps, last);
  const checks = failures.map((f) => f.check).filter((c) => c !== 'unread' && c !== 'other');
  return { ...(checks.length ? { failedChecks: checks } : {}), ...(failures.length ? { failures } : {}), finalFailure: FINAL_FAILCODES.has(status.failcode) };
}

/** Whether the user already supplied something (a file after create, or a verified phone). */
async function resumed(deps: ServiceDeps, session: Session): Promise<boolean> {
  const files = await deps.sessions.findFiles(session.account_id, session.reference);
  if (files.some((f) => f.created_at > session.created_at)) return true;
  return !!(await deps.capture.getState(session.reference))?.back_not_needed;
}

/** The pipeline's status of the session (state, attempts, last failure, next steps). */
export const sessionStatus = (deps: ServiceDeps, session: Session): Promise<SessionStatus> => getSessionStatus(deps, session.reference);

function phaseOf(status: SessionStatus): SessionView['phase'] {
  if (status.state === 'succeeded' || status.state === 'failed' || status.state === 'expired') return status.state;
  if (status.nextSteps.length > 0) return 'capture';
  return status.state === 'in_progress' ? 'processing' : 'capture';
}

/** Everything the app needs to draw the session; nothing personal beyond this session's own steps. */
export async function buildSessionView(deps: ServiceDeps, session: Session, language: CaptureLanguage): Promise<SessionView> {
  const o = (session.options as CreateOptions & SignOptions);
  const status = await sessionStatus(deps, session);
  // A passed verification with `contract_sign` waits for the signature before it ends.
  if (status.awaitingSignature && !status.nextSteps.includes('contract')) status.nextSteps = [...status.nextSteps, 'contract'];
  // The session row keeps the final fail code even when no attempt row carries it.
  if (status.failcode === undefined && session.outcome_failcode !== null && status.state === 'failed') status.failcode = session.outcome_failcode;
  if (status.failcode !== undefined && status.attemptsLeft > 0 && (CAPTURE_STATES as readonly string[]).includes(status.state) && session.kind === 'verification') {
    status.nextSteps = [...(await redoSteps(deps, session, status.failcode)), ...status.nextSteps];
  }
  const steps = status.nextSteps as StepName[];
  const base = deps.config.publicUrl;
  const terminal = TERMINAL_STATES.has(status.state as SessionState);
  return {
    reference: session.reference,
    kind: session.kind,
    module: session.kind === 'signature' ? 'redirection' : (MODULES[session.type] ?? 'redirection'),
    company: o.companyname,
    ...(o.welcomemessage ? { welcomeMessage: o.welcomemessage } : {}),
    ...(o.logo ? { logoUrl: `/api/s/${session.reference}/logo` } : {}),
    nobranding: !!o.nobranding,
    language,
    steps,
    phase: phaseOf(status),
    attemptsLeft: status.attemptsLeft,
    resumed: await resumed(deps, session),
    ...(status.failcode !== undefined && status.failcode !== null ? { failcode: status.failcode } : {}),
    ...(status.failreason ? { failreason: status.failreason } : {}),
    ...(status.redirectUrl && terminal ? { redirectUrl: status.redirectUrl } : {}),
    ...(o.documenttype ? { documentTypes: o.documenttype } : {}),
    ...(steps.includes('selfie_video') ? { challenge: await videoChallenge(deps, session.reference) } : {}),
    ...(steps.includes('phone') || o.phoneverification ? { phone: await getPhoneStepState(deps, session.reference).catch(() => undefined) } : {}),
    ...(await failureDetail(deps, session, status)),
    ...(o.privacy_notice_url ? { privacyNoticeUrl: o.privacy_notice_url } : {}),
    ...(o.documentcountry?.length ? { documentCountries: o.documentcountry } : {}),
    maxUploadBytes: deps.config.maxUploadBytes,
    qrUrl: `/qr/${session.reference}.png`,
    url: `${base}/${session.reference}`,
  };
}
