import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { DomainError, ErrorCode } from '../../domain/errors.ts';
import { metricsFor } from '../../jobs/process-metrics.ts';
import { metricsResponseSchema, readyResponseSchema, type ReadyResponse } from './ops-schemas.ts';

const CHECK_TIMEOUT_MS = 3000;

/** Runs one readiness probe with a time limit; a throw or a timeout counts as not ready. */
async function probe(run: () => Promise<boolean | void>, limitMs = CHECK_TIMEOUT_MS): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), limitMs)));
  const ok = await Promise.race([run().then((r) => r !== false, () => false), timeout]);
  clearTimeout(timer);
  return { ok, ms: Math.round(performance.now() - started) };
}

export async function readiness(deps: ServiceDeps): Promise<ReadyResponse> {
  const [database, store, queue, engines] = await Promise.all([
    probe(async () => deps.ops?.ping()),
    probe(() => deps.files.ping()),
    probe(() => deps.queue.ping()),
    // Starting an engine thread takes a while on a busy machine; a thread that answered stays up.
    probe(async () => void (await deps.engines.run('pool.ping', 1)), 20_000),
  ]);
  const checks = { database, store, queue, engines };
  return { status: Object.values(checks).every((c) => c.ok) ? 'ready' : 'not ready', checks };
}

/** Records every request's latency by route pattern (never the raw URL: it may carry a reference). */
export function registerHttpMetrics(app: FastifyInstance, deps: ServiceDeps): void {
  const metrics = metricsFor(deps);
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.http.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * Operations endpoints: GET /ready (database, file store, job queue and engine threads answer;
 * 503 otherwise) and GET /metrics (Prometheus text; needs `Authorization: Bearer
 * $IDGATE_METRICS_TOKEN`, and answers 404 when no token is configured). GET /health (alive) is
 * in web-api/public-routes.ts.
 */
export function registerOpsRoutes(app: FastifyInstance, deps: ServiceDeps): void {
  registerHttpMetrics(app, deps);
  app.get(
    '/ready',
    { config: { errorStatus: true }, schema: { tags: ['operations'], summary: 'Ready to serve: database, file store, job queue and engines answer (503 when not)', response: { 200: readyResponseSchema, 503: readyResponseSchema } } },
    async (_request, reply) => {
      const r = await readiness(deps);
      return reply.status(r.status === 'ready' ? 200 : 503).send(r);
    },
  );
  app.get(
    '/metrics',
    { config: { errorStatus: true }, schema: { tags: ['operations'], summary: 'Prometheus metrics (Bearer IDGATE_METRICS_TOKEN)', response: { 200: metricsResponseSchema } } },
    async (request, reply) => {
      const token = deps.config.metricsToken;
      if (!token) throw new DomainError(ErrorCode.NotFound, 'Metrics are off: set IDGATE_METRICS_TOKEN');
      if (!tokenMatches(request.headers.authorization, token)) throw new DomainError(ErrorCode.InvalidApiKey, 'Invalid metrics token');
      const { registry } = metricsFor(deps);
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
}
