import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { findSession, type Authenticated, type Client } from '../../services/portal/auth.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Portal routes: who may call them. `public`: no session; `half`: after the password, before the second factor. */
    portal?: 'public' | 'half' | 'full';
  }
  interface FastifyRequest {
    portalAuth?: Authenticated;
  }
}

/** `__Host-` cookies must be Secure with Path=/ and no Domain: only over https. */
export const cookieName = (deps: PortalDeps): string => (deps.config.publicUrl.startsWith('https://') ? '__Host-idgate_portal' : 'idgate_portal');

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** HttpOnly + SameSite=Strict, Secure over https; no Max-Age: the server decides expiry. */
export function setSessionCookie(deps: PortalDeps, reply: FastifyReply, value: string | null): void {
  const secure = deps.config.publicUrl.startsWith('https://');
  const attrs = [`${cookieName(deps)}=${value ?? ''}`, secure ? 'Path=/' : 'Path=/portal', 'HttpOnly', 'SameSite=Strict'];
  if (secure) attrs.push('Secure');
  if (value === null) attrs.push('Max-Age=0');
  reply.header('set-cookie', attrs.join('; '));
}

export const clientOf = (request: FastifyRequest): Client => ({ ip: request.ip ?? null, userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : null });

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Origin check for every state-changing request: the browser's Origin (or Referer) must be
 * this server's public origin or the host it was reached at. A missing Origin is refused too.
 */
function sameOrigin(deps: PortalDeps, request: FastifyRequest): boolean {
  const raw = typeof request.headers.origin === 'string' ? request.headers.origin : typeof request.headers.referer === 'string' ? request.headers.referer : '';
  let origin: string;
  try {
    origin = new URL(raw).origin;
  } catch {
    return false;
  }
  const allowed = new Set([new URL(deps.config.publicUrl).origin]);
  if (request.headers.host) allowed.add(`${request.protocol}://${request.headers.host}`);
  return allowed.has(origin);
}

/**
 * The portal's guard, on every /portal/api route: Origin check and session-bound CSRF token on
 * state-changing requests, then the session from the cookie at the stage the route needs.
 * Refusals are thrown as DomainError: the error mapper writes the body (portal routes set
 * `config.errorStatus`, so 401/403 from ERROR_HTTP_STATUS).
 */
export function portalGuard(deps: PortalDeps) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    const need = request.routeOptions.config?.portal ?? 'full';
    const changing = STATE_CHANGING.has(request.method);
    if (changing && !sameOrigin(deps, request)) {
      request.log.warn({ route: request.routeOptions.url }, 'portal: cross-origin request refused');
      throw new DomainError(ErrorCode.PortalCsrfRefused, 'Request refused: it did not come from the portal');
    }
    if (need === 'public') return;
    const found = await findSession(deps, readCookie(request, cookieName(deps)), clientOf(request));
    if (!found || (need === 'full' && found.session.stage !== 'full') || (need === 'half' && found.session.stage !== 'password')) {
      throw new DomainError(ErrorCode.PortalNotSignedIn, 'Not signed in, or the session has ended');
    }
    if (changing) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !sameToken(token, found.session.csrf_token)) {
        request.log.warn({ route: request.routeOptions.url }, 'portal: CSRF token missing or wrong');
        throw new DomainError(ErrorCode.PortalCsrfRefused, 'Request refused: missing or wrong CSRF token');
      }
    }
    request.portalAuth = found;
  };
}

export function authOf(request: FastifyRequest): Authenticated {
  if (!request.portalAuth) throw new Error('portal route without the guard');
  return request.portalAuth;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
