import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportAuditCsv, listAudit } from '../../services/portal/audit-log.ts';
import { createPortalApiKey, createWebhookEndpoint, revealWebhookSecret, rotatePortalWebhookSecret, disableWebhookEndpoint, listApiKeys, listDeliveryLog, listWebhookEndpoints, resendDelivery, revokePortalApiKey } from '../../services/portal/developers.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';
import { disableTeamMember, inviteOperator, listTeam, resetTeamMember } from '../../services/portal/team.ts';
import { authOf } from './portal-auth.ts';
import {
  auditQuery,
  auditReply,
  deliveriesQuery,
  deliveriesReply,
  emailBody,
  idParams,
  inviteBody,
  keyCreateBody,
  keyCreateReply,
  keysReply,
  okSchema,
  setupLinkReply,
  teamReply,
  webhookCreateBody,
  webhooksReply,
  webhookSecretReply,
  rotateBody,
} from './portal-schemas.ts';
import { z } from 'zod';

/** Developers (keys, deliveries, webhook endpoints), team and the audit log. */
export function registerAdminRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { errorStatus: true };
  const tags = ['portal'];
  const ok = { 200: okSchema };

  api.get('/keys', { config, schema: { tags, response: { 200: keysReply } } }, async (request) => listApiKeys(deps, authOf(request).actor));
  api.post('/keys', { config, schema: { tags, body: keyCreateBody, response: { 200: keyCreateReply } } }, async (request) => createPortalApiKey(deps, authOf(request).actor, request.body.name));
  api.post('/keys/:id/revoke', { config, schema: { tags, params: idParams, response: ok } }, async (request) => {
    await revokePortalApiKey(deps, authOf(request).actor, request.params.id);
    return { ok: true as const };
  });

  api.get('/deliveries', { config, schema: { tags, querystring: deliveriesQuery, response: { 200: deliveriesReply } } }, async (request) => listDeliveryLog(deps, authOf(request).actor, request.query));
  api.post('/deliveries/:id/resend', { config, schema: { tags, params: idParams, response: ok } }, async (request) => {
    await resendDelivery(deps, authOf(request).actor, request.params.id);
    return { ok: true as const };
  });

  api.get('/webhooks', { config, schema: { tags, response: { 200: webhooksReply } } }, async (request) => listWebhookEndpoints(deps, authOf(request).actor));
  api.post('/webhooks', { config, schema: { tags, body: webhookCreateBody, response: { 200: z.object({ id: z.string() }) } } }, async (request) => createWebhookEndpoint(deps, authOf(request).actor, request.body));
  api.post('/webhooks/:id/disable', { config, schema: { tags, params: idParams, response: ok } }, async (request) => {
    await disableWebhookEndpoint(deps, authOf(request).actor, request.params.id);
    return { ok: true as const };
  });

  // A POST (not GET): revealing the secret is an audited action, and no prefetch may trigger it.
  api.post('/webhook-secret/reveal', { config, schema: { tags, response: { 200: webhookSecretReply } } }, async (request) => revealWebhookSecret(deps, authOf(request).actor));
  api.post('/webhook-secret/rotate', { config, schema: { tags, body: rotateBody, response: { 200: webhookSecretReply } } }, async (request) => rotatePortalWebhookSecret(deps, authOf(request).actor, request.body.overlapHours));

  api.get('/team', { config, schema: { tags, response: { 200: teamReply } } }, async (request) => listTeam(deps, authOf(request).actor));
  api.post('/team', { config, schema: { tags, body: inviteBody, response: { 200: setupLinkReply } } }, async (request) => inviteOperator(deps, authOf(request).actor, request.body));
  api.post('/team/disable', { config, schema: { tags, body: emailBody, response: ok } }, async (request) => {
    await disableTeamMember(deps, authOf(request).actor, request.body.email);
    return { ok: true as const };
  });
  api.post('/team/reset', { config, schema: { tags, body: emailBody, response: { 200: setupLinkReply } } }, async (request) => resetTeamMember(deps, authOf(request).actor, request.body.email));

  api.get('/audit', { config, schema: { tags, querystring: auditQuery, response: { 200: auditReply } } }, async (request) => listAudit(deps, authOf(request).actor, request.query));
  api.get('/audit.csv', { config, schema: { tags, querystring: auditQuery } }, async (request, reply) => {
    const csv = await exportAuditCsv(deps, authOf(request).actor, request.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-log.csv"').send(csv);
  });
}
