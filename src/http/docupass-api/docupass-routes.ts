import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { readParams } from '../plugins/request-params.ts';
import { requireAccount, type RateLimiter } from '../plugins/api-auth.ts';
import { createSignatureSession, createVerificationSession } from '../../services/create-session.ts';
import { validateCallback } from '../../services/validate-callback.ts';
import { listDeliveries, redeliverCallback } from '../../services/callback-delivery.ts';
import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import { createOptionsSchema, signOptionsSchema } from '../../domain/session/create-options.ts';
import { CREATE_URL_PARAMS, refuseUnreachableUrls, SIGN_URL_PARAMS } from '../../services/refuse-unreachable-urls.ts';
import { reportUnknownParams } from './unknown-params.ts';

const referenceParam = (raw: Record<string, unknown>): string => {
  const r = typeof raw.reference === 'string' ? raw.reference.trim().toUpperCase() : '';
  if (!/^[A-Z0-9]{6,32}$/.test(r)) throw invalidValue('reference');
  return r;
};

/** The business-facing DocuPass routes: create, sign, validate. */
export function registerDocupassRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.post('/docupass/create', async (request, reply) => {
    const { raw, files } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    reportUnknownParams(request, reply, raw, Object.keys(createOptionsSchema.shape));
    await refuseUnreachableUrls(deps, raw, CREATE_URL_PARAMS);
    return createVerificationSession(deps, account, raw, { document: files.document, document_back: files.document_back, face: files.face });
  });

  app.post('/docupass/sign', async (request, reply) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    reportUnknownParams(request, reply, raw, Object.keys(signOptionsSchema.shape));
    await refuseUnreachableUrls(deps, raw, SIGN_URL_PARAMS);
    return createSignatureSession(deps, account, raw);
  });

  app.post('/docupass/deliveries', async (request) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    return listDeliveries(deps, account.id, referenceParam(raw));
  });

  app.post('/docupass/redeliver', async (request) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    const r = await redeliverCallback(deps, account.id, referenceParam(raw));
    if (!r) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `reference`: no callback was sent for it');
    return r;
  });

  app.post('/docupass/validate', async (request) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    return validateCallback(deps, account, raw);
  });
}
