import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { OperatorRow } from '../../database/repositories/operators-repository.ts';
import { hashPassword, passwordProblem, randomToken, sha256 } from './credentials.ts';
import type { OperatorRoleName, PortalDeps } from './portal-deps.ts';

export const ROLES: readonly OperatorRoleName[] = ['admin', 'reviewer', 'viewer', 'developer'];
export const SETUP_LINK_TTL_MS = 24 * 3600 * 1000;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email)) throw invalidValue('email', 'an e-mail address is required');
  return email;
}

export function readRole(raw: string): OperatorRoleName {
  if (!(ROLES as string[]).includes(raw)) throw invalidValue('role', `one of ${ROLES.join(', ')}`);
  return raw as OperatorRoleName;
}

/** The set-up link carries its token in the fragment: it never reaches a server log. */
export const setupLink = (deps: PortalDeps, token: string): string => `${deps.config.publicUrl}/portal/setup#${token}`;

async function issueSetupToken(deps: PortalDeps, operatorId: string): Promise<string> {
  const token = randomToken(32);
  await deps.portal.operators.update(operatorId, { setup_token_hash: sha256(token), setup_expires_at: deps.clock() + SETUP_LINK_TTL_MS, updated_at: deps.clock() });
  return token;
}

/**
 * A new operator. Without `--account` the account of the first API key is used (the server
 * creates it at its first start). No password is ever seeded:
 * the operator sets it through the one-time link, or automation passes it directly.
 */
export async function createOperator(deps: PortalDeps, opts: { email: string; role: string; accountId?: string; password?: string }): Promise<{ operator: OperatorRow; setupLink: string | null }> {
  const email = normaliseEmail(opts.email);
  const role = readRole(opts.role);
  if (await deps.portal.operators.findByEmail(email)) throw invalidValue('email', `an operator ${email} exists already`);
  let accountId = opts.accountId;
  if (accountId) {
    if (!(await deps.accounts.getAccount(accountId))) throw invalidValue('account', `unknown account ${accountId}`);
  } else {
    // The account of the first API key. With none yet, creating one here would split the
    // install in two (the server's first start creates its own account with the first key).
    const first = (await deps.accounts.findKeys())[0]?.account_id;
    if (!first) throw new DomainError(ErrorCode.InvalidValue, 'No account yet: start the server once (it creates the first account and API key) or run `idgate apikey create --name NAME`, then create the operator');
    accountId = first;
  }
  if (opts.password !== undefined) {
    const problem = passwordProblem(opts.password);
    if (problem) throw invalidValue('password', problem);
  }
  const now = deps.clock();
  const operator: OperatorRow = {
    id: `op_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    account_id: accountId,
    email,
    role,
    password_hash: opts.password !== undefined ? await hashPassword(opts.password) : null,
    totp_sealed: null,
    totp_enabled: 0,
    totp_last_step: null,
    recovery_hashes: '[]',
    setup_token_hash: null,
    setup_expires_at: null,
    disabled: 0,
    failed_attempts: 0,
    locked_until: null,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  };
  await deps.portal.operators.insert(operator);
  // A password set directly needs no link (a live link would let its holder choose another).
  if (opts.password !== undefined) return { operator, setupLink: null };
  const token = await issueSetupToken(deps, operator.id);
  return { operator, setupLink: setupLink(deps, token) };
}

export async function requireOperatorByEmail(deps: PortalDeps, email: string, accountId?: string): Promise<OperatorRow> {
  const op = await deps.portal.operators.findByEmail(normaliseEmail(email));
  if (!op || (accountId && op.account_id !== accountId)) throw new DomainError(ErrorCode.InvalidValue, `No operator ${email}`);
  return op;
}

/** Disabling signs the operator out everywhere at once. */
export async function disableOperator(deps: PortalDeps, email: string, accountId?: string): Promise<OperatorRow> {
  const op = await requireOperatorByEmail(deps, email, accountId);
  await deps.portal.operators.update(op.id, { disabled: 1, updated_at: deps.clock() });
  await deps.portal.sessions.removeForOperator(op.id);
  return op;
}

/**
 * Reset: password, second factor and recovery codes are cleared, every session ends, the lock
 * lifts, and a new one-time set-up link is returned.
 */
export async function resetOperator(deps: PortalDeps, email: string, accountId?: string): Promise<{ operator: OperatorRow; setupLink: string }> {
  const op = await requireOperatorByEmail(deps, email, accountId);
  await deps.portal.operators.update(op.id, { password_hash: null, totp_sealed: null, totp_enabled: 0, totp_last_step: null, recovery_hashes: '[]', failed_attempts: 0, locked_until: null, disabled: 0, updated_at: deps.clock() });
  await deps.portal.sessions.removeForOperator(op.id);
  const token = await issueSetupToken(deps, op.id);
  return { operator: op, setupLink: setupLink(deps, token) };
}

/** The set-up link's page: the password is chosen once; the token dies with it. */
export async function completeSetup(deps: PortalDeps, token: string, password: string): Promise<OperatorRow> {
  const op = await deps.portal.operators.findBySetupToken(sha256(token));
  if (!op || !op.setup_expires_at || op.setup_expires_at <= deps.clock() || op.disabled) throw new DomainError(ErrorCode.InvalidValue, 'This set-up link is invalid or has expired; ask an admin for a new one');
  const problem = passwordProblem(password);
  if (problem) throw invalidValue('password', problem);
  await deps.portal.operators.update(op.id, { password_hash: await hashPassword(password), setup_token_hash: null, setup_expires_at: null, failed_attempts: 0, locked_until: null, updated_at: deps.clock() });
  return op;
}
