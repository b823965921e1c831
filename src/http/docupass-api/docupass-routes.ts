import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.ts';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { apiCallOf, apiRoute } from '../plugins/api-route.ts';
import { createSessionResponse, deliveriesResponse, redeliverResponse, referenceBody, signSessionResponse, validateResponse } from '../openapi/api-schemas.ts';
import { createSignatureSession, createVerificationSession } from '../../services/session/create-session.ts';
import { validateCallback } from '../../services/session/validate-callback.ts';
import { listDeliveries, redeliverCallback } from '../../services/callbacks/callback-delivery.ts';
import { invalidValue } from '../../domain/errors.ts';
import { createOptionsSchema, signOptionsSchema } from '../../domain/session/create-options.ts';
import { CREATE_URL_PARAMS, refuseUnreachableUrls, SIGN_URL_PARAMS } from '../../services/session/refuse-unreachable-urls.ts';
import { reportUnknownParams } from './unknown-params.ts';

const referenceParam = (raw: Record<string, unknown>): string => {
  const r = typeof raw.reference === 'string' ? raw.reference.trim().toUpperCase() : '';
  if (!/^[A-Z0-9]{6,32}$/.test(r)) throw invalidValue('reference');
  return r;
};

/** The business-facing DocuPass routes: create, sign, validate, callback deliveries. */
export function registerDocupassRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tag = 'DocuPass';

  api.post('/docupass/create', apiRoute(deps, limiter, { tag, summary: 'Create a verification session', body: createOptionsSchema, response: createSessionResponse }), async (request, reply) => {
    const { raw, files, account } = apiCallOf(request);
    reportUnknownParams(request, reply, raw, Object.keys(createOptionsSchema.shape));
    await refuseUnreachableUrls(deps, raw, CREATE_URL_PARAMS);
    return createVerificationSession(deps, account, raw, { document: files.document, document_back: files.document_back, face: files.face });
  });

  api.post('/docupass/sign', apiRoute(deps, limiter, { tag, summary: 'Create a contract signature session', body: signOptionsSchema, response: signSessionResponse }), async (request, reply) => {
    const { raw, account } = apiCallOf(request);
    reportUnknownParams(request, reply, raw, Object.keys(signOptionsSchema.shape));
    await refuseUnreachableUrls(deps, raw, SIGN_URL_PARAMS);
    return createSignatureSession(deps, account, raw);
  });

  api.post('/docupass/deliveries', apiRoute(deps, limiter, { tag, summary: "A session's callback deliveries and every attempt", body: referenceBody, response: deliveriesResponse }), async (request) => {
    const { raw, account } = apiCallOf(request);
    return listDeliveries(deps, account.id, referenceParam(raw));
  });

  api.post('/docupass/redeliver', apiRoute(deps, limiter, { tag, summary: "Send a session's last callback again", body: referenceBody, response: redeliverResponse }), async (request) => {
    const { raw, account } = apiCallOf(request);
    return redeliverCallback(deps, account.id, referenceParam(raw));
  });

  api.post(
    '/docupass/validate',
    apiRoute(deps, limiter, { tag, summary: 'Check that a callback (reference and hash) is genuine', body: referenceBody.extend({ hash: z.string() }), response: validateResponse }),
    async (request) => {
      const { raw, account } = apiCallOf(request);
      return validateCallback(deps, account, raw);
    },
  );
}
