import { DomainError, ErrorCode } from '../../domain/errors.ts';
import type { OperatorRow } from '../../database/repositories/operators-repository.ts';
import type { PortalSessionRow } from '../../database/repositories/portal-sessions-repository.ts';
import { vaultContext } from '../vault/vault-context.ts';
import { audit, type AuditWho } from './audit.ts';
import { dummyVerify, hashRecoveryCode, newRecoveryCodes, newTotpSecret, randomToken, sha256, totpStep, totpUri, verifyPassword } from './credentials.ts';
import type { Actor, OperatorRoleName, PortalDeps } from './portal-deps.ts';

/** Timeouts: a signed-in session ends after 30 min idle or 12 h in all; a half-done sign-in after 10 min. */
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 3600 * 1000;
export const HALF_SIGNED_IN_MS = 10 * 60 * 1000;
/** Five wrong passwords or codes in a row lock the operator for 15 minutes. */
export const LOCK_AFTER = 5;
export const LOCK_MS = 15 * 60 * 1000;

export const TOTP_REQUIRED: readonly OperatorRoleName[] = ['admin', 'reviewer'];

export type Client = { ip: string | null; userAgent: string | null };
export type SignInStage = 'enrol' | 'totp' | 'done';
export type Authenticated = { session: PortalSessionRow; operator: OperatorRow; actor: Actor };

const aadTotp = (operatorId: string) => `operator:${operatorId}:totp`;
export const whoOf = (op: OperatorRow, c: Client): AuditWho => ({ accountId: op.account_id, operatorId: op.id, email: op.email, ip: c.ip, userAgent: c.userAgent });
export const failed = () => new DomainError(ErrorCode.PortalSignInFailed, 'Wrong e-mail, password or code');

async function newSession(deps: PortalDeps, op: OperatorRow, stage: PortalSessionRow['stage'], c: Client): Promise<{ id: string; row: PortalSessionRow }> {
  const id = randomToken(32);
  const now = deps.clock();
  const row: PortalSessionRow = {
    id_hash: sha256(id),
    operator_id: op.id,
    account_id: op.account_id,
    stage,
    csrf_token: randomToken(24),
    totp_pending_sealed: null,
    ip: c.ip?.slice(0, 64) ?? null,
    user_agent: c.userAgent?.slice(0, 300) ?? null,
    created_at: now,
    last_seen_at: now,
    expires_at: now + (stage === 'full' ? ABSOLUTE_MS : HALF_SIGNED_IN_MS),
  };
  await deps.portal.sessions.insert(row);
  return { id, row };
}

function stageFor(op: OperatorRow): SignInStage {
  if (op.totp_enabled) return 'totp';
  return TOTP_REQUIRED.includes(op.role) ? 'enrol' : 'done';
}

export async function countFailure(deps: PortalDeps, op: OperatorRow, c: Client, action: 'auth.sign_in_failed' | 'auth.totp_failed'): Promise<never> {
  const now = deps.clock();
  const n = await deps.portal.operators.recordFailure(op.id, now, LOCK_AFTER, now + LOCK_MS);
  await audit(deps, whoOf(op, c), action, op.id, { consecutive: n });
  if (n === LOCK_AFTER) await audit(deps, whoOf(op, c), 'auth.locked', op.id, { minutes: LOCK_MS / 60000 });
  throw failed();
}

export function refuseLocked(deps: PortalDeps, op: OperatorRow): void {
  if (op.locked_until && op.locked_until > deps.clock()) throw new DomainError(ErrorCode.PortalLocked, 'Too many failed attempts; try again in 15 minutes or ask an admin to reset your access');
}

/**
 * Step one. A right password opens a half-signed-in session (a fresh id: nothing from before
 * sign-in is kept); roles that need a second factor go on to enrol or enter a code.
 */
export async function signIn(deps: PortalDeps, email: string, password: string, c: Client): Promise<{ sessionId: string; session: PortalSessionRow; stage: SignInStage; operator: OperatorRow }> {
  // Ended sessions are swept here (sign-ins are rare next to requests); lookups refuse them anyway.
  await deps.portal.sessions.removeExpired(deps.clock(), deps.clock() - IDLE_MS);
  const op = await deps.portal.operators.findByEmail(email.trim().toLowerCase());
  if (!op || op.disabled || !op.password_hash) {
    await dummyVerify(password);
    if (op) await audit(deps, whoOf(op, c), 'auth.sign_in_failed', op.id, { reason: op.disabled ? 'disabled' : 'no password set' });
    throw failed();
  }
  refuseLocked(deps, op);
  if (!(await verifyPassword(op.password_hash, password))) return countFailure(deps, op, c, 'auth.sign_in_failed');
  const stage = stageFor(op);
  if (stage === 'done') return { ...(await finishSignIn(deps, op, null, c)), stage, operator: op };
  const { id, row } = await newSession(deps, op, 'password', c);
  return { sessionId: id, session: row, stage, operator: op };
}

export async function finishSignIn(deps: PortalDeps, op: OperatorRow, previous: PortalSessionRow | null, c: Client): Promise<{ sessionId: string; session: PortalSessionRow }> {
  if (previous) await deps.portal.sessions.remove(previous.id_hash);
  const { id, row } = await newSession(deps, op, 'full', c);
  await deps.portal.operators.update(op.id, { failed_attempts: 0, locked_until: null, last_login_at: deps.clock(), updated_at: deps.clock() });
  await audit(deps, whoOf(op, c), 'auth.sign_in', op.id, { second_factor: op.totp_enabled === 1 || previous !== null });
  return { sessionId: id, session: row };
}

/** Enrolment: a new secret, kept sealed on the half-signed-in session until a code proves it. */
export async function startTotpEnrolment(deps: PortalDeps, session: PortalSessionRow, op: OperatorRow): Promise<{ secret: string; uri: string }> {
  if (session.stage !== 'password' || op.totp_enabled) throw new DomainError(ErrorCode.PortalForbidden, 'A second factor is enrolled already');
  const secret = newTotpSecret();
  await deps.portal.sessions.update(session.id_hash, { totp_pending_sealed: vaultContext(deps).crypto.seal(secret, aadTotp(op.id)) });
  return { secret, uri: totpUri(op.email, secret) };
}

/**
 * Step two: a TOTP code (or a recovery code once enrolled). Enrolment ends with ten recovery
 * codes shown once. Success replaces the session with a new fully signed-in one.
 */
export async function completeSecondFactor(
  deps: PortalDeps,
  session: PortalSessionRow,
  code: string,
  c: Client,
): Promise<{ sessionId: string; session: PortalSessionRow; recoveryCodes?: string[] }> {
  if (session.stage !== 'password') throw new DomainError(ErrorCode.PortalForbidden, 'Signed in already');
  const op = await deps.portal.operators.findById(session.operator_id);
  if (!op || op.disabled) throw failed();
  refuseLocked(deps, op);
  const crypto = vaultContext(deps).crypto;
  const now = deps.clock();
  const clean = code.replace(/\s+/g, '');
  if (!op.totp_enabled) {
    if (!session.totp_pending_sealed) throw new DomainError(ErrorCode.PortalForbidden, 'Start the enrolment first');
    const secret = crypto.open(session.totp_pending_sealed, aadTotp(op.id)).toString('utf8');
    const step = totpStep(secret, clean, now);
    if (step === null) return countFailure(deps, op, c, 'auth.totp_failed');
    const recoveryCodes = newRecoveryCodes();
    await deps.portal.operators.update(op.id, { totp_sealed: session.totp_pending_sealed, totp_enabled: 1, totp_last_step: step, recovery_hashes: JSON.stringify(recoveryCodes.map(hashRecoveryCode)), updated_at: now });
    await audit(deps, whoOf(op, c), 'auth.totp_enrolled', op.id);
    return { ...(await finishSignIn(deps, { ...op, totp_enabled: 1 }, session, c)), recoveryCodes };
  }
  const secret = crypto.open(op.totp_sealed!, aadTotp(op.id)).toString('utf8');
  const step = totpStep(secret, clean, now);
  if (step !== null && (op.totp_last_step === null || step > op.totp_last_step)) {
    await deps.portal.operators.update(op.id, { totp_last_step: step });
    return finishSignIn(deps, op, session, c);
  }
  const hashes = JSON.parse(op.recovery_hashes) as string[];
  const h = hashRecoveryCode(clean);
  if (step === null && clean.length > 6 && hashes.includes(h)) {
    await deps.portal.operators.update(op.id, { recovery_hashes: JSON.stringify(hashes.filter((x) => x !== h)) });
    await audit(deps, whoOf(op, c), 'auth.recovery_code_used', op.id, { left: hashes.length - 1 });
    return finishSignIn(deps, op, session, c);
  }
  return countFailure(deps, op, c, 'auth.totp_failed');
}

/**
 * The session behind a cookie, or null. Idle and absolute timeouts are checked here and the
 * last-seen time moves forward at most once a minute (no write per request).
 */
export async function findSession(deps: PortalDeps, sessionId: string | undefined, c: Client): Promise<{ session: PortalSessionRow; operator: OperatorRow; actor: Actor } | null> {
  if (!sessionId || sessionId.length > 100) return null;
  const session = await deps.portal.sessions.find(sha256(sessionId));
  if (!session) return null;
  const now = deps.clock();
  if (session.expires_at <= now || session.last_seen_at + IDLE_MS <= now) {
    await deps.portal.sessions.remove(session.id_hash);
    return null;
  }
  const operator = await deps.portal.operators.findById(session.operator_id);
  if (!operator || operator.disabled || operator.account_id !== session.account_id) return null;
  if (now - session.last_seen_at > 60_000) await deps.portal.sessions.update(session.id_hash, { last_seen_at: now });
  return { session, operator, actor: { operatorId: operator.id, email: operator.email, accountId: operator.account_id, role: operator.role, ip: c.ip, userAgent: c.userAgent } };
}

export async function signOut(deps: PortalDeps, a: Authenticated): Promise<void> {
  await deps.portal.sessions.remove(a.session.id_hash);
  await audit(deps, whoOf(a.operator, a.actor), 'auth.sign_out', a.operator.id);
}

export async function signOutEverywhere(deps: PortalDeps, a: Authenticated): Promise<number> {
  const n = await deps.portal.sessions.removeForOperator(a.operator.id);
  await audit(deps, whoOf(a.operator, a.actor), 'auth.sign_out_everywhere', a.operator.id, { sessions: n });
  return n;
}
