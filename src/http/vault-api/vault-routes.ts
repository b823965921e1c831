import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { apiCallOf, apiRoute } from '../plugins/api-route.ts';
import { apiKeyBody, vaultResponse } from '../openapi/api-schemas.ts';
import { invalidValue } from '../../domain/errors.ts';
import { closeVaultContext } from '../../services/vault/vault-context.ts';
import { closeVaultEnginePool } from '../../services/vault/vault-face-embedder.ts';
import { getVaultEntry, readVaultId } from '../../services/vault/vault-get-entry.ts';
import { listVaultEntries } from '../../services/vault/vault-list-entries.ts';
import { updateVaultEntry } from '../../services/vault/vault-update-entry.ts';
import { deleteVaultEntries, readVaultIds } from '../../services/vault/vault-delete-entries.ts';
import { addVaultImage, deleteVaultImage, readImageSource } from '../../services/vault/vault-images.ts';
import { searchVaultFaces } from '../../services/vault/vault-search-face.ts';
import { trainVault, vaultTrainingStatus } from '../../services/vault/vault-training.ts';
import { readReturnType } from '../../services/vault/vault-entry-view.ts';
import { readFilterParam } from '../../services/vault/vault-filter.ts';
import { registerFileRoutes } from './file-routes.ts';

/** Parameters the client adds to every call; never data fields. */
const TRANSPORT = new Set(['apikey', 'client', 'id', 'return_type']);

const vaultBody = z.looseObject({
  ...apiKeyBody,
  id: z.union([z.string(), z.array(z.string())]).optional().describe('vault entry id (a list for delete)'),
  return_type: z.union([z.number(), z.string()]).optional().describe('0: images as base64, 1: as signed links'),
});

/**
 * The Vault API as the official client calls it: `POST /vault/<action>` with `apikey`.
 * Every call is scoped to the key's account; errors answer HTTP 200 with `{"error":…}`.
 */
export function registerVaultRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const route = (summary: string) => apiRoute(deps, limiter, { tag: 'Vault', summary, body: vaultBody, response: vaultResponse, maxFileBytes: deps.config.maxUploadBytes * 2 });
  const call = (request: FastifyRequest) => {
    const { raw, account } = apiCallOf(request);
    return { raw, accountId: account.id, returnType: readReturnType(raw) };
  };

  api.post('/vault/get', route('One vault entry'), async (request) => {
    const { raw, accountId, returnType } = call(request);
    return getVaultEntry(deps, accountId, readVaultId(raw.id), returnType);
  });

  api.post('/vault/list', route('Vault entries, filtered, sorted and paged'), async (request) => {
    const { raw, accountId, returnType } = call(request);
    const opts = { filter: readFilterParam(raw), orderby: raw.orderby as string, sort: raw.sort as string, limit: raw.limit as number, offset: raw.offset as number };
    return listVaultEntries(deps, accountId, opts, returnType);
  });

  api.post('/vault/update', route("Change an entry's fields"), async (request) => {
    const { raw, accountId } = call(request);
    const fields = raw.data && typeof raw.data === 'object' && !Array.isArray(raw.data) ? (raw.data as Record<string, unknown>) : Object.fromEntries(Object.entries(raw).filter(([k]) => !TRANSPORT.has(k)));
    return updateVaultEntry(deps, accountId, readVaultId(raw.id), fields);
  });

  api.post('/vault/delete', route('Delete entries'), async (request) => {
    const { raw, accountId } = call(request);
    return deleteVaultEntries(deps, accountId, readVaultIds(raw.id ?? raw['id[]']));
  });

  api.post('/vault/addimage', route('Add a document or face image to an entry'), async (request) => {
    const { raw, accountId, returnType } = call(request);
    const type = raw.type === undefined || raw.type === '' ? 0 : Number(raw.type);
    return addVaultImage(deps, accountId, readVaultId(raw.id), type, readImageSource(raw), returnType);
  });

  api.post('/vault/deleteimage', route('Delete an image of an entry'), async (request) => {
    const { raw, accountId } = call(request);
    return deleteVaultImage(deps, accountId, readVaultId(raw.id), readVaultId(raw.imageid, 'imageid'));
  });

  api.post('/vault/searchface', route('Find entries whose face matches a photo'), async (request) => {
    const { raw, accountId, returnType } = call(request);
    return searchVaultFaces(deps, accountId, raw, returnType);
  });

  api.post('/vault/train', route('Train face search (a no-op: faces are indexed when saved)'), async (request) => trainVault(deps, call(request).accountId));

  api.post('/vault/trainstatus', route('Face search training status'), async (request) => vaultTrainingStatus(deps, call(request).accountId));

  app.post('/vault', async () => {
    throw invalidValue('action', 'call /vault/get, list, update, delete, addimage, deleteimage, searchface, train or trainstatus');
  });

  registerFileRoutes(app, deps);
  app.addHook('onClose', async () => {
    await closeVaultEnginePool(deps);
    await closeVaultContext(deps);
  });
}
