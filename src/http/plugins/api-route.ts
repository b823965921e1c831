import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Account } from '../../database/repositories/accounts-repository.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { requireAccount, type RateLimiter } from './api-auth.ts';
import { readParams } from './request-params.ts';
import { orError } from './error-mapper.ts';

export type ApiCall = { raw: Record<string, unknown>; files: Record<string, Buffer>; account: Account };

declare module 'fastify' {
  interface FastifyRequest {
    /** Parameters and the caller's account of a DocuPass-style API call (set by the `apiAuth` hook). */
    apiCall?: ApiCall;
  }
}

/**
 * Authorisation of the DocuPass-style APIs, as a preHandler hook: one parameter map from a JSON,
 * form or multipart body (plus the query), then the API key (body `apikey` or `X-API-Key`) and
 * the key's rate limit. Runs before any parameter check, so a bad key is always reported first.
 */
export function apiAuth(deps: ServiceDeps, limiter: RateLimiter, maxFileBytes = deps.config.maxUploadBytes) {
  return async (request: FastifyRequest): Promise<void> => {
    const { raw, files } = await readParams(request, maxFileBytes);
    request.apiCall = { raw, files, account: await requireAccount(deps, limiter, request, raw) };
  };
}

export function apiCallOf(request: FastifyRequest): ApiCall {
  if (!request.apiCall) throw new Error('apiAuth hook did not run for this route');
  return request.apiCall;
}

const passThrough = () => (data: unknown) => ({ value: data });

/**
 * Options of a DocuPass-style API route: its schemas (so it appears in /openapi.json), the
 * `apiAuth` hook and the answer: HTTP 200 with the success shape or the error body.
 *
 * The body schema is the one the service parses with (e.g. `createOptionsSchema`), so the
 * document cannot drift from the code; it is not run again by Fastify, because the official
 * client sends multipart and form bodies and extra keys, and its errors must come in the
 * service's order and codes (key first, then the first bad parameter, 1050 for SMS numbers).
 */
export function apiRoute(
  deps: ServiceDeps,
  limiter: RateLimiter,
  doc: { tag: string; summary: string; description?: string; body?: z.ZodType; response: z.ZodType; maxFileBytes?: number },
) {
  return {
    schema: {
      tags: [doc.tag],
      summary: doc.summary,
      ...(doc.description ? { description: doc.description } : {}),
      consumes: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
      security: [{ apiKey: [] }],
      ...(doc.body ? { body: doc.body } : {}),
      response: { 200: orError(doc.response) },
    },
    validatorCompiler: passThrough,
    preHandler: apiAuth(deps, limiter, doc.maxFileBytes),
  };
}
