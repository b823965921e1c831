import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { readParams } from '../plugins/request-params.ts';
import { requireAccount, type RateLimiter } from '../plugins/api-auth.ts';
import { createSignatureSession, createVerificationSession } from '../../services/create-session.ts';
import { validateCallback } from '../../services/validate-callback.ts';

/** The business-facing DocuPass routes: create, sign, validate. */
export function registerDocupassRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.post('/docupass/create', async (request) => {
    const { raw, files } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    return createVerificationSession(deps, account, raw, { document: files.document, document_back: files.document_back, face: files.face });
  });

  app.post('/docupass/sign', async (request) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    return createSignatureSession(deps, account, raw);
  });

  app.post('/docupass/validate', async (request) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    return validateCallback(deps, account, raw);
  });
}
