import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { vaultContext } from '../../services/vault/vault-context.ts';
import { mimeOfStorageKey, verifyFileToken } from '../../services/vault/vault-file-urls.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';

/**
 * Hosted images: `GET /files/<token>` serves the decrypted file while the signed token is valid
 * (7 days). Real HTTP statuses here (browsers and image tags read this, not the client).
 */
export function registerFileRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  // A wildcard, not `:token`: tokens are longer than Fastify's 100-character parameter limit.
  app.get<{ Params: { '*': string } }>('/files/*', { config: { errorStatus: true } }, async (request, reply) => {
    const check = verifyFileToken(vaultContext(deps).urlSecret, request.params['*'], deps.clock());
    if (!check.ok) throw check.reason === 'expired' ? new DomainError(ErrorCode.LinkExpired, 'This link has expired') : new DomainError(ErrorCode.LinkInvalid, 'Invalid link');
    let body: Buffer;
    try {
      body = await deps.files.get(check.storageKey);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new DomainError(ErrorCode.NotFound, 'File no longer exists');
      throw e;
    }
    return reply
      .header('content-type', mimeOfStorageKey(check.storageKey))
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'inline')
      .send(body);
  });
}
