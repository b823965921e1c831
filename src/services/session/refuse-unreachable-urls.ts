import type { ServiceDeps } from '../deps.ts';
import { invalidValue } from '../../domain/errors.ts';
import { privateUrlReason, type Lookup } from '../../net/url-reachability.ts';

/**
 * URL parameters of create and sign that idgate calls later (callback, page content, logo) or
 * sends the person to. Image URLs (document_url, face_url, …) are fetched during create itself
 * and already answer error 8 (image could not be used) there, as DocuPass does.
 */
export const CREATE_URL_PARAMS = ['callbackurl', 'successredir', 'failredir', 'customhtmlurl', 'logo'] as const;
export const SIGN_URL_PARAMS = ['callbackurl', 'successredir', 'failredir', 'customhtmlurl', 'logo'] as const;

/**
 * Refuses at create what would only fail later: a URL on a private, loopback or reserved address
 * while IDGATE_ALLOW_PRIVATE_URLS is off (error 1002 naming the parameter), instead of a callback
 * that fails at delivery hours afterwards.
 */
export async function refuseUnreachableUrls(deps: Pick<ServiceDeps, 'config'>, raw: Record<string, unknown>, params: readonly string[], lookup?: Lookup): Promise<void> {
  if (deps.config.allowPrivateUrls) return;
  for (const param of params) {
    const value = raw[param];
    if (typeof value !== 'string' || value.trim() === '') continue;
    const reason = await privateUrlReason(value.trim(), lookup);
    if (reason) throw invalidValue(param, `${reason}; idgate does not call such addresses unless IDGATE_ALLOW_PRIVATE_URLS is on (local development)`);
  }
}
