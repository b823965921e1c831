import { z } from 'zod';

/**
 * The DocuPass callback body idgate POSTs to a session's `callbackurl`, as zod so the OpenAPI
 * document describes it under `webhooks` (it is built by src/domain/callback/payload.ts; the
 * conformance test checks real payloads against this schema).
 */
const image = z
  .object({
    side: z.enum(['FRONT', 'BACK', 'BIODATA']).optional(),
    type: z.string().describe('image kind, e.g. "document" or "face"'),
    content: z.string().optional().describe('base64 image (return_type 0)'),
    url: z.string().optional().describe('signed link to the image (return_type 1)'),
  });

const contract = z.object({ document_url: z.string() });

const envelope = {
  reference: z.string().describe('the session reference'),
  hash: z.string().describe('the DocuPass hash (32 hex characters); check it with POST /docupass/validate'),
  customid: z.string().nullable(),
};

const verificationBody = {
  data: z.record(z.string(), z.unknown()).describe('document fields, DocuPass `data` shape'),
  contract: contract.optional(),
  phone: z.object({ number: z.string(), type: z.string() }).optional(),
  face: z.object({ isIdentical: z.boolean(), confidence: z.string().describe('three decimals, e.g. "0.901"') }).optional(),
  verification: z.object({ passed: z.boolean(), result: z.record(z.string(), z.boolean()) }),
  authentication: z
    .object({
      score: z.number(),
      breakdown: z.record(z.string(), z.object({ passed: z.boolean(), reason: z.string().optional() })).optional(),
      warning: z.array(z.string()).optional(),
    })
    .optional(),
  aml: z.array(z.unknown()),
  documentimage: z.array(image),
  faceimage: z.array(image),
  vaultid: z.string().optional(),
};

export const callbackPayloadSchema = z
  .union([
    z.object({ success: z.literal(true), ...envelope, ...verificationBody }).describe('verification passed'),
    z.object({ success: z.literal(false), ...envelope, failreason: z.string(), failcode: z.number().int(), ...verificationBody }).describe('verification failed'),
    z.object({ success: z.literal(true), ...envelope, contract }).describe('signature session signed'),
    z.object({ success: z.literal(false), ...envelope, failreason: z.literal('Session expired'), failcode: z.literal(0) }).describe('session expired'),
  ]);

/** The `webhooks` section of the OpenAPI document. */
export function webhooksSection(): Record<string, unknown> {
  const schema = z.toJSONSchema(callbackPayloadSchema, { target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' });
  delete (schema as Record<string, unknown>).$schema;
  return {
    docupassCallback: {
      post: {
        summary: 'DocuPass callback',
        description:
          'POSTed to the session\'s `callbackurl` when a verification finishes, fails, is signed or expires. Signed with Standard Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Retried after 10 min, 1 h, 12 h and 24 h until the receiver answers 2xx.',
        requestBody: { required: true, content: { 'application/json': { schema } } },
        responses: { '200': { description: 'Any 2xx acknowledges the delivery.' } },
      },
    },
  };
}
