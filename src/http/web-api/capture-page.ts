import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import { issueCaptureToken } from './capture-token.ts';
import { buildSessionView } from './session-view.ts';
import { pickLanguage } from './pick-language.ts';
import { loadCustomFrame } from './custom-html.ts';
import { appAssets } from './web-assets.ts';
import { appPageCsp, renderAppPage, renderNotBuiltPage } from './app-page.ts';

/** The capture app for an active session: a fresh upload token, the session view, the business's frame. */
export async function sendCapturePage(deps: ServiceDeps, request: FastifyRequest, reply: FastifyReply, session: Session): Promise<FastifyReply> {
  const assets = appAssets();
  if (!assets) {
    deps.logger.error('web/dist is missing: run `npm run build`');
    return reply.status(503).type('text/html').send(renderNotBuiltPage());
  }
  const o = session.options;
  const language = pickLanguage(o.language, request.headers['accept-language']);
  const [token, view, frame] = await Promise.all([
    issueCaptureToken(deps, session.reference),
    buildSessionView(deps, session, language),
    o.customhtmlurl ? loadCustomFrame(deps, session.reference, o.customhtmlurl) : Promise.resolve(null),
  ]);
  return reply
    .header('content-security-policy', appPageCsp(frame?.origin))
    .header('cache-control', 'no-store')
    .header('permissions-policy', 'camera=(self), microphone=(self)')
    .type('text/html; charset=utf-8')
    .send(renderAppPage({ reference: session.reference, token, view }, assets, frame));
}
