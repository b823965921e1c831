import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { actorWho, audit } from '../../services/portal/audit.ts';
import { getDashboard, getReviewQueue } from '../../services/portal/dashboard.ts';
import { openImageToken } from '../../services/portal/image-links.ts';
import { can } from '../../services/portal/permissions.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';
import { decideReview, setReviewMark } from '../../services/portal/review-decide.ts';
import { getSessionDetail } from '../../services/portal/session-detail.ts';
import { listSessions } from '../../services/portal/session-list.ts';
import { mimeOfStorageKey } from '../../services/vault/vault-file-urls.ts';
import { authOf } from './portal-auth.ts';
import { dashboardReply, markBody, markReply, queueQuery, queueReply, refParams, reviewBody, reviewReply, sessionDetailReply, sessionsQuery, sessionsReply } from './portal-schemas.ts';
import { z } from 'zod';

export function registerSessionRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { errorStatus: true };
  const tags = ['portal'];

  api.get('/sessions', { config, schema: { tags, querystring: sessionsQuery, response: { 200: sessionsReply } } }, async (request) => listSessions(deps, authOf(request).actor, request.query));

  api.get('/sessions/:reference', { config, schema: { tags, params: refParams, response: { 200: sessionDetailReply } } }, async (request) => getSessionDetail(deps, authOf(request).actor, request.params.reference));

  api.post('/sessions/:reference/review', { config, schema: { tags, params: refParams, body: reviewBody, response: { 200: reviewReply } } }, async (request) =>
    decideReview(deps, authOf(request).actor, request.params.reference, request.body),
  );

  api.post('/sessions/:reference/mark', { config, schema: { tags, params: refParams, body: markBody, response: { 200: markReply } } }, async (request) =>
    setReviewMark(deps, authOf(request).actor, request.params.reference, request.body),
  );

  api.get('/review-queue', { config, schema: { tags, querystring: queueQuery, response: { 200: queueReply } } }, async (request) => getReviewQueue(deps, authOf(request).actor, request.query));

  api.get('/dashboard', { config, schema: { tags, response: { 200: dashboardReply } } }, async (request) => getDashboard(deps, authOf(request).actor));

  /**
   * An image behind a short-lived signed link; the link alone is not enough (the operator's
   * session and role are checked too). Never cached; every download is audited.
   */
  api.get('/images/:token', { config, schema: { tags, params: z.object({ token: z.string().max(100) }) } }, async (request, reply) => {
    const { actor } = authOf(request);
    const found = can(actor.role, 'images') ? await openImageToken(deps, request.params.token, actor.accountId) : null;
    if (!found) throw new DomainError(ErrorCode.PortalForbidden, 'This image link is not valid for you, or has expired');
    await audit(deps, actorWho(actor), found.kind === 'contract' ? 'contract.download' : 'image.view', found.reference, { file: found.kind });
    return reply.header('cache-control', 'no-store').header('content-disposition', found.kind === 'contract' ? `attachment; filename="contract-${found.reference}.${found.key.split('.').pop()}"` : 'inline').type(mimeOfStorageKey(found.key)).send(await deps.files.get(found.key));
  });
}
