import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Pages and images answer with real HTTP statuses; API routes always answer 200. */
    errorStatus?: boolean;
  }
}

export const errorBody = (code: number, message: string) => ({ error: { code, message } });

/** Fastify's own failures (body parsing, limits) become DocuPass error codes. */
function fromFastify(err: FastifyError): { code: number; message: string } | null {
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

/**
 * Every error leaves as `{"error":{"code","message"}}`. API routes answer HTTP 200 because the
 * official client treats any other status as a transport failure; a route may opt out by
 * setting `config.errorStatus` (pages, images). Unknown errors are logged with the request id.
 */
export function registerErrorMapper(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    const apiStyle = !(request.routeOptions.config as { errorStatus?: boolean } | undefined)?.errorStatus;
    if (err instanceof DomainError) return reply.status(apiStyle ? 200 : 400).send(errorBody(err.code, err.message));
    const mapped = fromFastify(err as FastifyError);
    if (mapped) return reply.status(apiStyle ? 200 : (err as FastifyError).statusCode ?? 400).send(errorBody(mapped.code, mapped.message));
    request.log.error({ err }, 'unhandled error');
    return reply.status(apiStyle ? 200 : 500).send(errorBody(ErrorCode.Internal, `Internal error (request ${request.id})`));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody(ErrorCode.NotFound, `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
