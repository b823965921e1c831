import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { actorWho, audit } from './audit.ts';
import { createOperator, disableOperator, readRole, resetOperator } from './operators.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export async function listTeam(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'team');
  const ops = await deps.portal.operators.findAll(actor.accountId);
  return { items: ops.map((o) => ({ email: o.email, role: o.role, disabled: o.disabled === 1, secondFactor: o.totp_enabled === 1, lastSignIn: iso(o.last_login_at), created: iso(o.created_at)! })) };
}

/** An invitation is a one-time set-up link (24 h) the admin hands over; no password is chosen for anyone. */
export async function inviteOperator(deps: PortalDeps, actor: Actor, input: { email: string; role: string }) {
  requireCapability(actor, 'team');
  readRole(input.role);
  const { operator, setupLink } = await createOperator(deps, { email: input.email, role: input.role, accountId: actor.accountId });
  await audit(deps, actorWho(actor), 'operator.create', operator.id, { role: operator.role });
  return { setupLink: setupLink! };
}

export async function disableTeamMember(deps: PortalDeps, actor: Actor, email: string) {
  requireCapability(actor, 'team');
  if (email.trim().toLowerCase() === actor.email) throw new DomainError(ErrorCode.InvalidValue, 'You cannot disable yourself');
  const op = await disableOperator(deps, email, actor.accountId);
  await audit(deps, actorWho(actor), 'operator.disable', op.id);
  return { disabled: true };
}

export async function resetTeamMember(deps: PortalDeps, actor: Actor, email: string) {
  requireCapability(actor, 'team');
  const { operator, setupLink } = await resetOperator(deps, email, actor.accountId);
  await audit(deps, actorWho(actor), 'operator.reset', operator.id);
  return { setupLink };
}

/** A new role takes effect on the member's next request (roles are read per request); not for yourself. */
export async function changeTeamRole(deps: PortalDeps, actor: Actor, email: string, role: string) {
  requireCapability(actor, 'team');
  const next = readRole(role);
  const op = await deps.portal.operators.findByEmail(email.trim().toLowerCase());
  if (!op || op.account_id !== actor.accountId) throw new DomainError(ErrorCode.InvalidValue, `No operator ${email}`);
  if (op.id === actor.operatorId) throw new DomainError(ErrorCode.InvalidValue, 'You cannot change your own role');
  await deps.portal.operators.update(op.id, { role: next, updated_at: deps.clock() });
  await audit(deps, actorWho(actor), 'operator.role', op.id, { from: op.role, to: next });
  return { ok: true as const };
}
