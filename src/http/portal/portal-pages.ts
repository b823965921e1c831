import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';

/** Where `npm run build` puts the portal (git-ignored; built by prestart and the test setup). */
export const PORTAL_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/portal/dist');

/**
 * A strict CSP: scripts, styles, images and requests from this origin only; no inline script or
 * style element, no framing, no plugins, forms post only here.
 */
export const PORTAL_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

let cachedIndex: { mtime: number; html: string } | undefined;
function indexHtml(): string | null {
  const file = path.join(PORTAL_DIST, 'index.html');
  try {
    const mtime = fs.statSync(file).mtimeMs;
    if (cachedIndex?.mtime !== mtime) cachedIndex = { mtime, html: fs.readFileSync(file, 'utf8') };
    return cachedIndex.html;
  } catch {
    return null;
  }
}

export function registerPortalPages(app: FastifyInstance, deps: PortalDeps): void {
  const config = { errorStatus: true };
  const page = async (reply: FastifyReply) => {
    const html = indexHtml();
    if (!html) {
      deps.logger.error('web/portal/dist is missing: run `npm run build`');
      return reply.status(503).type('text/plain').send('The portal is not built: run `npm run build`.');
    }
    return reply.type('text/html; charset=utf-8').header('content-security-policy', PORTAL_CSP).header('cache-control', 'no-store').header('x-frame-options', 'DENY').send(html);
  };
  app.get('/portal', { config, schema: { hide: true } }, async (_request, reply) => page(reply));
  app.get<{ Params: { '*': string } }>('/portal/*', { config, schema: { hide: true } }, async (request, reply) => {
    const rest = request.params['*'];
    if (rest.startsWith('api/')) throw new DomainError(ErrorCode.NotFound, `No route ${request.method} /portal/${rest.split('?')[0]}`);
    if (rest.startsWith('assets/')) {
      const name = rest.slice(7);
      const type = TYPES[path.extname(name)];
      if (!type || !/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.')) return reply.status(404).type('text/plain').send('Not found');
      try {
        const body = fs.readFileSync(path.join(PORTAL_DIST, 'assets', name));
        return reply.type(type).header('cache-control', 'public, max-age=31536000, immutable').send(body);
      } catch {
        return reply.status(404).type('text/plain').send('Not found');
      }
    }
    return page(reply);
  });
}
