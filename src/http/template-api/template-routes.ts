import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServiceDeps } from '../../services/deps.ts';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { apiCallOf, apiRoute } from '../plugins/api-route.ts';
import { apiKeyBody, templateResponse } from '../openapi/api-schemas.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { paramError } from '../../domain/describe-issue.ts';
import { addTemplate, deleteTemplate, getTemplateView, listTemplates, updateTemplate } from '../../services/contracts/templates.ts';

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
  const api = app.withTypeProvider<ZodTypeProvider>();
  const route = <T extends z.ZodObject>(summary: string, body: T) =>
    apiRoute(deps, limiter, { tag: 'Contract templates', summary, body: body.extend(apiKeyBody), response: templateResponse });
  const accountOf = (request: FastifyRequest) => apiCallOf(request).account.id;
  const rawOf = (request: FastifyRequest) => apiCallOf(request).raw;

  api.post('/template/add', route('Add a contract template', schemas.add), async (request) => {
    const p = parse(schemas.add, rawOf(request));
    return addTemplate(deps, accountOf(request), p.name, p.html);
  });
  api.post('/template/list', route("The account's templates", z.object({})), async (request) => listTemplates(deps, accountOf(request)));
  api.post('/template/get', route('One template (latest or a given version)', schemas.get), async (request) => {
    const p = parse(schemas.get, rawOf(request));
    return getTemplateView(deps, accountOf(request), p.id, p.version);
  });
  api.post('/template/update', route("Change a template's name and/or HTML (a new version)", schemas.update), async (request) => {
    const p = parse(schemas.update, rawOf(request));
    if (p.name === undefined && p.html === undefined) throw new DomainError(ErrorCode.InvalidValue, 'Invalid value for `html`: give `html` and/or `name`');
    return updateTemplate(deps, accountOf(request), p.id, { name: p.name, html: p.html });
  });
  api.post('/template/delete', route('Delete a template', schemas.delete), async (request) => {
    const p = parse(schemas.delete, rawOf(request));
    return deleteTemplate(deps, accountOf(request), p.id);
  });
}
