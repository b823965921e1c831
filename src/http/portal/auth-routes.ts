import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { completeSecondFactor, signIn, signOut, signOutEverywhere, startTotpEnrolment } from '../../services/portal/auth.ts';
import { completeSetup } from '../../services/portal/operators.ts';
import { capabilitiesOf } from '../../services/portal/permissions.ts';
import type { PortalDeps } from '../../services/portal/portal-deps.ts';
import { audit } from '../../services/portal/audit.ts';
import { authOf, clientOf, setSessionCookie } from './portal-auth.ts';
import { enrolReply, meReply, okSchema, setupBody, signInBody, signInReply, totpCodeBody, verifyReply } from './portal-schemas.ts';

/**
 * Failed sign-in steps per client address: 20 per 15 minutes, then the address waits (this
 * slows guessing across many operators; the per-operator lockout after 5 is separate).
 */
const WINDOW_MS = 15 * 60 * 1000;
const PER_WINDOW = 20;

export function registerAuthRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const hits = new Map<string, number[]>();
  const recent = (ip: string) => (hits.get(ip) ?? []).filter((t) => t > deps.clock() - WINDOW_MS);
  const limit = (ip: string) => {
    if (recent(ip).length >= PER_WINDOW) throw new DomainError(ErrorCode.PortalLocked, 'Too many failed sign-in attempts from this address; wait a few minutes');
  };
  /** Runs a sign-in step; a failure counts against the address. */
  const counted = async <T>(ip: string, fn: () => Promise<T>): Promise<T> => {
    limit(ip);
    try {
      return await fn();
    } catch (e) {
      if (hits.size > 10_000) hits.clear();
      hits.set(ip, [...recent(ip), deps.clock()]);
      throw e;
    }
  };
  const tags = ['portal'];

  api.post('/auth/sign-in', { config: { errorStatus: true, portal: 'public' }, schema: { tags, body: signInBody, response: { 200: signInReply } } }, async (request, reply) => {
    const r = await counted(request.ip, () => signIn(deps, request.body.email, request.body.password, clientOf(request)));
    setSessionCookie(deps, reply, r.sessionId);
    return { stage: r.stage, csrf: r.session.csrf_token };
  });

  api.post('/auth/totp/enrol', { config: { errorStatus: true, portal: 'half' }, schema: { tags, response: { 200: enrolReply } } }, async (request) => {
    const a = authOf(request);
    return startTotpEnrolment(deps, a.session, a.operator);
  });

  api.post('/auth/totp/verify', { config: { errorStatus: true, portal: 'half' }, schema: { tags, body: totpCodeBody, response: { 200: verifyReply } } }, async (request, reply) => {
    const r = await counted(request.ip, () => completeSecondFactor(deps, authOf(request).session, request.body.code, clientOf(request)));
    setSessionCookie(deps, reply, r.sessionId);
    return { csrf: r.session.csrf_token, ...(r.recoveryCodes ? { recoveryCodes: r.recoveryCodes } : {}) };
  });

  api.post('/auth/setup', { config: { errorStatus: true, portal: 'public' }, schema: { tags, body: setupBody, response: { 200: okSchema } } }, async (request) => {
    const op = await counted(request.ip, () => completeSetup(deps, request.body.token, request.body.password));
    const c = clientOf(request);
    await audit(deps, { accountId: op.account_id, operatorId: op.id, email: op.email, ip: c.ip, userAgent: c.userAgent }, 'auth.password_set', op.id);
    return { ok: true as const };
  });

  api.post('/auth/sign-out', { config: { errorStatus: true }, schema: { tags, response: { 200: okSchema } } }, async (request, reply) => {
    await signOut(deps, authOf(request));
    setSessionCookie(deps, reply, null);
    return { ok: true as const };
  });

  api.post('/auth/sign-out-everywhere', { config: { errorStatus: true }, schema: { tags, response: { 200: okSchema } } }, async (request, reply) => {
    await signOutEverywhere(deps, authOf(request));
    setSessionCookie(deps, reply, null);
    return { ok: true as const };
  });

  // The half-signed-in app asks this too (to know it must enrol or enter a code).
  const meRoute = async (request: Parameters<typeof authOf>[0]) => {
    const { operator, session } = authOf(request);
    const account = await deps.accounts.getAccount(operator.account_id);
    return { email: operator.email, role: operator.role, capabilities: session.stage === 'full' ? capabilitiesOf(operator.role) : [], csrf: session.csrf_token, stage: session.stage, account: account?.name ?? operator.account_id, secondFactor: operator.totp_enabled === 1 };
  };
  api.get('/me', { config: { errorStatus: true }, schema: { tags, response: { 200: meReply } } }, meRoute);
  api.get('/auth/pending', { config: { errorStatus: true, portal: 'half' }, schema: { tags, response: { 200: meReply } } }, meRoute);
}
