import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { renderSessionQr } from '../../services/session/render-qr.ts';
import { openSession } from '../../services/session/open-session.ts';
import { isReferenceShape } from '../../domain/session/reference.ts';
import { renderSessionPage, renderStartPage } from './session-page.ts';
import { sendCapturePage } from './capture-page.ts';
import { pickLanguage } from './pick-language.ts';
import { healthResponse } from '../openapi/api-schemas.ts';

/** Routes the end user's browser reaches without an API key. */
export function registerPublicRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const pageConfig = { config: { errorStatus: true } };

  app.get('/health', { ...pageConfig, schema: { tags: ['Operations'], summary: 'Liveness: the process answers', response: { 200: healthResponse } } }, async () => ({ status: 'ok' as const }));

  app.get<{ Params: { file: string } }>('/qr/:file', pageConfig, async (request, reply) => {
    const m = /^([A-Z0-9]{6,32})\.png$/.exec(request.params.file);
    const png = m ? await renderSessionQr(deps, m[1]) : null;
    if (!png) return reply.status(404).type('text/plain').send('Unknown QR code');
    return reply.type('image/png').header('cache-control', 'private, max-age=300').send(png);
  });

  // No session yet: the browser's languages choose.
  const browserLanguage = (request: { headers: Record<string, unknown> }) => pickLanguage(undefined, String(request.headers['accept-language'] ?? ''));

  app.get('/', pageConfig, async (request, reply) => reply.type('text/html').send(renderStartPage(browserLanguage(request))));

  app.get<{ Querystring: { reference?: string } }>('/start', pageConfig, async (request, reply) => {
    const ref = String(request.query.reference ?? '').trim().toUpperCase();
    if (!isReferenceShape(ref)) return reply.status(400).type('text/html').send(renderStartPage(browserLanguage(request), true));
    return reply.redirect(`/${ref}`, 303);
  });

  app.get<{ Params: { reference: string } }>('/:reference', pageConfig, async (request, reply) => {
    const ref = request.params.reference.toUpperCase();
    if (!isReferenceShape(ref)) return reply.status(404).type('text/html').send(renderSessionPage({ kind: 'unknown' }, browserLanguage(request)));
    const result = await openSession(deps, ref);
    if (result.kind === 'redirect') return reply.redirect(`/${result.reference}`, 303);
    if (result.kind === 'active') return sendCapturePage(deps, request, reply, result.session);
    const override = result.kind === 'unknown' ? undefined : result.session.options.language;
    return reply.status(result.kind === 'unknown' ? 404 : 200).type('text/html').send(renderSessionPage(result, pickLanguage(override, String(request.headers['accept-language'] ?? ''))));
  });
}
