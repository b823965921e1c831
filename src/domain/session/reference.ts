/**
 * References are what users type from a QR-less screen, so they avoid look-alikes (0/O, 1/I).
 * 32 symbols = 5 bits each; 12 symbols give 60 bits of randomness (the brief asks for ≥ 50).
 */
export const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const REFERENCE_LENGTH = 12;

/** `random` must hold at least REFERENCE_LENGTH bytes from a CSPRNG. */
export function referenceFromBytes(random: Uint8Array): string {
  if (random.length < REFERENCE_LENGTH) throw new Error('not enough random bytes for a reference');
  let out = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) out += REFERENCE_ALPHABET[random[i] & 31];
  return out;
}

export function isReferenceShape(s: string): boolean {
  return s.length >= 6 && s.length <= 32 && /^[A-Z0-9]+$/.test(s);
}
