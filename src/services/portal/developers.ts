import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import { DELIVER_CALLBACK_JOB } from '../../jobs/job-names.ts';
import { createApiKey } from '../accounts/api-keys.ts';
import type { DeliverPayload } from '../callbacks/callback-delivery.ts';
import { actorWho, audit } from './audit.ts';
import { requireCapability } from './permissions.ts';
import type { Actor, PortalDeps } from './portal-deps.ts';
import { randomUUID } from 'node:crypto';
import { getWebhookSecret, rotateWebhookSecret } from '../callbacks/webhook-secret.ts';

import { iso, paged, pageWindow } from './paging.ts';

/** Keys of the operator's account: prefix, name, dates; the key itself is never shown again. */
export async function listApiKeys(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'keys');
  const rows = await deps.portal.queries.findApiKeys(actor.accountId);
  const used = await deps.portal.settings.keyLastUsed(actor.accountId);
  return { items: rows.map((k) => ({ id: k.id, name: k.name, prefix: k.key_prefix, created: iso(k.created_at)!, revoked: iso(k.revoked_at), lastUsed: iso(used.get(k.id)) })) };
}

/** The same service as `idgate apikey create --account`; the key is returned once. */
export async function createPortalApiKey(deps: PortalDeps, actor: Actor, name: string) {
  requireCapability(actor, 'keys');
  const clean = name.trim();
  if (!clean || clean.length > 100) throw invalidValue('name', '1 to 100 characters');
  const { key, row } = await createApiKey(deps, { name: clean, accountId: actor.accountId });
  await audit(deps, actorWho(actor), 'apikey.create', row.id, { prefix: row.key_prefix });
  return { id: row.id, key, prefix: row.key_prefix };
}

export async function revokePortalApiKey(deps: PortalDeps, actor: Actor, id: string) {
  requireCapability(actor, 'keys');
  if (!(await deps.portal.queries.revokeApiKey(actor.accountId, id, deps.clock()))) throw new DomainError(ErrorCode.InvalidValue, `No active key ${id}`);
  await audit(deps, actorWho(actor), 'apikey.revoke', id);
  return { revoked: true };
}

/** The delivery log across the account's sessions, with every attempt. */
export async function listDeliveryLog(deps: PortalDeps, actor: Actor, q: { state?: string; reference?: string; page: number; pageSize: number }) {
  requireCapability(actor, 'deliveries');
  const { rows, total } = await deps.portal.queries.findDeliveriesPage(actor.accountId, { state: q.state, reference: q.reference?.toUpperCase(), ...pageWindow(q) });
  const attempts = await deps.callbacks.findAttempts(rows.map((r) => r.id));
  return paged(
    q,
    total,
    rows.map((d) => ({
      id: d.id,
      reference: d.reference,
      kind: d.id.startsWith('evt_') ? ('event' as const) : ('callback' as const),
      url: d.url,
      state: d.state,
      attempts: d.attempts,
      created: iso(d.created_at)!,
      nextAttempt: iso(d.next_attempt_at),
      log: attempts.filter((a) => a.delivery_id === d.id).map((a) => ({ attempt: a.attempt, trigger: a.trigger, time: iso(a.started_at)!, latency_ms: a.latency_ms, status: a.status_code, error: a.error, response: a.response_head })),
    })),
  );
}

/** One more attempt of a delivery, now (asked by an operator; recorded as `manual`). */
export async function resendDelivery(deps: PortalDeps, actor: Actor, deliveryId: string) {
  requireCapability(actor, 'deliveries');
  const d = await deps.callbacks.getDelivery(deliveryId);
  if (!d || d.account_id !== actor.accountId) throw new DomainError(ErrorCode.InvalidValue, `No delivery ${deliveryId}`);
  await deps.queue.enqueue(DELIVER_CALLBACK_JOB, { deliveryId: d.id, trigger: 'manual' } satisfies DeliverPayload);
  await audit(deps, actorWho(actor), 'delivery.resend', d.reference, { delivery: d.id });
  return { queued: true };
}

export async function listWebhookEndpoints(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'webhooks');
  const rows = await deps.portal.webhooks.find(actor.accountId);
  return { items: rows.map((e) => ({ id: e.id, url: e.url, description: e.description, created: iso(e.created_at)!, disabled: iso(e.disabled_at) })) };
}

export async function createWebhookEndpoint(deps: PortalDeps, actor: Actor, input: { url: string; description?: string | null }) {
  requireCapability(actor, 'webhooks');
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw invalidValue('url', 'an absolute http(s) URL');
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw invalidValue('url', 'an absolute http(s) URL');
  const id = `we_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
  await deps.portal.webhooks.insert({ id, account_id: actor.accountId, url: url.toString(), description: input.description?.slice(0, 200) ?? null, created_at: deps.clock(), disabled_at: null });
  await audit(deps, actorWho(actor), 'webhook.create', id);
  return { id };
}

export async function disableWebhookEndpoint(deps: PortalDeps, actor: Actor, id: string) {
  requireCapability(actor, 'webhooks');
  if (!(await deps.portal.webhooks.disable(actor.accountId, id, deps.clock()))) throw new DomainError(ErrorCode.InvalidValue, `No active endpoint ${id}`);
  await audit(deps, actorWho(actor), 'webhook.disable', id);
  return { disabled: true };
}

/** The account's Standard Webhooks signing secret (the "first hour" service); every reveal is audited. */
export async function revealWebhookSecret(deps: PortalDeps, actor: Actor) {
  requireCapability(actor, 'webhooks');
  const view = await getWebhookSecret(deps, actor.accountId);
  await audit(deps, actorWho(actor), 'webhook_secret.reveal', actor.accountId);
  return view;
}

/** A new secret; the old one keeps signing too for `overlapHours` (rotation with overlap). */
export async function rotatePortalWebhookSecret(deps: PortalDeps, actor: Actor, overlapHours: number) {
  requireCapability(actor, 'webhooks');
  const view = await rotateWebhookSecret(deps, actor.accountId, { overlapHours });
  await audit(deps, actorWho(actor), 'webhook_secret.rotate', actor.accountId, { overlap_hours: overlapHours });
  return view;
}
