import { randomUUID } from 'node:crypto';
import { DELIVER_CALLBACK_JOB } from '../../jobs/job-names.ts';
import type { DeliverPayload } from '../callbacks/callback-delivery.ts';
import type { PortalDeps } from './portal-deps.ts';

/**
 * A Standard Webhooks event (`{type, timestamp, data}`) to each active endpoint of the account.
 * Each is a delivery in the callback delivery log, so it is signed exactly like callbacks
 * (`webhook-id`/`-timestamp`/`-signature` with the account's webhook secret), retried on the
 * same schedule, listed with every attempt and can be resent.
 */
export async function sendWebhookEvent(deps: PortalDeps, accountId: string, reference: string, type: string, data: Record<string, unknown>): Promise<string[]> {
  const endpoints = (await deps.portal.webhooks.find(accountId)).filter((e) => e.disabled_at === null);
  const ids: string[] = [];
  const now = deps.clock();
  for (const endpoint of endpoints) {
    const id = `evt_${randomUUID().replace(/-/g, '')}`;
    const payloadKey = `callbacks/${accountId}/${reference}/${id}.json`;
    await deps.files.put(payloadKey, Buffer.from(JSON.stringify({ type, timestamp: new Date(now).toISOString(), data })));
    await deps.portal.webhooks.insertDelivery({ id, reference, account_id: accountId, url: endpoint.url, payload_key: payloadKey, state: 'pending', attempts: 0, next_attempt_at: now, created_at: now, updated_at: now });
    await deps.queue.enqueue(DELIVER_CALLBACK_JOB, { deliveryId: id, trigger: 'schedule' } satisfies DeliverPayload, { dedupeKey: `${DELIVER_CALLBACK_JOB}:${id}:1` });
    ids.push(id);
  }
  return ids;
}
