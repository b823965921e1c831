import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import { readParams } from '../plugins/request-params.ts';
import { requireAccount, type RateLimiter } from '../plugins/api-auth.ts';
import { screenPerson } from '../../services/aml-screening.ts';
import { parseAmlSearch } from './aml-search-schema.ts';

/**
 * The AML API (`new AMLAPI(apikey, BASE + "aml")`): search by name and/or document number,
 * optionally narrowed by country, birth date, databases and entity type. Answers `{"items":[…]}`.
 */
export function registerAmlRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  app.post('/aml', async (request) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes);
    await requireAccount(deps, limiter, request, raw);
    const p = parseAmlSearch(raw);
    const items = await screenPerson(
      deps,
      { fullName: p.name ?? '', documentNumber: p.documentnumber, dob: p.dob, nationality: p.country?.toUpperCase(), entity: p.entity },
      { databases: p.database, strict: p.strict, threshold: p.threshold },
    );
    return { items };
  });
}
