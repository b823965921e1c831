import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ServiceDeps } from '../../services/deps.ts';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { apiCallOf, apiRoute } from '../plugins/api-route.ts';
import { amlResponse } from '../openapi/api-schemas.ts';
import { searchAmlLists } from '../../services/aml/aml-screening.ts';
import { amlSearchSchema, parseAmlSearch } from './aml-search-schema.ts';

/**
 * The AML API (`new AMLAPI(apikey, BASE + "aml")`): search by name and/or document number,
 * optionally narrowed by country, birth date, databases and entity type. Answers `{"items":[…]}`.
 */
export function registerAmlRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/aml',
    apiRoute(deps, limiter, { tag: 'AML', summary: 'Screen a person or organisation against sanctions and PEP lists', body: amlSearchSchema, response: amlResponse }),
    async (request) => searchAmlLists(deps, parseAmlSearch(apiCallOf(request).raw)),
  );
}
