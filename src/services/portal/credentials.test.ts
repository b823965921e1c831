import { describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { hashPassword, hashRecoveryCode, newRecoveryCodes, newTotpSecret, passwordProblem, totpStep, verifyPassword } from './credentials.ts';
import { csvCell } from './audit-log.ts';
import { can } from './permissions.ts';
import { maskField, MASK } from './masking.ts';

describe('portal credentials', () => {
  it('hashes with Argon2id at the OWASP minimum and verifies', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(passwordProblem('short')).toMatch(/12/);
    expect(passwordProblem('twelve chars!')).toBeNull();
  });

  it('accepts a TOTP code in its step or one step of drift, and names the step (for replay refusal)', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const code = authenticator.clone({ epoch: now }).generate(secret);
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, code, now)).toBe(step);
    expect(totpStep(secret, code, now + 30_000)).toBe(step);
    expect(totpStep(secret, code, now + 90_000)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
  });

  it('makes ten distinct recovery codes and hashes them ignoring case and spaces', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}$/);
    expect(hashRecoveryCode(` ${codes[0]!.toUpperCase()} `)).toBe(hashRecoveryCode(codes[0]!));
  });
});

describe('portal rules', () => {
  it('quotes CSV cells and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(null)).toBe('');
  });

  it('gives personal data and decisions to admins and reviewers only, keys to admins and developers', () => {
    expect(['admin', 'reviewer', 'viewer', 'developer'].map((r) => can(r as never, 'pii'))).toEqual([true, true, false, false]);
    expect(['admin', 'reviewer', 'viewer', 'developer'].map((r) => can(r as never, 'decide'))).toEqual([true, true, false, false]);
    expect(['admin', 'reviewer', 'viewer', 'developer'].map((r) => can(r as never, 'keys'))).toEqual([true, false, false, true]);
    expect(['admin', 'reviewer', 'viewer', 'developer'].map((r) => can(r as never, 'sessions'))).toEqual([true, true, true, false]);
  });

  it('masks every field but the document kind and issuer', () => {
    expect(maskField('lastName', 'ERIKSSON', true)).toBe(MASK);
    expect(maskField('dob', '1974/08/12', true)).toBe(MASK);
    expect(maskField('documentType', 'P', true)).toBe('P');
    expect(maskField('lastName', 'ERIKSSON', false)).toBe('ERIKSSON');
  });
});
