import type { FastifyInstance } from 'fastify';

/**
 * Headers on every response. API answers may never be framed; pages set their own CSP
 * (the capture app must be embeddable by any site, so it allows any frame ancestor).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('content-security-policy')) {
      const isHtml = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
      reply.header(
        'content-security-policy',
        isHtml ? "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors *; base-uri 'none'; form-action 'self'" : "default-src 'none'; frame-ancestors 'none'",
      );
    }
    return payload;
  });
}
