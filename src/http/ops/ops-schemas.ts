import { z } from 'zod';

export const healthResponseSchema = z.object({ status: z.literal('ok') });

const check = z.object({ ok: z.boolean(), ms: z.number().int().nonnegative() });
export const readyResponseSchema = z.object({
  status: z.enum(['ready', 'not ready']),
  checks: z.object({ database: check, store: check, queue: check, engines: check }),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;

export const metricsResponseSchema = z.string().describe('Prometheus text exposition format 0.0.4');
