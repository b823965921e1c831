import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import type { Session } from '../../database/repositories/sessions-repository.ts';
import { CAPTURE_STATES, effectiveState, TERMINAL_STATES } from '../../domain/session/session-state.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { checkCaptureToken } from './capture-token.ts';
import { sessionStatus } from './session-view.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The session the capture token opened (set by the `captureAuth` hook). */
    captureSession?: Session;
  }
}

type RefRequest = FastifyRequest<{ Params: { reference: string } }>;

/** The session a capture-token request acts on; only after the `captureAuth` hook ran. */
export function sessionOf(request: FastifyRequest): Session {
  if (!request.captureSession) throw new Error('captureAuth hook did not run for this route');
  return request.captureSession;
}

/**
 * Capture API authorisation, as a preHandler hook: the `x-capture-token` must belong to this
 * reference and still be live. `capturing` additionally needs a session that is neither finished
 * nor being checked (unless a retry is due); `contract` one that waits for a signature.
 */
export function captureAuth(deps: ServiceDeps, need: 'any' | 'capturing' | 'contract' = 'any') {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const reference = (request as RefRequest).params.reference.toUpperCase();
    const token = request.headers['x-capture-token'];
    const session = await deps.sessions.findByReference(reference);
    if (!session || !(await checkCaptureToken(deps, reference, typeof token === 'string' ? token : undefined))) {
      throw new DomainError(ErrorCode.InvalidApiKey, 'This page has expired; reload it to continue.', { reason: 'token' });
    }
    if (need === 'capturing') await requireCapturing(deps, session);
    if (need === 'contract' && !(await awaitingContract(deps, session))) throw new DomainError(ErrorCode.SessionStateConflict, 'There is no contract to sign now', { reason: 'no_contract' });
    request.captureSession = session;
  };
}

async function requireCapturing(deps: ServiceDeps, session: Session): Promise<void> {
  const state = effectiveState(session.state, session.expires_at, deps.clock());
  if (TERMINAL_STATES.has(state)) throw new DomainError(ErrorCode.SessionStateConflict, 'This session is finished.', { reason: 'finished' });
  if (state === 'in_progress' && (await sessionStatus(deps, session)).nextSteps.length === 0) {
    throw new DomainError(ErrorCode.SessionStateConflict, 'Your documents are being checked.', { reason: 'processing' });
  }
}

/** A signature session before signing, or a verification that passed and waits for the signature. */
async function awaitingContract(deps: ServiceDeps, session: Session): Promise<boolean> {
  const status = await sessionStatus(deps, session);
  if (session.kind === 'signature') return (CAPTURE_STATES as readonly string[]).includes(status.state);
  return !!status.awaitingSignature;
}

const MAX_FRAMES = 12;

/** The multipart upload: `file`, and for a selfie video up to 12 still `frames`. */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ file?: Buffer; frames: Buffer[] }> {
  if (!request.isMultipart()) throw new DomainError(ErrorCode.InvalidValue, 'Send the file as multipart/form-data', { reason: 'format' });
  const out: { file?: Buffer; frames: Buffer[] } = { frames: [] };
  for await (const part of request.parts({ limits: { fileSize: maxBytes, files: MAX_FRAMES + 1, fields: 4 } })) {
    if (part.type !== 'file') continue;
    const buf = await part.toBuffer();
    if ((part.file as { truncated?: boolean }).truncated) throw new DomainError(ErrorCode.InvalidImage, `The file is larger than ${maxBytes} bytes`);
    if (part.fieldname === 'file') out.file = buf;
    else if (part.fieldname === 'frames' && out.frames.length < MAX_FRAMES) out.frames.push(buf);
  }
  return out;
}
