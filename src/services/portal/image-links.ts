import { createHmac, timingSafeEqual } from 'node:crypto';
import { latestByRole } from '../session/session-inputs.ts';
import type { PortalDeps } from './portal-deps.ts';

/** Portal image links live 5 minutes and are only honoured with a signed-in operator's cookie. */
export const IMAGE_LINK_TTL_MS = 5 * 60 * 1000;
export type ImageKind = 'document-front' | 'document-back' | 'face' | 'contract';

const secrets = new Map<string, Buffer>();
// A secret of its own: a portal link never opens at the public /files route and vice versa.
const secretOf = (deps: PortalDeps) => {
  let s = secrets.get(deps.config.dataDir);
  if (!s) {
    if (!deps.secret) throw new Error('named secrets not wired (compose.ts)');
    s = deps.secret('portal-image-links');
    secrets.set(deps.config.dataDir, s);
  }
  return s;
};
const mac = (deps: PortalDeps, payload: string) => createHmac('sha256', secretOf(deps)).update(payload).digest().subarray(0, 16);

/**
 * `<reference>.<kind>.<expiry s>.<mac>`: short (route parameters are capped at 100 characters),
 * bound to the account through the MAC, and naming no storage key or person.
 */
export function portalImageUrl(deps: PortalDeps, accountId: string, reference: string, kind: ImageKind): string {
  const exp = Math.floor((deps.clock() + IMAGE_LINK_TTL_MS) / 1000);
  const sig = mac(deps, `${accountId}|${reference}|${kind}|${exp}`).toString('base64url');
  return `/portal/api/images/${reference}.${kind}.${exp}.${sig}`;
}

/** The stored file behind a link, if the link is genuine, fresh and of the operator's account. */
export async function openImageToken(deps: PortalDeps, token: string, accountId: string): Promise<{ reference: string; kind: ImageKind; key: string } | null> {
  const m = /^([A-Z0-9]{6,32})\.(document-front|document-back|face|contract)\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const [, reference, kind, exp, sig] = m as unknown as [string, string, ImageKind, string, string];
  const expected = mac(deps, `${accountId}|${reference}|${kind}|${exp}`);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected) || Number(exp) * 1000 <= deps.clock()) return null;
  if (kind === 'contract') {
    const key = await findContractKey(deps, accountId, reference);
    return key ? { reference, kind, key } : null;
  }
  const files = latestByRole(await deps.sessions.findFiles(accountId, reference));
  const row = kind === 'document-front' ? files.get('document') : kind === 'document-back' ? files.get('document_back') : (files.get('face') ?? files.get('face_best_frame'));
  return row ? { reference, kind, key: row.storage_key } : null;
}

/** The session's contract in the file store: the signed one when there is one, else the generated one. */
export async function findContractKey(deps: PortalDeps, accountId: string, reference: string): Promise<string | null> {
  const keys: string[] = [];
  for await (const k of deps.files.list(`sessions/${accountId}/${reference}/`)) if (/\/contract(-signed)?\.(pdf|docx|html)$/.test(k)) keys.push(k);
  return keys.find((k) => k.includes('/contract-signed.')) ?? keys[0] ?? null;
}
