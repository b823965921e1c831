import { z } from 'zod';

const apikey = z.string().max(200).optional().describe('API key (or the X-API-Key header)');

export const webhookSecretBodySchema = z.object({ apikey }).loose().optional();

export const rotateWebhookSecretBodySchema = z
  .object({
    apikey,
    // Range checked by the service, so a bad value answers 1002 naming the parameter.
    overlap_hours: z.union([z.number(), z.string()]).optional().describe('hours (0–720) during which callbacks are signed with the old secret too (default 24)'),
  })
  .loose()
  .optional();

const errorBody = z.object({ error: z.object({ code: z.number(), message: z.string() }) });

export const webhookSecretResponseSchema = z.union([
  z.object({
    secret: z.string().describe('Standard Webhooks secret (whsec_…) that verifies the webhook-signature header of callbacks'),
    previous: z
      .object({ secret: z.string(), valid_until: z.string().describe('ISO 8601; until then callbacks carry a signature with this secret too') })
      .nullable(),
    rotated_at: z.string().nullable(),
  }),
  errorBody,
]);
