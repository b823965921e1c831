import { loadOrCreateSecret } from '../../adapters/field-crypto.ts';
import { signFileToken, verifyFileToken } from '../vault-file-urls.ts';
import type { PortalDeps } from './portal-deps.ts';

/** Portal image links live 5 minutes and are only honoured with a signed-in operator's cookie. */
export const IMAGE_LINK_TTL_MS = 5 * 60 * 1000;

const secrets = new Map<string, Buffer>();
// A secret of its own: a portal link never opens at the public /files route and vice versa.
const secretOf = (deps: PortalDeps) => {
  let s = secrets.get(deps.config.dataDir);
  if (!s) {
    s = loadOrCreateSecret(deps.config.dataDir, 'portal-image-links');
    secrets.set(deps.config.dataDir, s);
  }
  return s;
};

export const portalImageUrl = (deps: PortalDeps, storageKey: string): string => `/portal/api/images/${signFileToken(secretOf(deps), storageKey, deps.clock() + IMAGE_LINK_TTL_MS)}`;

/** The storage key behind a link, if the link is genuine, fresh and of the operator's account. */
export function openImageToken(deps: PortalDeps, token: string, accountId: string): string | null {
  const check = verifyFileToken(secretOf(deps), token, deps.clock());
  if (!check.ok || !check.storageKey.startsWith(`sessions/${accountId}/`)) return null;
  return check.storageKey;
}
