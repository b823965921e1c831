import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../services/deps.ts';
import type { RateLimiter } from './plugins/api-auth.ts';

/** A group of routes: app.ts and the route list both use it, neither imports the other for it. */
export type RouteModule = (app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter) => void | Promise<void>;
