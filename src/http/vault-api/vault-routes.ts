import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../services/deps.ts';
import type { RateLimiter } from '../plugins/api-auth.ts';
import { requireAccount } from '../plugins/api-auth.ts';
import { readParams } from '../plugins/request-params.ts';
import { invalidValue } from '../../domain/errors.ts';
import { closeVaultContext } from '../../services/vault-context.ts';
import { closeVaultEnginePool, embedFaceForVault } from '../../services/vault-face-embedder.ts';
import { getVaultEntry, readVaultId } from '../../services/vault-get-entry.ts';
import { listVaultEntries } from '../../services/vault-list-entries.ts';
import { updateVaultEntry } from '../../services/vault-update-entry.ts';
import { deleteVaultEntries, readVaultIds } from '../../services/vault-delete-entries.ts';
import { addVaultImage, deleteVaultImage, readImageSource } from '../../services/vault-images.ts';
import { faceSearchItems, readSearchOptions, searchVaultByEmbedding } from '../../services/vault-search-face.ts';
import { trainVault, vaultTrainingStatus } from '../../services/vault-training.ts';
import { readReturnType } from '../../services/vault-entry-view.ts';
import { readFilterParam } from '../../services/vault-filter.ts';
import { intakeImage } from '../../services/intake-image.ts';
import { intakeLimits } from '../../services/session-files.ts';
import { registerFileRoutes } from './file-routes.ts';

/** Parameters the client adds to every call; never data fields. */
const TRANSPORT = new Set(['apikey', 'client', 'id', 'return_type']);

/**
 * The Vault API as the official client calls it: `POST /vault/<action>` with `apikey`.
 * Every call is scoped to the key's account; errors answer HTTP 200 with `{"error":…}`.
 */
export function registerVaultRoutes(app: FastifyInstance, deps: ServiceDeps, limiter: RateLimiter): void {
  const begin = async (request: FastifyRequest) => {
    const { raw } = await readParams(request, deps.config.maxUploadBytes * 2);
    const account = await requireAccount(deps, limiter, request, raw);
    return { raw, accountId: account.id, returnType: readReturnType(raw) };
  };

  app.post('/vault/get', async (request) => {
    const { raw, accountId, returnType } = await begin(request);
    return getVaultEntry(deps, accountId, readVaultId(raw.id), returnType);
  });

  app.post('/vault/list', async (request) => {
    const { raw, accountId, returnType } = await begin(request);
    const opts = { filter: readFilterParam(raw), orderby: raw.orderby as string, sort: raw.sort as string, limit: raw.limit as number, offset: raw.offset as number };
    return listVaultEntries(deps, accountId, opts, returnType);
  });

  app.post('/vault/update', async (request) => {
    const { raw, accountId } = await begin(request);
    const fields = raw.data && typeof raw.data === 'object' && !Array.isArray(raw.data) ? (raw.data as Record<string, unknown>) : Object.fromEntries(Object.entries(raw).filter(([k]) => !TRANSPORT.has(k)));
    return updateVaultEntry(deps, accountId, readVaultId(raw.id), fields);
  });

  app.post('/vault/delete', async (request) => {
    const { raw, accountId } = await begin(request);
    return deleteVaultEntries(deps, accountId, readVaultIds(raw.id ?? raw['id[]']));
  });

  app.post('/vault/addimage', async (request) => {
    const { raw, accountId, returnType } = await begin(request);
    const type = raw.type === undefined || raw.type === '' ? 0 : Number(raw.type);
    return addVaultImage(deps, accountId, readVaultId(raw.id), type, readImageSource(raw), returnType);
  });

  app.post('/vault/deleteimage', async (request) => {
    const { raw, accountId } = await begin(request);
    return deleteVaultImage(deps, accountId, readVaultId(raw.id), readVaultId(raw.imageid, 'imageid'));
  });

  app.post('/vault/searchface', async (request) => {
    const { raw, accountId, returnType } = await begin(request);
    const opts = readSearchOptions(raw);
    const img = await intakeImage(readImageSource(raw), intakeLimits(deps));
    const probe = await embedFaceForVault(deps, img.data);
    const hits = await searchVaultByEmbedding(deps, accountId, probe, opts);
    return faceSearchItems(deps, accountId, hits, returnType);
  });

  app.post('/vault/train', async (request) => {
    const { accountId } = await begin(request);
    return trainVault(deps, accountId);
  });

  app.post('/vault/trainstatus', async (request) => {
    const { accountId } = await begin(request);
    return vaultTrainingStatus(deps, accountId);
  });

  app.post('/vault', async () => {
    throw invalidValue('action', 'call /vault/get, list, update, delete, addimage, deleteimage, searchface, train or trainstatus');
  });

  registerFileRoutes(app, deps);
  app.addHook('onClose', async () => {
    await closeVaultEnginePool(deps);
    await closeVaultContext(deps);
  });
}
