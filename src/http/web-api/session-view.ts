import type { ServiceDeps } from '../../services/deps.ts';
import type { SessionRow } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import { requiredSteps, type StepName } from '../../domain/session/required-steps.ts';
import { effectiveState, TERMINAL_STATES, type SessionState } from '../../domain/session/session-state.ts';
import { getPhoneStepState, getVerifiedPhone } from '../../services/phone-verification.ts';
import type { CaptureLanguage, CaptureModule, HeadTurn, SessionView } from '../../contract/capture-api.ts';
import { loadPipeline, type SessionStatus } from './pipeline-bridge.ts';
import { redirectWithReference } from './redirect-url.ts';

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

/** Progress as the required-steps rule reads it. */
export async function captureProgress(deps: ServiceDeps, session: SessionRow) {
  const rows = await deps.sessions.findFiles(session.account_id, session.reference);
  const state = await deps.capture.getState(session.reference);
  // A front supplied by the business at create comes without a back on purpose.
  const frontFromCreate = rows.some((f) => f.role === 'document' && f.created_at <= session.created_at);
  return {
    files: new Set(rows.map((f) => f.role)),
    phoneVerified: !!(await getVerifiedPhone(deps, session.reference)),
    contractSigned: rows.some((f) => f.role === 'signature' || f.role === 'contract_signed'),
    backNotNeeded: !!state?.back_not_needed || frontFromCreate,
  };
}

/** The session status from the pipeline when it exists, else derived from the session row. */
export async function sessionStatus(deps: ServiceDeps, session: SessionRow): Promise<SessionStatus> {
  const { getSessionStatus } = await loadPipeline();
  if (getSessionStatus) return getSessionStatus(deps, session.reference);
  const options = JSON.parse(session.options_json) as CreateOptions & SignOptions;
  const state = effectiveState(session.state as SessionState, session.expires_at, deps.clock());
  const nextSteps = requiredSteps(session.kind, options, await captureProgress(deps, session));
  const redirect = state === 'succeeded' ? options.successredir : state === 'failed' || state === 'expired' ? options.failredir : undefined;
  return {
    state,
    attemptsLeft: Math.max(0, (options.maxattempt ?? 1) - session.attempts),
    failcode: session.outcome_failcode ?? undefined,
    nextSteps,
    ...(redirect ? { redirectUrl: redirectWithReference(redirect, session.reference, session.customid) } : {}),
  };
}

function phaseOf(status: SessionStatus): SessionView['phase'] {
  if (status.state === 'succeeded' || status.state === 'failed' || status.state === 'expired') return status.state;
  if (status.nextSteps.length > 0) return 'capture';
  return status.state === 'in_progress' ? 'processing' : 'capture';
}

/** Everything the app needs to draw the session; nothing personal beyond this session's own steps. */
export async function buildSessionView(deps: ServiceDeps, session: SessionRow, language: CaptureLanguage): Promise<SessionView> {
  const o = JSON.parse(session.options_json) as CreateOptions & SignOptions;
  const status = await sessionStatus(deps, session);
  // A passed verification with `contract_sign` waits for the signature before it ends.
  if (status.awaitingSignature && !status.nextSteps.includes('contract')) status.nextSteps = [...status.nextSteps, 'contract'];
  // The session row keeps the final fail code even when no attempt row carries it.
  if (status.failcode === undefined && session.outcome_failcode !== null && status.state === 'failed') status.failcode = session.outcome_failcode;
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
    ...(status.failcode !== undefined && status.failcode !== null ? { failcode: status.failcode } : {}),
    ...(status.failreason ? { failreason: status.failreason } : {}),
    ...(status.redirectUrl && terminal ? { redirectUrl: status.redirectUrl } : {}),
    ...(o.documenttype ? { documentTypes: o.documenttype } : {}),
    ...(steps.includes('selfie_video') ? { challenge: await videoChallenge(deps, session.reference) } : {}),
    ...(steps.includes('phone') || o.phoneverification ? { phone: await getPhoneStepState(deps, session.reference).catch(() => undefined) } : {}),
    qrUrl: `/qr/${session.reference}.png`,
    url: `${base}/${session.reference}`,
  };
}
