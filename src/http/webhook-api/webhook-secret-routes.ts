import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { requireAccount, type RateLimiter } from '../plugins/api-auth.ts';
import { readParams } from '../plugins/request-params.ts';
import { getWebhookSecret, rotateWebhookSecret } from '../../services/callbacks/webhook-secret.ts';
import { invalidValue } from '../../domain/errors.ts';
import { rotateWebhookSecretBodySchema, webhookSecretBodySchema, webhookSecretResponseSchema } from './webhook-secret-schemas.ts';

/**
 * The account's Standard Webhooks signing secret: read it (to verify `webhook-signature` on
 * callbacks) and rotate it with an overlap. API-key auth like the DocuPass routes; errors answer
 * HTTP 200 with `{"error":…}`. The secret is never logged.
 */
export function registerWebhookSecretRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.post(
    '/webhook/secret',
    { schema: { tags: ['webhooks'], summary: "The account's callback signing secret (and the previous one during a rotation overlap)", body: webhookSecretBodySchema, response: { 200: webhookSecretResponseSchema } } },
    async (request) => {
      const { raw } = await readParams(request, 64 * 1024);
      const account = await requireAccount(deps, limiter, request, raw);
      return getWebhookSecret(deps, account.id);
    },
  );

  app.post(
    '/webhook/secret/rotate',
    { schema: { tags: ['webhooks'], summary: 'A new signing secret; callbacks carry both signatures during the overlap', body: rotateWebhookSecretBodySchema, response: { 200: webhookSecretResponseSchema } } },
    async (request) => {
      const { raw } = await readParams(request, 64 * 1024);
      const account = await requireAccount(deps, limiter, request, raw);
      const overlap = raw.overlap_hours === undefined || raw.overlap_hours === '' ? undefined : Number(raw.overlap_hours);
      if (overlap !== undefined && !Number.isFinite(overlap)) throw invalidValue('overlap_hours', 'a number of hours');
      const view = await rotateWebhookSecret(deps, account.id, { overlapHours: overlap });
      request.log.info({ account: account.id, previousValidUntil: view.previous?.valid_until }, 'webhook secret rotated');
      return view;
    },
  );
}
