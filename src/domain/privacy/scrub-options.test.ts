import { describe, expect, it } from 'vitest';
import { scrubOptions } from './scrub-options.ts';
import { formatDuration, parseDuration } from './duration.ts';

describe('scrubOptions', () => {
  it('keeps which checks ran and drops the values that describe a person', () => {
    const out = scrubOptions({ type: 1, biometric: 1, verify_name: 'Anna Eriksson', verify_dob: '1974/08/12', verify_documentno: 'L898902C3', customid: 'anna@example.com', callbackurl: 'https://biz.example/cb?u=anna', welcomemessage: 'Hi Anna', successredir: 'https://x', aml_check: true });
    expect(out).toEqual({ type: 1, biometric: 1, verify_name: true, verify_dob: true, verify_documentno: true, customid: true, callbackurl: true, aml_check: true });
    expect(JSON.stringify(out)).not.toMatch(/Anna|Eriksson|L898902C3|1974|example/i);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90d', 90 * 86400], ['12h', 43200], ['30s', 30], ['15m', 900], ['2w', 1209600], ['5y', 5 * 365 * 86400], [' 7D ', 7 * 86400],
  ])('%s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
    expect(parseDuration(formatDuration(seconds))).toBe(seconds);
  });
  it.each(['', '0d', 'd', '90', '1.5d', '-1d', '90 days'])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());
});
