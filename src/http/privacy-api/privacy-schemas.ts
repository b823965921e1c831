import { z } from 'zod';

/** Body of `/privacy/erase` and `/privacy/export`: one of reference or customid (API key in body or X-API-Key). */
export const subjectBodySchema = z
  .object({
    apikey: z.string().max(200).optional().describe('API key (or the X-API-Key header)'),
    reference: z.string().max(64).optional().describe('DocuPass reference; its reusable-link children are included'),
    customid: z.string().max(1000).optional().describe('every session created with this custom id'),
  })
  .loose()
  .optional();

const errorBody = z.object({ error: z.object({ code: z.number(), message: z.string() }) });

export const erasureSummarySchema = z.object({
  reference: z.string(),
  level: z.enum(['media', 'full']),
  already: z.boolean().describe('erased before: nothing more to do'),
  files: z.number(),
  vault_entries: z.number(),
  vault_images: z.number(),
  callback_payloads: z.number(),
  verification_results: z.number(),
  phone_number: z.boolean(),
  data_keys_destroyed: z.number(),
});

export const eraseResponseSchema = z.union([z.object({ success: z.literal(true), erased: z.array(erasureSummarySchema) }), errorBody]);

export const erasuresBodySchema = z.object({ apikey: z.string().max(200).optional(), reference: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }).loose().optional();

export const erasuresResponseSchema = z.union([
  z.object({
    items: z.array(z.object({ reference: z.string(), level: z.string(), reason: z.string(), actor: z.string(), time: z.string(), erased: z.record(z.string(), z.unknown()) })),
  }),
  errorBody,
]);
