import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';

/** Hosted image links are valid for 7 days, then refused (DocuPass `return_type` 1). */
export const FILE_URL_TTL_MS = 7 * 24 * 3600 * 1000;

const MIME_BY_EXT: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  mp4: 'video/mp4',
  webm: 'video/webm',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
};

export const mimeOfStorageKey = (key: string): string => MIME_BY_EXT[key.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

const mac = (secret: Buffer, payload: string) => createHmac('sha256', secret).update(payload, 'utf8').digest().subarray(0, 20);

/**
 * `<base64url(storageKey \n expirySeconds)>.<base64url(HMAC-SHA-256)>`: the server keeps no
 * state per link; the secret lives in the data dir. The storage key names no person (ids only).
 */
export function signFileToken(secret: Buffer, storageKey: string, expiresAtMs: number): string {
  const payload = `${storageKey}\n${Math.floor(expiresAtMs / 1000)}`;
  return `${Buffer.from(payload, 'utf8').toString('base64url')}.${mac(secret, payload).toString('base64url')}`;
}

export type TokenCheck = { ok: true; storageKey: string; expiresAtMs: number } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function verifyFileToken(secret: Buffer, token: string, nowMs: number): TokenCheck {
  const [p, s, extra] = token.split('.');
  if (!p || !s || extra !== undefined) return { ok: false, reason: 'malformed' };
  const payload = Buffer.from(p, 'base64url').toString('utf8');
  const given = Buffer.from(s, 'base64url');
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  const [storageKey, exp] = payload.split('\n');
  if (!storageKey || !/^\d+$/.test(exp ?? '')) return { ok: false, reason: 'malformed' };
  const expiresAtMs = Number(exp) * 1000;
  if (nowMs >= expiresAtMs) return { ok: false, reason: 'expired' };
  return { ok: true, storageKey, expiresAtMs };
}

/** A hosted, signed URL for a stored file, valid 7 days from now (also for callback images). */
export function signedFileUrl(deps: Pick<ServiceDeps, 'clock' | 'config' | 'vault' | 'vaultKeys'>, storageKey: string): string {
  const token = signFileToken(vaultContext(deps).urlSecret, storageKey, deps.clock() + FILE_URL_TTL_MS);
  return `${deps.config.publicUrl}/files/${token}`;
}
