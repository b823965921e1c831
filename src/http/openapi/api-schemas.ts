import { z } from 'zod';

/**
 * Answer schemas of the public API routes. Loose objects: the serializer keeps every key the
 * service returns (a response must never lose a field because the document missed it); the
 * conformance test checks real answers against the document built from these.
 */
const obj = z.looseObject;

export const createSessionResponse = obj({
  reference: z.string(),
  type: z.number().int(),
  customid: z.string(),
  url: z.string(),
  qrcode: z.string(),
  base_url: z.string(),
  html: z.string(),
  expiry: z.number().int().describe('Unix time (seconds) when the link stops working'),
  smssent: z.string().optional(),
}).meta({ id: 'CreateSessionResponse' });

export const signSessionResponse = obj({
  reference: z.string(),
  customid: z.string(),
  url: z.string(),
  qrcode: z.string(),
  base_url: z.string(),
  html_qrcode: z.string(),
  html_iframe: z.string(),
  expiry: z.number().int(),
  smssent: z.string().optional(),
}).meta({ id: 'SignSessionResponse' });

export const validateResponse = obj({ success: z.literal(true), reference: z.string() });

export const deliveriesResponse = obj({
  reference: z.string(),
  items: z.array(
    obj({
      id: z.string(),
      url: z.string(),
      state: z.string(),
      attempts: z.number().int(),
      next_attempt: z.string().nullable(),
      created: z.string().nullable(),
      log: z.array(obj({ attempt: z.number().int(), trigger: z.string(), time: z.string().nullable(), latency_ms: z.number().nullable(), status: z.number().nullable(), error: z.string().nullable(), response: z.string().nullable() })),
    }),
  ),
});

export const redeliverResponse = obj({ success: z.literal(true), reference: z.string(), delivery: z.string() });

export const coreScanResponse = obj({
  result: z.record(z.string(), z.unknown()).describe('document fields, DocuPass `data` shape'),
  confidence: z.record(z.string(), z.number()).optional(),
  doubtful: z.array(z.string()).optional(),
  face: z.record(z.string(), z.unknown()).optional(),
  verification: z.record(z.string(), z.unknown()).optional(),
  authentication: z.record(z.string(), z.unknown()).optional(),
  executionTime: z.number(),
}).meta({ id: 'CoreScanResponse' });

export const amlResponse = obj({ items: z.array(z.record(z.string(), z.unknown())) });

/** Vault answers differ per action; each is an object (entries, lists, `success`). */
export const vaultResponse = z.record(z.string(), z.unknown());

export const templateResponse = z.record(z.string(), z.unknown());

export const healthResponse = obj({ status: z.literal('ok') });

/** Body fields every API route takes besides its own. */
export const apiKeyBody = { apikey: z.string().optional().describe('API key (or the X-API-Key header)') };

export const referenceBody = z.object({ ...apiKeyBody, reference: z.string().describe('session reference') });
