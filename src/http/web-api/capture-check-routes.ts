import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions } from '../../domain/session/create-options.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { precheckCapture } from '../../services/capture/capture-precheck.ts';
import { finishFinalFailure } from '../../services/capture/capture-final-failure.ts';
import { checkCaptureToken } from './capture-token.ts';
import { buildSessionView } from './session-view.ts';
import { pickLanguage } from './pick-language.ts';

/** Schemas of the precheck and finish routes (declared beside them; parsed here until the type provider is wired). */
export const captureCheckParams = z.object({ reference: z.string().min(4).max(64), role: z.enum(['document', 'document_back', 'face']) });
export const captureFinishParams = z.object({ reference: z.string().min(4).max(64) });
export const precheckResponse = z.object({
  role: z.enum(['document', 'document_back', 'face']),
  ok: z.boolean(),
  problems: z.array(z.string()),
  documentType: z.enum(['P', 'I', 'D']).optional(),
  needsBack: z.boolean().optional(),
  notPerformed: z.array(z.string()).optional(),
});

async function authorised(deps: ServiceDeps, request: FastifyRequest, reference: string): Promise<Session> {
  const ref = reference.toUpperCase();
  const token = request.headers['x-capture-token'];
  const session = await deps.sessions.findByReference(ref);
  if (!session || !(await checkCaptureToken(deps, ref, typeof token === 'string' ? token : undefined))) {
    throw new DomainError(ErrorCode.InvalidApiKey, 'This page has expired; reload it to continue.');
  }
  return session;
}

async function firstFile(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw new DomainError(ErrorCode.InvalidValue, 'Send the photo as multipart/form-data');
  for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 2 } })) {
    if (part.type !== 'file') continue;
    const buf = await part.toBuffer();
    // One byte over the limit is enough to say "too large" by name.
    return (part.file as { truncated?: boolean }).truncated ? Buffer.concat([buf, Buffer.alloc(1)]) : buf;
  }
  throw new DomainError(ErrorCode.InvalidImage, 'No file received');
}

/**
 * Feedback at capture: `POST /api/s/{reference}/check/{role}` looks at one photo (document front,
 * back or selfie) and names what is wrong while the person can still take another; nothing is
 * stored. `POST /api/s/{reference}/finish` ends a session whose last failure no retry can mend
 * (expired document, country, type, age), so the business hears at once.
 */
export function registerCaptureCheckRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const cfg = { config: { errorStatus: true } };

  app.post('/api/s/:reference/check/:role', cfg, async (request) => {
    const params = captureCheckParams.safeParse(request.params);
    if (!params.success) throw new DomainError(ErrorCode.InvalidValue, 'Unknown photo kind: use document, document_back or face');
    const session = await authorised(deps, request, params.data.reference);
    if (session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, 'This session takes no photos');
    const file = await firstFile(request, deps.config.maxUploadBytes);
    const result = await precheckCapture(deps, session.options, params.data.role, file);
    return precheckResponse.parse(result);
  });

  app.post('/api/s/:reference/finish', cfg, async (request) => {
    const params = captureFinishParams.safeParse(request.params);
    if (!params.success) throw new DomainError(ErrorCode.InvalidValue, 'Invalid reference');
    const session = await authorised(deps, request, params.data.reference);
    await finishFinalFailure(deps, session);
    const o = session.options;
    const fresh = (await deps.sessions.findByReference(session.reference))!;
    return buildSessionView(deps, fresh, pickLanguage(o.language, request.headers['accept-language']));
  });
}
