import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { readParams } from '../plugins/request-params.ts';
import { requireAccount, type RateLimiter } from '../plugins/api-auth.ts';
import { coreScan } from '../../services/core-scan.ts';

/** The Core API: `POST /` with the document (and back, face, verify_* options) in one request. */
export function registerCoreApiRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.post('/', async (request) => {
    const { raw, files } = await readParams(request, deps.config.maxUploadBytes);
    const account = await requireAccount(deps, limiter, request, raw);
    return coreScan(deps, account, raw, files);
  });
}
