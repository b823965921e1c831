import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { authenticator } from 'otplib';

/**
 * Argon2id at the OWASP minimum (19 MiB, 2 passes, 1 lane); @node-rs/argon2's default algorithm
 * is Argon2id. Hashing costs ~30-60 ms on one core, which also slows guessing online.
 */
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    // Same work when the operator has no password, so timing does not tell.
    await hash(password, ARGON2_OPTIONS);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash that burns the same time for unknown e-mail addresses. */
export const dummyVerify = (password: string) => verifyPassword(null, password);

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export const randomToken = (bytes = 32): string => nodeRandomBytes(bytes).toString('base64url');

export const MIN_PASSWORD_LENGTH = 12;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password has at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 256) return 'a password has at most 256 characters';
  return null;
}

// RFC 6238 defaults: 30 s steps, 6 digits, SHA-1 (what every authenticator app supports).
export const newTotpSecret = (): string => authenticator.generateSecret(20);

export const totpUri = (email: string, secret: string, issuer = 'idgate'): string => authenticator.keyuri(email, issuer, secret);

/**
 * The time step a code belongs to (±1 step of clock drift), or null. The caller refuses a step
 * at or below the last one used, so a code cannot be replayed.
 */
export function totpStep(secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = authenticator.clone({ epoch: nowMs, window: 1 }).checkDelta(code, secret);
  return delta === null ? null : Math.floor(nowMs / 30_000) + delta;
}

/** Ten one-time recovery codes (`xxxx-xxxx-xxxx`); only their SHA-256 is stored. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = nodeRandomBytes(9).toString('hex').slice(0, 12);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  });
}
export const hashRecoveryCode = (code: string): string => sha256(code.trim().toLowerCase().replace(/\s+/g, ''));
