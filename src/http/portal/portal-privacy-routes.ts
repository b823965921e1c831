import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { actorWho, audit } from '../../services/portal/audit.ts';
import { requireCapability } from '../../services/portal/permissions.ts';
import type { Actor, OperatorRoleName, PortalDeps } from '../../services/portal/portal-deps.ts';
import { eraseSessions } from '../../services/privacy/erase-session.ts';
import { listErasures } from '../../services/privacy/erasure-log.ts';
import { exportSubject } from '../../services/privacy/export-subject.ts';
import { erasureSummarySchema } from '../privacy-api/privacy-schemas.ts';
import { authOf } from './portal-auth.ts';
import { refParams } from './portal-schemas.ts';

/**
 * Subject access and erasure from the portal (issue 19): the same services as `/privacy/*` and
 * the CLI, scoped to the operator's account. Export: admin and reviewer (the roles that see
 * personal data anyway). Erase: admin only. Both audited with the operator, never a value.
 */
const EXPORT_ROLES: readonly OperatorRoleName[] = ['admin', 'reviewer'];
const ERASE_ROLES: readonly OperatorRoleName[] = ['admin'];

function requireRole(actor: Actor, roles: readonly OperatorRoleName[]): void {
  if (!roles.includes(actor.role)) throw new DomainError(ErrorCode.PortalForbidden, `Your role (${actor.role}) does not allow this`);
}

export const privacyStatusReply = z.object({
  canExport: z.boolean(),
  canErase: z.boolean(),
  erasures: z.array(z.object({ level: z.string(), reason: z.string(), actor: z.string(), time: z.string(), erased: z.record(z.string(), z.unknown()) })).describe('the erasure log of this reference (counts, never values)'),
});
export const exportBody = z.object({}).loose().optional();
export const eraseBody = z.object({ confirm: z.string().max(64).describe('the reference typed again by the operator') });
export const eraseReply = z.object({ success: z.literal(true), erased: z.array(erasureSummarySchema) });

export function registerPortalPrivacyRoutes(app: FastifyInstance, deps: PortalDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const config = { errorStatus: true };
  const tags = ['portal'];

  api.get(
    '/sessions/:reference/privacy',
    { config, schema: { tags, summary: 'What the operator may do about this session (export, erase) and its erasure log', params: refParams, response: { 200: privacyStatusReply } } },
    async (request) => {
      const { actor } = authOf(request);
      requireCapability(actor, 'sessions');
      const session = await deps.sessions.findForAccount(actor.accountId, request.params.reference);
      if (!session) throw new DomainError(ErrorCode.NotFound, `Session ${request.params.reference} not found`);
      const { items } = await listErasures(deps, actor.accountId, { reference: request.params.reference });
      return {
        canExport: EXPORT_ROLES.includes(actor.role),
        canErase: ERASE_ROLES.includes(actor.role),
        erasures: items.map(({ level, reason, actor: by, time, erased }) => ({ level, reason, actor: by, time, erased })),
      };
    },
  );

  api.post(
    '/sessions/:reference/export',
    { config, schema: { tags, summary: 'Subject access: everything held about this reference as a ZIP (export.json and the files); admin and reviewer; audited as subject.export', params: refParams, body: exportBody } },
    async (request, reply) => {
      const { actor } = authOf(request);
      requireRole(actor, EXPORT_ROLES);
      const { reference } = request.params;
      const { zip, summary } = await exportSubject(deps, actor.accountId, { reference });
      await audit(deps, actorWho(actor), 'subject.export', reference, { sessions: summary.sessions, files: summary.files, vault_entries: summary.vault_entries, bytes: zip.length });
      return reply.type('application/zip').header('content-disposition', `attachment; filename="idgate-export-${reference}.zip"`).header('cache-control', 'no-store').send(zip);
    },
  );

  api.post(
    '/sessions/:reference/erase',
    { config, schema: { tags, summary: 'Erase every personal datum of this session (files, vault entry, payloads, phone, contract); the non-personal record stays. Admin only; the reference must be typed again; audited as privacy.erase', params: refParams, body: eraseBody, response: { 200: eraseReply } } },
    async (request) => {
      const { actor } = authOf(request);
      requireRole(actor, ERASE_ROLES);
      const { reference } = request.params;
      if (request.body.confirm.trim().toUpperCase() !== reference) throw new DomainError(ErrorCode.InvalidValue, 'Type the session reference to confirm the erasure');
      const result = await eraseSessions(deps, actor.accountId, { reference }, { actor: `portal:${actor.operatorId}`, reason: 'request' });
      for (const s of result.erased) {
        const { reference: ref, level, already, ...counts } = s;
        await audit(deps, actorWho(actor), 'privacy.erase', ref, { level, already, reason: 'request', ...counts });
      }
      return result;
    },
  );
}
