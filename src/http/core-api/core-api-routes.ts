import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.ts';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { apiCallOf, apiRoute } from '../plugins/api-route.ts';
import { apiKeyBody, coreScanResponse } from '../openapi/api-schemas.ts';
import { coreScan } from '../../services/verification/core-scan.ts';

/** What the Core API reads (the service parses and checks each); the official client sends more. */
const coreScanBody = z.looseObject({
  ...apiKeyBody,
  file_base64: z.string().optional().describe('front of the document, base64 (or `url`, or a `file` upload)'),
  url: z.string().optional(),
  file_back_base64: z.string().optional().describe('back of the document, base64 (or `url_back`, or a `file_back` upload)'),
  url_back: z.string().optional(),
  face_base64: z.string().optional().describe('selfie to compare with the document photo, base64 (or `faceurl`, or a `face` upload)'),
  faceurl: z.string().optional(),
  verify_expiry: z.union([z.boolean(), z.string()]).optional(),
  verify_documentno: z.string().optional(),
  verify_name: z.string().optional(),
  verify_dob: z.string().optional(),
  verify_age: z.string().optional(),
  verify_address: z.string().optional(),
  verify_postcode: z.string().optional(),
  biometric_threshold: z.union([z.number(), z.string()]).optional(),
  liveness_threshold: z.union([z.number(), z.string()]).optional().describe('0–1: a selfie whose passive liveness score (the lower of the antispoof and liveness models) is below it is refused, as the DocuPass session option; default 0.1, 0 reports without deciding'),
  authenticate: z.union([z.boolean(), z.string()]).optional(),
  authenticate_module: z.string().optional(),
  dualsidecheck: z.union([z.boolean(), z.string()]).optional(),
  country: z.string().optional(),
  region: z.string().optional(),
  type: z.string().optional(),
});

/** The Core API: `POST /` with the document (and back, face, verify_* options) in one request. */
export function registerCoreApiRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/',
    apiRoute(deps, limiter, { tag: 'Core API', summary: 'Read a document (and compare a face) in one request', body: coreScanBody, response: coreScanResponse }),
    async (request) => {
      const { raw, files, account } = apiCallOf(request);
      return coreScan(deps, account, raw, files);
    },
  );
}
