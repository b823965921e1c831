import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { paramError } from './describe-issue.ts';
import { requiredString, requiredInt, optionalUrl } from './session/param-coercion.ts';

const messageOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return paramError(r.error).message;
};

describe('describeIssue: validator issues in words for people', () => {
  const schema = z.object({
    companyname: requiredString(200),
    type: requiredInt(0, 3),
    callbackurl: optionalUrl(),
    countries: z.array(z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')).optional(),
    mode: z.enum(['a', 'b']).optional(),
    name: z.string().max(5).optional(),
  });
  const base = { companyname: 'Acme', type: 1 };

  it('names a missing or empty parameter as required', () => {
    expect(messageOf(schema, { type: 1 })).toBe('`companyname` is required');
    expect(messageOf(schema, { type: 1, companyname: '  ' })).toBe('`companyname` is required');
  });
  it('states limits, choices and types', () => {
    expect(messageOf(schema, { ...base, type: 7 })).toBe('`type` must be at most 3');
    expect(messageOf(schema, { ...base, type: 'x' })).toBe('`type` must be a number');
    expect(messageOf(schema, { ...base, mode: 'c' })).toBe('`mode` must be one of "a", "b"');
    expect(messageOf(schema, { ...base, name: 'abcdefg' })).toBe('`name` must be at most 5 characters long');
  });
  it("keeps a schema's own wording after the parameter name, list positions left out", () => {
    expect(messageOf(schema, { ...base, callbackurl: 'ftp://x' })).toBe('`callbackurl` must be an http or https URL');
    expect(messageOf(schema, { ...base, countries: ['US', 'usa'] })).toBe('`countries` must be an ISO 3166-1 alpha-2 code');
  });
});
