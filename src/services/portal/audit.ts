import { randomUUID } from 'node:crypto';
import type { Actor, PortalDeps } from './portal-deps.ts';

/**
 * Every audited action. `detail` names ids, counts and outcomes only, never personal data
 * (no names, numbers, dates, images or signed links).
 */
export type AuditAction =
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.totp_failed'
  | 'auth.locked'
  | 'auth.totp_enrolled'
  | 'auth.recovery_code_used'
  | 'auth.sign_out'
  | 'auth.sign_out_everywhere'
  | 'auth.password_set'
  | 'session.list'
  | 'session.view'
  | 'image.view'
  | 'contract.download'
  | 'review.decide'
  | 'review.assign'
  | 'review.mark'
  | 'audit.view'
  | 'audit.export'
  | 'apikey.create'
  | 'apikey.revoke'
  | 'delivery.resend'
  | 'webhook.create'
  | 'webhook.disable'
  | 'webhook_secret.reveal'
  | 'template.create'
  | 'aml.import'
  | 'template.update'
  | 'webhook_secret.rotate'
  | 'operator.create'
  | 'operator.disable'
  | 'operator.role'
  | 'operator.reset'
  | 'privacy.erase'
  | 'subject.export'
  | 'settings.update'
  | 'settings.logo'
  | 'template.preview'
  | 'auth.passkey_added'
  | 'auth.passkey_removed'
  | 'auth.passkey_failed';

export type AuditWho = Pick<Actor, 'accountId' | 'ip' | 'userAgent'> & { operatorId: string | null; email: string | null };

export async function audit(deps: PortalDeps, who: AuditWho, action: AuditAction, target: string | null, detail?: Record<string, string | number | boolean | null>): Promise<void> {
  await deps.portal.audit.append({
    id: randomUUID(),
    account_id: who.accountId,
    operator_id: who.operatorId,
    operator_email: who.email,
    action,
    target,
    detail: detail ? JSON.stringify(detail) : null,
    ip: who.ip?.slice(0, 64) ?? null,
    user_agent: who.userAgent?.slice(0, 300) ?? null,
    created_at: deps.clock(),
  });
}

export const actorWho = (a: Actor): AuditWho => ({ accountId: a.accountId, operatorId: a.operatorId, email: a.email, ip: a.ip, userAgent: a.userAgent });
