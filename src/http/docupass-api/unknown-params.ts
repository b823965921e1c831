import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Keys every DocuPass call may carry beside its options: the key, images, and what the official
 * client always sends (`client`, and from its one default config `crop_face` and
 * `sms_contract_link`, which create does not use).
 */
const TRANSPORT = ['apikey', 'document', 'document_back', 'face', 'document_base64', 'document_back_base64', 'face_base64', 'document_url', 'document_back_url', 'face_url', 'client', 'crop_face', 'sms_contract_link'];

export function unknownParams(raw: Record<string, unknown>, known: Iterable<string>): string[] {
  const all = new Set([...known, ...TRANSPORT]);
  return Object.keys(raw).filter((k) => !all.has(k));
}

/**
 * An unknown parameter (a typo such as `biometrik`) is never an error — the official client sends
 * keys of its own — but it is reported: in `X-Idgate-Unknown-Parameters`, in a `Warning` header
 * and in the log (names only, never values).
 */
export function reportUnknownParams(request: FastifyRequest, reply: FastifyReply, raw: Record<string, unknown>, known: Iterable<string>): void {
  const unknown = unknownParams(raw, known)
    .slice(0, 20)
    .map((k) => k.replace(/[^\w.[\]-]/g, '?').slice(0, 64));
  if (unknown.length === 0) return;
  reply.header('x-idgate-unknown-parameters', unknown.join(', '));
  reply.header('warning', `299 idgate "unknown parameters ignored: ${unknown.join(', ')}"`);
  request.log.warn({ unknownParameters: unknown, route: request.routeOptions.url }, 'unknown parameters ignored');
}
