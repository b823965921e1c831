import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { exportAuditCsv, listAudit } from '../../services/portal/audit-log.ts';
import { createPortalApiKey, createWebhookEndpoint, revealWebhookSecret, rotatePortalWebhookSecret, disableWebhookEndpoint, listApiKeys, listDeliveryLog, listWebhookEndpoints, resendDelivery, revokePortalApiKey } from '../../services/portal/developers.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';
import { changeTeamRole, disableTeamMember, inviteOperator, listTeam, resetTeamMember } from '../../services/portal/team.ts';
import { authOf } from './portal-auth.ts';
import { forgetApiKey } from '../plugins/api-auth.ts';
import { PREVIEW_CSP } from './settings-routes.ts';
import { importPortalAmlList, getPortalTemplate, listAmlLists, listPortalTemplates, previewPortalTemplate, savePortalTemplate } from '../../services/portal/templates.ts';
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
  templatesReply,
  templateReply,
  templateSaveBody,
  templateSaveReply,
  amlListsReply,
  amlImportReply,
  roleBody,
} from './portal-schemas.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { requireCapability } from '../../services/portal/permissions.ts';
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
    // Effective at once in this process; other processes drop it within their 5 s key cache.
    forgetApiKey(deps, request.params.id);
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

  api.get('/templates', { config, schema: { tags, response: { 200: templatesReply } } }, async (request) => listPortalTemplates(deps, authOf(request).actor));
  api.get('/templates/:id', { config, schema: { tags, params: idParams, response: { 200: templateReply } } }, async (request) => getPortalTemplate(deps, authOf(request).actor, request.params.id));
  api.post('/templates', { config, bodyLimit: 6 * 1024 * 1024, schema: { tags, body: templateSaveBody, response: { 200: templateSaveReply } } }, async (request) => savePortalTemplate(deps, authOf(request).actor, request.body));
  /** The filled preview is its own document with its own CSP (no script; inline styles and data: images as templates use). */
  api.get('/templates/:id/preview', { config, schema: { tags, params: idParams } }, async (request, reply) => {
    const html = await previewPortalTemplate(deps, authOf(request).actor, request.params.id);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PREVIEW_CSP)
      .send(html);
  });
  api.get('/aml-lists', { config, schema: { tags, response: { 200: amlListsReply } } }, async (request) => listAmlLists(deps, authOf(request).actor));

  /** multipart/form-data: `database` (optional) and the list file(s); up to 200 MB each. */
  api.post('/aml-lists', { config, schema: { tags, consumes: ['multipart/form-data'], response: { 200: amlImportReply } } }, async (request) => {
    const { actor } = authOf(request);
    // Checked before reading the upload: a viewer's upload is never buffered.
    requireCapability(actor, 'aml_import');
    if (!request.isMultipart()) throw new DomainError(ErrorCode.InvalidValue, 'Send the list as multipart/form-data');
    const files: Array<{ name: string; data: Uint8Array }> = [];
    let database: string | undefined;
    for await (const part of request.parts({ limits: { fileSize: 200 * 1024 * 1024, files: 8 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new DomainError(ErrorCode.InvalidValue, 'A list file is larger than 200 MB');
        files.push({ name: part.filename, data });
      } else if (part.fieldname === 'database') database = String(part.value);
    }
    if (!files.length) throw new DomainError(ErrorCode.InvalidValue, 'No list file in the upload');
    return importPortalAmlList(deps, actor, files, database);
  });

  api.get('/team', { config, schema: { tags, response: { 200: teamReply } } }, async (request) => listTeam(deps, authOf(request).actor));
  api.post('/team', { config, schema: { tags, body: inviteBody, response: { 200: setupLinkReply } } }, async (request) => inviteOperator(deps, authOf(request).actor, request.body));
  api.post('/team/disable', { config, schema: { tags, body: emailBody, response: ok } }, async (request) => {
    await disableTeamMember(deps, authOf(request).actor, request.body.email);
    return { ok: true as const };
  });
  api.post('/team/role', { config, schema: { tags, body: roleBody, response: ok } }, async (request) => changeTeamRole(deps, authOf(request).actor, request.body.email, request.body.role));
  api.post('/team/reset', { config, schema: { tags, body: emailBody, response: { 200: setupLinkReply } } }, async (request) => resetTeamMember(deps, authOf(request).actor, request.body.email));

  api.get('/audit', { config, schema: { tags, querystring: auditQuery, response: { 200: auditReply } } }, async (request) => listAudit(deps, authOf(request).actor, request.query));
  api.get('/audit.csv', { config, schema: { tags, querystring: auditQuery } }, async (request, reply) => {
    const csv = await exportAuditCsv(deps, authOf(request).actor, request.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="audit-log.csv"').send(csv);
  });
}
