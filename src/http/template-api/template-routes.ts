import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.ts';
import { readParams } from '../plugins/request-params.ts';
import { requireAccount, type RateLimiter } from '../plugins/api-auth.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { paramError } from '../../domain/describe-issue.ts';
import { addTemplate, findTemplates, getTemplate, removeTemplate, updateTemplate } from '../../services/templates.ts';

const idParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const schemas = {
  add: z.object({ name: z.string(), html: z.string() }),
  get: z.object({ id: idParam, version: z.coerce.number().int().min(1).optional() }),
  update: z.object({ id: idParam, name: z.string().optional(), html: z.string().optional() }),
  delete: z.object({ id: idParam }),
};

function parse<T extends z.ZodType>(schema: T, raw: Record<string, unknown>): z.infer<T> {
  const r = schema.safeParse(raw);
  if (!r.success) throw paramError(r.error);
  return r.data;
}

/**
 * Template management for the account that owns the API key. Errors answer HTTP 200 with
 * `{"error":{code,message}}` like every API route; templates of other accounts are invisible.
 */
export function registerTemplateRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  const route = (name: string, handler: (accountId: string, raw: Record<string, unknown>) => Promise<unknown>) =>
    app.post(`/template/${name}`, async (request) => {
      const { raw } = await readParams(request, deps.config.maxUploadBytes);
      const account = await requireAccount(deps, limiter, request, raw);
      return handler(account.id, raw);
    });

  route('add', async (accountId, raw) => {
    const p = parse(schemas.add, raw);
    return addTemplate(deps, accountId, p.name, p.html);
  });
  route('list', async (accountId) => ({ templates: (await findTemplates(deps, accountId)).map(({ account_id: _a, ...t }) => t) }));
  route('get', async (accountId, raw) => {
    const p = parse(schemas.get, raw);
    const { account_id: _a, ...t } = await getTemplate(deps, accountId, p.id, p.version);
    return t;
  });
  route('update', async (accountId, raw) => {
    const p = parse(schemas.update, raw);
    if (p.name === undefined && p.html === undefined) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `html`: give `html` and/or `name`');
    return updateTemplate(deps, accountId, p.id, { name: p.name, html: p.html });
  });
  route('delete', async (accountId, raw) => {
    const p = parse(schemas.delete, raw);
    await removeTemplate(deps, accountId, p.id);
    return { success: true, id: p.id };
  });
}
