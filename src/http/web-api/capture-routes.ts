import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { confirmPhoneCode, sendPhoneCode } from '../../services/phone/phone-verification.ts';
import { markBackNotNeeded, storeCaptureUpload, UPLOAD_ROLES } from '../../services/capture/capture-upload.ts';
import { submitCapturedSession } from '../../services/session/submit-session.ts';
import { contractSignBody, phoneConfirmBody, phoneStartBody } from '../../contract/capture-api.ts';
import { captureAuth, readUpload, sessionOf } from './capture-guard.ts';
import { buildSessionView } from './session-view.ts';
import { pickLanguage } from './pick-language.ts';
import { fetchSessionLogo } from './session-logo.ts';
import { readAsset } from './web-assets.ts';
import { sessionContractPreview, signSessionContract } from './session-contract.ts';

const refParams = z.object({ reference: z.string().max(64) });

/** A body the app sent, or the app's own words for what is wrong with it. */
function bodyOf<T extends z.ZodType>(schema: T, body: unknown, message: string, reason: string): z.infer<T> {
  const r = schema.safeParse(body ?? {});
  if (!r.success) throw new DomainError(ErrorCode.InvalidValue, message, { reason });
  return r.data;
}

/** The session as the app draws it, re-read after a change, in the session's or browser's language. */
async function view(deps: ServiceDeps, request: FastifyRequest, fresh = false) {
  const before = sessionOf(request);
  const session: Session = fresh ? ((await deps.sessions.findByReference(before.reference)) ?? before) : before;
  const o = session.options;
  return buildSessionView(deps, session, pickLanguage(o.language, request.headers['accept-language']));
}

/** The app's built files under /app/assets, and the session's logo (proxied: the page's CSP allows only 'self'). */
function registerCaptureAssets(app: FastifyInstance, deps: ServiceDeps): void {
  const cfg = { config: { errorStatus: true } };
  app.get<{ Params: { name: string } }>('/app/assets/:name', cfg, async (request, reply) => {
    const asset = readAsset(request.params.name);
    if (!asset) return reply.status(404).type('text/plain').send('Not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });
  app.get<{ Params: { reference: string } }>('/api/s/:reference/logo', cfg, async (request, reply) => {
    const session = await deps.sessions.findByReference(request.params.reference.toUpperCase());
    const url = session ? session.options.logo : undefined;
    const logo = url ? await fetchSessionLogo(deps, url) : null;
    if (!logo) return reply.status(404).type('text/plain').send('No logo');
    return reply.type(logo.mime).header('cache-control', 'private, max-age=600').send(logo.bytes);
  });
}

/**
 * Web API of the capture app, under /api/s/{reference}. Every route is authorised by the
 * `captureAuth` hook (upload token, and the session state the action needs); errors are thrown
 * as DomainError with a `reason` the app switches on, and written by the one error mapper.
 */
export function registerCaptureRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerCaptureAssets(app, deps);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const route = (need: 'any' | 'capturing' | 'contract') => ({ config: { errorStatus: true }, schema: { params: refParams, hide: true }, preHandler: captureAuth(deps, need) });
  const uploadRoute = { ...route('capturing'), schema: { params: refParams.extend({ role: z.string() }), hide: true } };

  api.get('/api/s/:reference/session', route('any'), (request) => view(deps, request));
  api.get('/api/s/:reference/status', route('any'), (request) => view(deps, request));

  api.post('/api/s/:reference/upload/:role', uploadRoute, async (request) => {
    const session = sessionOf(request);
    if (!UPLOAD_ROLES.has(request.params.role) || session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, 'Unknown upload', { reason: 'role' });
    await storeCaptureUpload(deps, session, request.params.role, await readUpload(request, deps.config.maxUploadBytes));
    return view(deps, request, true);
  });

  api.post('/api/s/:reference/no-back', route('capturing'), async (request) => {
    await markBackNotNeeded(deps, sessionOf(request).reference);
    return view(deps, request);
  });

  api.post('/api/s/:reference/phone/send', route('capturing'), async (request) => {
    await sendPhoneCode(deps, sessionOf(request).reference, bodyOf(phoneStartBody, request.body, 'That is not a valid phone number', 'invalid_number'));
    return view(deps, request);
  });

  api.post('/api/s/:reference/phone/confirm', route('capturing'), async (request) => {
    await confirmPhoneCode(deps, sessionOf(request).reference, bodyOf(phoneConfirmBody, request.body, 'That code is not right', 'wrong_code').code);
    return view(deps, request);
  });

  api.get('/api/s/:reference/contract', route('contract'), (request) => sessionContractPreview(deps, sessionOf(request)));

  api.post('/api/s/:reference/contract/sign', route('contract'), async (request) => {
    const body = bodyOf(contractSignBody, request.body, 'Sign in the box and tick the box', 'signature');
    if (!body.signaturePng) throw new DomainError(ErrorCode.InvalidValue, 'Sign in the box and tick the box', { reason: 'signature' });
    const png = Buffer.from(body.signaturePng.replace(/^data:image\/png;base64,/, ''), 'base64');
    await signSessionContract(deps, sessionOf(request), { signaturePng: png, typedName: body.typedName, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), viewedAt: deps.clock() });
    return view(deps, request, true);
  });

  api.post('/api/s/:reference/submit', route('capturing'), async (request) => {
    await submitCapturedSession(deps, sessionOf(request));
    return view(deps, request, true);
  });
}
