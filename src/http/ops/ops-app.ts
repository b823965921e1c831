import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ServiceDeps } from '../../services/deps.ts';
import { registerErrorMapper } from '../plugins/error-mapper.ts';
import { registerOpsRoutes } from './ops-routes.ts';
import { healthResponseSchema } from './ops-schemas.ts';

/** The small HTTP server of an `idgate worker`: /health, /ready and /metrics only. */
export async function buildOpsApp(deps: ServiceDeps): Promise<FastifyInstance> {
  const app = Fastify({ loggerInstance: deps.logger as unknown as FastifyBaseLogger });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorMapper(app);
  app.get('/health', { config: { errorStatus: true }, schema: { response: { 200: healthResponseSchema } } }, async () => ({ status: 'ok' as const }));
  registerOpsRoutes(app, deps);
  return app;
}
