import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { ServiceDeps } from '../services/deps.ts';
import { trustProxyOption } from '../config/load-config.ts';
import { registerErrorMapper } from './plugins/error-mapper.ts';
import { registerLogRedaction } from './log-redaction.ts';
import { registerOpenApi } from './openapi/register-openapi.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { RateLimiter } from './plugins/api-auth.ts';
import { registerDocupassRoutes } from './docupass-api/docupass-routes.ts';
import { registerPublicRoutes } from './web-api/public-routes.ts';
import { routeModules } from './route-modules.ts';

import type { RouteModule } from './route-module.ts';
export type { RouteModule } from './route-module.ts';

/**
 * The Fastify app. Bodies may carry up to three base64 images, hence the limit of a few times
 * the upload size. `extraRoutes` lets later modules (vault, AML, core API) plug in.
 */
export async function buildApp(deps: ServiceDeps, extraRoutes: RouteModule[] = routeModules): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as unknown as FastifyBaseLogger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: deps.config.maxUploadBytes * 4 + 1024 * 1024,
    trustProxy: trustProxyOption(deps.config.trustProxy),
  });
  registerErrorMapper(app);
  registerLogRedaction(app);
  registerSecurityHeaders(app);
  await registerOpenApi(app);
  await app.register(formbody, { bodyLimit: deps.config.maxUploadBytes * 4 + 1024 * 1024 });
  await app.register(multipart);
  const limiter = new RateLimiter(deps.config.rateLimitPerMinute, deps.clock);
  registerDocupassRoutes(app, deps, limiter);
  for (const register of extraRoutes) await register(app, deps, limiter);
  registerPublicRoutes(app, deps);
  return app;
}
