import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { requireAccount } from '../plugins/api-auth.ts';
import { readParams } from '../plugins/request-params.ts';
import { eraseSessions, readEraseTarget } from '../../services/privacy/erase-session.ts';
import { exportSubject } from '../../services/privacy/export-subject.ts';
import { listErasures } from '../../services/privacy/erasure-log.ts';
import { eraseResponseSchema, erasuresBodySchema, erasuresResponseSchema, subjectBodySchema } from './privacy-schemas.ts';

/**
 * The privacy API (issue 19): erasure and subject access by DocuPass reference or custom id,
 * scoped to the key's account, and the account's erasure log. Errors answer HTTP 200 with
 * `{"error":…}` like the rest of the API.
 */
export function registerPrivacyRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  const begin = async (request: FastifyRequest) => {
    const { raw } = await readParams(request, 64 * 1024);
    const account = await requireAccount(deps, limiter, request, raw);
    // The actor names the key (its id, never the key), so the erasure log says which key asked.
    return { raw, account, actor: `api-key:${(account as { keyId?: string }).keyId ?? 'unknown'}` };
  };

  app.post(
    '/privacy/erase',
    { schema: { tags: ['privacy'], summary: 'Erase every personal datum of a session (files, vault entry, callback payloads, phone, contract); the non-personal record stays', body: subjectBodySchema, response: { 200: eraseResponseSchema } } },
    async (request) => {
      const { raw, account, actor } = await begin(request);
      return eraseSessions(deps, account.id, readEraseTarget(raw), { actor, reason: 'request' });
    },
  );

  app.post(
    '/privacy/export',
    { schema: { tags: ['privacy'], summary: 'Everything held about a reference or custom id, as a ZIP (export.json and the files)', body: subjectBodySchema } },
    async (request, reply) => {
      const { raw, account, actor } = await begin(request);
      const target = readEraseTarget(raw);
      const { zip } = await exportSubject(deps, account.id, target);
      request.log.info({ actor }, 'subject access export');
      const name = target.reference ? `idgate-export-${target.reference}.zip` : 'idgate-export.zip';
      return reply.type('application/zip').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'no-store').send(zip);
    },
  );

  app.post(
    '/privacy/erasures',
    { schema: { tags: ['privacy'], summary: 'The erasure log of the account (no personal data)', body: erasuresBodySchema, response: { 200: erasuresResponseSchema } } },
    async (request) => {
      const { raw, account } = await begin(request);
      return listErasures(deps, account.id, { reference: typeof raw.reference === 'string' ? raw.reference : undefined, limit: Number(raw.limit ?? 100) || 100 });
    },
  );
}
