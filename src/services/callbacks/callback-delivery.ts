import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { randomUUID } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import type { DeliveryRow } from '../../database/repositories/callbacks-repository.ts';
import type { JobsTable } from '../../database/schema.ts';
import { webhookHeaders } from '../../domain/callback/webhook-signature.ts';
import { webhookSigningSecrets } from './webhook-secret.ts';
import { nextAttemptDelay } from '../../domain/callback/retry-schedule.ts';
import { safeFetch, SafeFetchError } from '../../net/safe-fetch.ts';

import { DELIVER_CALLBACK_JOB } from '../../jobs/job-names.ts';
export type DeliverPayload = { deliveryId: string; trigger: 'schedule' | 'manual' };

/** A new delivery and the job that makes its first attempt now. Nothing is written here. */
export async function prepareCallback(
  deps: Pick<ServiceDeps, 'files' | 'clock'>,
  p: { accountId: string; reference: string; url: string; payload: unknown },
): Promise<{ delivery: DeliveryRow; job: JobsTable }> {
  const id = `cb_${randomUUID().replace(/-/g, '')}`;
  const now = deps.clock();
  const payloadKey = `callbacks/${p.accountId}/${p.reference}/${id}.json`;
  // The payload carries personal data and possibly images: it lives encrypted in the file store.
  await deps.files.put(payloadKey, Buffer.from(JSON.stringify(p.payload)));
  const delivery: DeliveryRow = { id, reference: p.reference, account_id: p.accountId, url: p.url, payload_key: payloadKey, state: 'pending', attempts: 0, next_attempt_at: now, created_at: now, updated_at: now };
  return { delivery, job: deliverJobRow(id, 'schedule', now, `${DELIVER_CALLBACK_JOB}:${id}:1`) };
}

function deliverJobRow(deliveryId: string, trigger: DeliverPayload['trigger'], runAt: number, dedupeKey: string | null): JobsTable {
  const payload: DeliverPayload = { deliveryId, trigger };
  return { id: randomUUID(), name: DELIVER_CALLBACK_JOB, payload_json: JSON.stringify(payload), dedupe_key: dedupeKey, state: 'queued', run_at: runAt, locked_until: null, attempts: 0, last_error: null, created_at: runAt, updated_at: runAt };
}

/**
 * One delivery attempt. Only HTTP 200 counts as delivered (as the reference says). A scheduled
 * attempt that fails books the next one from the retry schedule; a manual one books nothing.
 * Every attempt is stored with its status, latency and the first bytes of the answer or error.
 */
export async function attemptDelivery(deps: Pick<ServiceDeps, 'accounts' | 'callbacks' | 'clock' | 'config' | 'files' | 'logger' | 'queue' | 'webhookSecrets'>, p: DeliverPayload): Promise<void> {
  const delivery = await deps.callbacks.getDelivery(p.deliveryId);
  if (!delivery) return;
  if (p.trigger === 'schedule' && delivery.state !== 'pending') return;
  const account = await deps.accounts.getAccount(delivery.account_id);
  if (!account) return;
  const body = (await deps.files.get(delivery.payload_key)).toString('utf8');
  const attempt = delivery.attempts + 1;
  const started = deps.clock();
  let status: number | null = null;
  let error: string | null = null;
  let head: string | null = null;
  try {
    const res = await safeFetch(delivery.url, {
      method: 'POST',
      allowPrivate: deps.config.allowPrivateUrls,
      timeoutMs: deps.config.callbackTimeoutSeconds * 1000,
      maxBytes: 64 * 1024,
      body,
      headers: { 'content-type': 'application/json', ...webhookHeaders(await webhookSigningSecrets(deps, account), delivery.id, Math.floor(started / 1000), body) },
    });
    status = res.status;
    head = res.body.subarray(0, 512).toString('utf8');
  } catch (e) {
    error = e instanceof SafeFetchError ? e.message : `${(e as Error).name}: ${(e as Error).message}`;
  }
  const now = deps.clock();
  await deps.callbacks.insertAttempt({ id: randomUUID(), delivery_id: delivery.id, attempt, trigger: p.trigger, started_at: started, latency_ms: now - started, status_code: status, error, response_head: head });
  if (status === 200) {
    await deps.callbacks.updateDelivery(delivery.id, { state: 'delivered', attempts: attempt, next_attempt_at: null, updated_at: now });
    return;
  }
  deps.logger.warn({ reference: delivery.reference, attempt, status, error }, 'callback not delivered');
  if (p.trigger === 'manual') {
    await deps.callbacks.updateDelivery(delivery.id, { attempts: attempt, updated_at: now });
    return;
  }
  const delay = nextAttemptDelay(deps.config.callbackRetrySchedule, attempt);
  if (delay === null) {
    await deps.callbacks.updateDelivery(delivery.id, { state: 'failed', attempts: attempt, next_attempt_at: null, updated_at: now });
    return;
  }
  const runAt = now + delay * 1000;
  await deps.callbacks.updateDelivery(delivery.id, { attempts: attempt, next_attempt_at: runAt, updated_at: now });
  await deps.queue.enqueue(DELIVER_CALLBACK_JOB, { deliveryId: delivery.id, trigger: 'schedule' } satisfies DeliverPayload, { runAt, dedupeKey: `${DELIVER_CALLBACK_JOB}:${delivery.id}:${attempt + 1}` });
}

/** `POST /docupass/redeliver`: one more attempt of the reference's latest callback, now. */
export async function redeliverCallback(deps: Pick<ServiceDeps, 'callbacks' | 'queue'>, accountId: string, reference: string): Promise<{ success: true; reference: string; delivery: string }> {
  const deliveries = await deps.callbacks.findDeliveries(accountId, reference);
  // Portal events (`evt_…`, e.g. verification.reviewed) share the log but are not the DocuPass callback.
  const latest = deliveries.filter((d) => !d.id.startsWith('evt_')).at(-1);
  if (!latest) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `reference`: no callback was sent for it');
  await deps.queue.enqueue(DELIVER_CALLBACK_JOB, { deliveryId: latest.id, trigger: 'manual' } satisfies DeliverPayload);
  return { success: true, reference, delivery: latest.id };
}

/** `POST /docupass/deliveries`: every delivery of a reference with all its attempts. */
export async function listDeliveries(deps: Pick<ServiceDeps, 'callbacks'>, accountId: string, reference: string) {
  const deliveries = await deps.callbacks.findDeliveries(accountId, reference);
  const attempts = await deps.callbacks.findAttempts(deliveries.map((d) => d.id));
  const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
  return {
    reference,
    items: deliveries.map((d) => ({
      id: d.id,
      url: d.url,
      state: d.state,
      attempts: d.attempts,
      next_attempt: iso(d.next_attempt_at),
      created: iso(d.created_at),
      log: attempts
        .filter((a) => a.delivery_id === d.id)
        .map((a) => ({ attempt: a.attempt, trigger: a.trigger, time: iso(a.started_at), latency_ms: a.latency_ms, status: a.status_code, error: a.error, response: a.response_head })),
    })),
  };
}
