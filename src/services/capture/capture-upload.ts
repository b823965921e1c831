import { fileTypeFromBuffer } from 'file-type';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import type { ServiceDeps } from '../deps.ts';
import type { ImageSource } from '../session/intake-image.ts';
import { storeSessionFile, storeSessionImages } from '../session/session-files.ts';

export type UploadRole = 'document' | 'document_back' | 'face' | 'face_video';
export const UPLOAD_ROLES: ReadonlySet<string> = new Set<UploadRole>(['document', 'document_back', 'face', 'face_video']);
const VIDEO_TYPES: Record<string, string> = { 'video/webm': 'webm', 'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/x-matroska': 'mkv' };

type Deps = Pick<ServiceDeps, 'files' | 'clock' | 'config' | 'capture' | 'sessions'>;
type Target = { reference: string; account_id: string; kind: string };

/**
 * One capture-app upload: a photo for its role, or a selfie video with its still frames. The files
 * are checked and stored encrypted; the first upload marks the session opened.
 */
export async function storeCaptureUpload(deps: Deps, session: Target, role: string, upload: { file?: Buffer; frames: Buffer[] }): Promise<void> {
  if (!UPLOAD_ROLES.has(role) || session.kind !== 'verification') throw new DomainError(ErrorCode.InvalidValue, 'Unknown upload', { reason: 'role' });
  const { file, frames } = upload;
  if (!file) throw new DomainError(ErrorCode.InvalidValue, 'No file received', { reason: 'empty' });
  if (role === 'face_video') {
    const type = await fileTypeFromBuffer(file);
    const ext = type && VIDEO_TYPES[type.mime];
    if (!type || !ext) throw new DomainError(ErrorCode.InvalidValue, 'The selfie video must be WebM or MP4', { reason: 'video_type' });
    if (frames.length < 3) throw new DomainError(ErrorCode.InvalidValue, 'The selfie video needs at least three still frames', { reason: 'frames' });
    const sources = new Map<string, ImageSource>(frames.map((f, i) => [`face_video_frame_${i}`, { kind: 'bytes', param: `frame ${i + 1}`, data: f }]));
    const frameRows = await storeSessionImages(deps, session.account_id, session.reference, sources);
    const videoRow = await storeSessionFile(deps, session.account_id, session.reference, 'face_video', { data: file, mime: type.mime, ext });
    await deps.capture.insertFiles([...frameRows, videoRow]);
  } else {
    const rows = await storeSessionImages(deps, session.account_id, session.reference, new Map([[role, { kind: 'bytes', param: role, data: file }]]));
    await deps.capture.insertFiles(rows);
  }
  await deps.sessions.updateState(session.reference, ['created'], 'opened', deps.clock());
}

/** The person says their document has no back side (a passport page): the back step is skipped. */
export async function markBackNotNeeded(deps: Pick<ServiceDeps, 'capture' | 'clock'>, reference: string): Promise<void> {
  const state = await deps.capture.getState(reference);
  await deps.capture.upsertState({ reference, back_not_needed: 1, video_challenge: state?.video_challenge ?? null, updated_at: deps.clock() });
}
