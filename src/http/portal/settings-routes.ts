import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { requireCapability } from '../../services/portal/permissions.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';
import { getBranding, getLogo, getSettings, saveLogo, saveSettings } from '../../services/portal/settings.ts';
import { openDraftPreview, previewDraftTemplate } from '../../services/portal/template-preview.ts';
import { authOf } from './portal-auth.ts';
import { brandingReply, settingsBody, settingsReply, templatePreviewBody, templatePreviewReply } from './portal-schemas.ts';

/** The preview document's own CSP: no script; inline styles and data: images, as templates use. */
export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";

/** Settings (admin): company name, logo, default session options; and the template editor's live preview. */
export function registerSettingsRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { errorStatus: true };
  const tags = ['portal'];

  api.get('/settings', { config, schema: { tags, summary: 'Account settings: company name, logo, default session options (admin)', response: { 200: settingsReply } } }, async (request) => getSettings(deps, authOf(request).actor));
  api.post(
    '/settings',
    { config, schema: { tags, summary: 'Change the company name and/or the default session options (validated as /docupass/create); audited as settings.update', body: settingsBody, response: { 200: settingsReply } } },
    async (request) => saveSettings(deps, authOf(request).actor, request.body),
  );
  /** multipart/form-data with one file field `logo` (PNG, JPEG or WebP, up to 512 kB). */
  api.post('/settings/logo', { config, schema: { tags, summary: 'Upload the company logo (re-encoded to PNG); audited as settings.logo', consumes: ['multipart/form-data'], response: { 200: settingsReply } } }, async (request) => {
    const { actor } = authOf(request);
    requireCapability(actor, 'settings');
    if (!request.isMultipart()) throw new DomainError(ErrorCode.InvalidValue, 'Send the logo as multipart/form-data');
    const file = await request.file({ limits: { fileSize: 512 * 1024 + 1, files: 1 } });
    if (!file) throw new DomainError(ErrorCode.InvalidValue, 'No logo file in the upload');
    const data = await file.toBuffer();
    if (file.file.truncated) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `logo`: an image of at most 512 kB');
    return saveLogo(deps, actor, data);
  });
  api.get('/settings/logo', { config, schema: { tags, summary: 'The company logo (PNG)', querystring: z.object({ v: z.string().max(20).optional() }) } }, async (request, reply) => {
    const logo = await getLogo(deps, authOf(request).actor);
    return reply.type(logo.mime).header('cache-control', 'private, no-store').send(logo.data);
  });
  api.get('/branding', { config, schema: { tags, summary: "The account's company name and logo link, for the portal's header", response: { 200: brandingReply } } }, async (request) => getBranding(deps, authOf(request).actor));

  api.post(
    '/templates/preview',
    { config, bodyLimit: 6 * 1024 * 1024, schema: { tags, summary: "Fill unsaved template HTML with sample data (or a session's, for roles with personal data) without storing anything", body: templatePreviewBody, response: { 200: templatePreviewReply } } },
    async (request) => previewDraftTemplate(deps, authOf(request).actor, request.body),
  );
  api.get('/templates/draft-preview/:token', { config, schema: { tags, summary: 'The filled draft as its own document (for the preview frame; 5 minutes, same operator)', params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{10,40}$/) }) } }, async (request, reply) => {
    const html = openDraftPreview(deps, authOf(request).actor, request.params.token);
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PREVIEW_CSP).send(html);
  });
}
