import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import type { ServiceDeps } from '../../services/deps.ts';
import type { SessionRow } from '../../database/repositories/sessions-repository.ts';
import type { CreateOptions, SignOptions } from '../../domain/session/create-options.ts';
import { effectiveState, TERMINAL_STATES, type SessionState } from '../../domain/session/session-state.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { storeSessionFile, storeSessionImages } from '../../services/session-files.ts';
import type { ImageSource } from '../../services/intake-image.ts';
import { confirmPhoneCode, PhoneVerificationError, sendPhoneCode } from '../../services/phone-verification.ts';
import { contractSignBody, phoneConfirmBody, phoneStartBody, type CaptureLanguage, type UploadRole } from '../../contract/capture-api.ts';
import { checkCaptureToken } from './capture-token.ts';
import { buildSessionView, sessionStatus } from './session-view.ts';
import { pickLanguage } from './pick-language.ts';
import { fetchSessionLogo } from './session-logo.ts';
import { readAsset } from './web-assets.ts';
import { submitSession } from '../../services/submit-session.ts';
import { sessionContractPreview, signSessionContract } from './session-contract.ts';

const ROLES: ReadonlySet<UploadRole> = new Set(['document', 'document_back', 'face', 'face_video']);
const VIDEO_TYPES: Record<string, string> = { 'video/webm': 'webm', 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/x-matroska': 'mkv' };
const MAX_FRAMES = 12;

type Req = FastifyRequest<{ Params: { reference: string } }>;

const fail = (reply: FastifyReply, status: number, message: string, reason?: string, retryAfterSeconds?: number) =>
  reply.status(status).send({ error: { code: status === 403 ? ErrorCode.InvalidApiKey : ErrorCode.InvalidValue, message, ...(reason ? { reason } : {}), ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } });

/** The session a request may act on: the token must belong to this reference and still be live. */
async function authorise(deps: ServiceDeps, request: Req, reply: FastifyReply): Promise<SessionRow | null> {
  const reference = request.params.reference.toUpperCase();
  const token = request.headers['x-capture-token'];
  const session = await deps.sessions.findByReference(reference);
  if (!session || !(await checkCaptureToken(deps, reference, typeof token === 'string' ? token : undefined))) {
    fail(reply, 403, 'This page has expired; reload it to continue.', 'token');
    return null;
  }
  return session;
}

/** Capture actions need a session that is neither finished nor being checked (unless a retry is due). */
async function requireCapturing(deps: ServiceDeps, session: SessionRow, reply: FastifyReply): Promise<boolean> {
  const state = effectiveState(session.state as SessionState, session.expires_at, deps.clock());
  if (TERMINAL_STATES.has(state)) {
    fail(reply, 409, 'This session is finished.', 'finished');
    return false;
  }
  if (state === 'in_progress') {
    const status = await sessionStatus(deps, session);
    if (status.nextSteps.length === 0) {
      fail(reply, 409, 'Your documents are being checked.', 'processing');
      return false;
    }
  }
  return true;
}

/** A signature session before signing, or a verification that passed and waits for the signature. */
async function awaitingContract(deps: ServiceDeps, session: SessionRow): Promise<boolean> {
  const status = await sessionStatus(deps, session);
  if (session.kind === 'signature') return ['created', 'opened'].includes(status.state);
  return !!status.awaitingSignature;
}

function languageOf(deps: ServiceDeps, session: SessionRow, request: FastifyRequest): CaptureLanguage {
  const o = JSON.parse(session.options_json) as CreateOptions | SignOptions;
  return pickLanguage(o.language, request.headers['accept-language']);
}

const view = (deps: ServiceDeps, session: SessionRow, request: FastifyRequest) => buildSessionView(deps, session, languageOf(deps, session, request));

async function readUpload(request: FastifyRequest, maxBytes: number): Promise<{ file?: Buffer; frames: Buffer[] }> {
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

/** Web API of the capture app, under /api/s/{reference}; the app's built files under /app/assets. */
export function registerCaptureRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  const cfg = { config: { errorStatus: true } };

  app.get<{ Params: { name: string } }>('/app/assets/:name', cfg, async (request, reply) => {
    const asset = readAsset(request.params.name);
    if (!asset) return reply.status(404).type('text/plain').send('Not found');
    return reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body);
  });

  app.get<{ Params: { reference: string } }>('/api/s/:reference/logo', cfg, async (request, reply) => {
    const session = await deps.sessions.findByReference(request.params.reference.toUpperCase());
    const url = session ? (JSON.parse(session.options_json) as CreateOptions).logo : undefined;
    const logo = url ? await fetchSessionLogo(deps, url) : null;
    if (!logo) return reply.status(404).type('text/plain').send('No logo');
    return reply.type(logo.mime).header('cache-control', 'private, max-age=600').send(logo.bytes);
  });

  app.get<{ Params: { reference: string } }>('/api/s/:reference/session', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    return session ? view(deps, session, request) : reply;
  });

  app.post<{ Params: { reference: string; role: string } }>('/api/s/:reference/upload/:role', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session || !(await requireCapturing(deps, session, reply))) return reply;
    const role = request.params.role as UploadRole;
    if (!ROLES.has(role) || session.kind !== 'verification') return fail(reply, 400, 'Unknown upload', 'role');
    if (!request.isMultipart()) return fail(reply, 400, 'Send the file as multipart/form-data', 'format');
    const { file, frames } = await readUpload(request, deps.config.maxUploadBytes);
    if (!file) return fail(reply, 400, 'No file received', 'empty');
    if (role === 'face_video') {
      const type = await fileTypeFromBuffer(file);
      const ext = type && VIDEO_TYPES[type.mime];
      if (!type || !ext) return fail(reply, 400, 'The selfie video must be WebM or MP4', 'video_type');
      if (frames.length < 3) return fail(reply, 400, 'The selfie video needs at least three still frames', 'frames');
      const sources = new Map<string, ImageSource>(frames.map((f, i) => [`face_video_frame_${i}`, { kind: 'bytes', param: `frame ${i + 1}`, data: f }]));
      const frameRows = await storeSessionImages(deps, session.account_id, session.reference, sources);
      const videoRow = await storeSessionFile(deps, session.account_id, session.reference, 'face_video', { data: file, mime: type.mime, ext });
      await deps.capture.insertFiles([...frameRows, videoRow]);
    } else {
      const rows = await storeSessionImages(deps, session.account_id, session.reference, new Map([[role, { kind: 'bytes', param: role, data: file }]]));
      await deps.capture.insertFiles(rows);
    }
    await deps.sessions.updateState(session.reference, ['created'], 'opened', deps.clock());
    return view(deps, (await deps.sessions.findByReference(session.reference))!, request);
  });

  app.post<{ Params: { reference: string } }>('/api/s/:reference/no-back', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session || !(await requireCapturing(deps, session, reply))) return reply;
    const state = await deps.capture.getState(session.reference);
    await deps.capture.upsertState({ reference: session.reference, back_not_needed: 1, video_challenge: state?.video_challenge ?? null, updated_at: deps.clock() });
    return view(deps, session, request);
  });

  app.post<{ Params: { reference: string } }>('/api/s/:reference/phone/send', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session || !(await requireCapturing(deps, session, reply))) return reply;
    const body = phoneStartBody.safeParse(request.body ?? {});
    if (!body.success) return fail(reply, 400, 'That is not a valid phone number', 'invalid_number');
    try {
      await sendPhoneCode(deps, session.reference, body.data);
    } catch (e) {
      if (e instanceof PhoneVerificationError) return fail(reply, 400, e.message, e.reason, e.retryAfterSeconds);
      throw e;
    }
    return view(deps, session, request);
  });

  app.post<{ Params: { reference: string } }>('/api/s/:reference/phone/confirm', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session || !(await requireCapturing(deps, session, reply))) return reply;
    const body = phoneConfirmBody.safeParse(request.body ?? {});
    if (!body.success) return fail(reply, 400, 'That code is not right', 'wrong_code');
    try {
      await confirmPhoneCode(deps, session.reference, body.data.code);
    } catch (e) {
      if (e instanceof PhoneVerificationError) return fail(reply, 400, e.message, e.reason, e.retryAfterSeconds);
      throw e;
    }
    return view(deps, session, request);
  });

  app.get<{ Params: { reference: string } }>('/api/s/:reference/contract', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session) return reply;
    if (!(await awaitingContract(deps, session))) return fail(reply, 409, 'There is no contract to sign now', 'no_contract');
    return sessionContractPreview(deps, session);
  });

  app.post<{ Params: { reference: string } }>('/api/s/:reference/contract/sign', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session) return reply;
    if (!(await awaitingContract(deps, session))) return fail(reply, 409, 'There is no contract to sign now', 'no_contract');
    const body = contractSignBody.safeParse(request.body ?? {});
    if (!body.success || !body.data.signaturePng) return fail(reply, 400, 'Sign in the box and tick the box', 'signature');
    const png = Buffer.from(body.data.signaturePng.replace(/^data:image\/png;base64,/, ''), 'base64');
    try {
      await signSessionContract(deps, session, { signaturePng: png, typedName: body.data.typedName, ip: request.ip, userAgent: String(request.headers['user-agent'] ?? ''), viewedAt: deps.clock() });
    } catch (e) {
      if (e instanceof DomainError && /signer/.test(e.message)) return fail(reply, 400, e.message, 'name');
      if (e instanceof DomainError && e.code === ErrorCode.InvalidImage) return fail(reply, 400, e.message, 'signature');
      throw e;
    }
    return view(deps, (await deps.sessions.findByReference(session.reference))!, request);
  });

  app.post<{ Params: { reference: string } }>('/api/s/:reference/submit', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    if (!session || !(await requireCapturing(deps, session, reply))) return reply;
    const status = await sessionStatus(deps, session);
    if (status.nextSteps.length > 0) return fail(reply, 400, 'Some steps are not done yet', 'steps_missing');
    await submitSession(deps, session.reference);
    return view(deps, (await deps.sessions.findByReference(session.reference))!, request);
  });

  app.get<{ Params: { reference: string } }>('/api/s/:reference/status', cfg, async (request, reply) => {
    const session = await authorise(deps, request, reply);
    return session ? view(deps, session, request) : reply;
  });
}
