import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ERROR_HTTP_STATUS, ErrorCode, type ErrorCodeValue } from '../../domain/errors.ts';
import { describeIssue } from '../../domain/describe-issue.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Pages, images and the capture API answer with real HTTP statuses; DocuPass-style API routes always answer 200. */
    errorStatus?: boolean;
  }
}

/** The error body every route writes, as zod (API routes document `orError(success)` as their 200 answer). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.number().int(),
      message: z.string(),
      reason: z.string().optional().describe('capture API: a stable word the browser app switches on'),
      retryAfterSeconds: z.number().optional(),
    }),
  })
  .meta({ id: 'Error', description: 'the error body (HTTP 200 on API routes)' });

/** An API route's 200 answer: the success shape, or the error body (the official client needs HTTP 200). */
export const orError = <T extends z.ZodType>(success: T) => z.union([success, errorBodySchema]);

type Mapped = { code: ErrorCodeValue; message: string; reason?: string; retryAfterSeconds?: number };

/** Fastify's own failures (body parsing, limits, schema validation) in the same words. */
function fromFastify(err: FastifyError): Mapped | null {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0]!;
    const path = first.instancePath.split('/').filter(Boolean);
    const issue = { ...first.params, code: first.keyword, message: first.message ?? '', path } as unknown as z.core.$ZodIssue;
    const param = path.length ? path.join('.') : (err.validationContext ?? 'body');
    return { code: ErrorCode.InvalidValue, message: describeIssue(issue, param) };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: ErrorCode.MalformedRequest, message: 'Malformed JSON body' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: ErrorCode.MalformedRequest, message: 'Request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: ErrorCode.MalformedRequest, message: 'Unsupported content type; send application/json, application/x-www-form-urlencoded or multipart/form-data' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: ErrorCode.MalformedRequest, message: 'Invalid Content-Length' };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && err.message) return { code: ErrorCode.MalformedRequest, message: err.message };
  return null;
}

/** Writes one error body; the only place that does. Bypasses the route's response schema (it describes successes). */
function send(request: FastifyRequest, reply: FastifyReply, e: Mapped, status?: number): FastifyReply {
  const realStatus = !!request.routeOptions.config?.errorStatus;
  // The hints are for the capture app; DocuPass-style bodies stay exactly {code, message}.
  const hints = realStatus ? { ...(e.reason ? { reason: e.reason } : {}), ...(e.retryAfterSeconds ? { retryAfterSeconds: e.retryAfterSeconds } : {}) } : {};
  const body = { error: { code: e.code, message: e.message, ...hints } };
  if (realStatus && e.retryAfterSeconds) reply.header('retry-after', String(e.retryAfterSeconds));
  return reply
    .status(realStatus || status === 404 || status === 405 ? (status ?? ERROR_HTTP_STATUS[e.code] ?? 400) : 200)
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body);
}

/** Route patterns by method, to tell "no such route" from "wrong method". */
function routeTable(app: FastifyInstance): (path: string) => string[] {
  const routes: Array<{ methods: string[]; pattern: RegExp }> = [];
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
    const source = route.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*');
    routes.push({ methods, pattern: new RegExp(`^${source}$`) });
  });
  return (path) => [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))];
}

/**
 * Every error leaves as `{"error":{"code","message"}}` (plus `reason`/`retryAfterSeconds` where
 * the capture app needs them). API routes answer HTTP 200 because the official client treats any
 * other status as a transport failure; routes with `config.errorStatus` (pages, images, capture
 * API) answer the code's status from ERROR_HTTP_STATUS. Unknown errors are logged with the request
 * id and answer code 9999 (HTTP 500 where statuses are real), never a stack. A known path asked
 * with the wrong method answers HTTP 405 with `Allow` and "use POST for /docupass/create".
 */
export function registerErrorMapper(app: FastifyInstance): void {
  const methodsFor = routeTable(app);
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (err instanceof DomainError) return send(request, reply, { code: err.code, message: err.message, reason: err.reason, retryAfterSeconds: err.retryAfterSeconds });
    const mapped = (err as FastifyError).code === 'FST_ERR_RESPONSE_SERIALIZATION' ? null : fromFastify(err as FastifyError);
    if (mapped) return send(request, reply, mapped);
    request.log.error({ err }, 'unhandled error');
    return send(request, reply, { code: ErrorCode.Internal, message: `Internal error (request ${request.id})` });
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = methodsFor(path).filter((m) => m !== request.method);
    if (allowed.length) {
      reply.header('allow', allowed.join(', '));
      return send(request, reply, { code: ErrorCode.MethodNotAllowed, message: `use ${allowed.join(' or ')} for ${path}` }, 405);
    }
    return send(request, reply, { code: ErrorCode.NotFound, message: `No route ${request.method} ${path}` }, 404);
  });
}
