import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldCrypto, keyIdOf } from './field-crypto.ts';

describe('FieldCrypto', () => {
  const key = randomBytes(32);
  const c = new FieldCrypto(key);

  it('seals and opens; the sealed form does not contain the value and differs each time', () => {
    const a = c.seal('JOHN SMITH', 'row-1');
    const b = c.seal('JOHN SMITH', 'row-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('JOHN');
    expect(a.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(c.open(a, 'row-1').toString()).toBe('JOHN SMITH');
    expect(c.openJson(c.sealJson({ x: [1, 'é'] }, 'r'), 'r')).toEqual({ x: [1, 'é'] });
  });

  it('refuses a value moved to another row, a tampered value and a foreign key', () => {
    const a = c.seal('secret', 'row-1');
    expect(() => c.open(a, 'row-2')).toThrow(/authentication/);
    const raw = Buffer.from(a.split('.')[2], 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => c.open(`v1.${c.keyId}.${raw.toString('base64url')}`, 'row-1')).toThrow(/authentication/);
    expect(() => new FieldCrypto(randomBytes(32)).open(a, 'row-1')).toThrow(/unknown key/);
  });

  it('opens values sealed with a previous key once given it (rotation)', () => {
    const next = randomBytes(32);
    const old = c.seal('v', 'r');
    const rotated = new FieldCrypto(next, [key]);
    expect(rotated.open(old, 'r').toString()).toBe('v');
    expect(FieldCrypto.keyIdOfSealed(rotated.seal('v', 'r'))).toBe(keyIdOf(next));
  });

  it('blind index: deterministic per account and field, different across accounts, fields and keys', () => {
    const t = c.blindIndex('acc1', 'firstName', 'JOHN');
    expect(t).toBe(c.blindIndex('acc1', 'firstName', 'JOHN'));
    expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(t).not.toBe(c.blindIndex('acc2', 'firstName', 'JOHN'));
    expect(t).not.toBe(c.blindIndex('acc1', 'lastName', 'JOHN'));
    expect(t).not.toBe(new FieldCrypto(randomBytes(32)).blindIndex('acc1', 'firstName', 'JOHN'));
  });
});
