import { describe, expect, it } from 'vitest';
import { redactUrl, scrubText, truncateAddress } from './log-redaction.ts';

describe('log redaction', () => {
  it('removes signed file links, long tokens and query values', () => {
    expect(redactUrl('/files/eyJrIjoidmF1bHQvYS9iLmpwZyIsImUiOjE3MDB9.abcdef')).toBe('/files/[redacted]');
    expect(redactUrl('/api/s/ABCDEFGHJKLM/upload')).toBe('/api/s/ABCDEFGHJKLM/upload');
    expect(redactUrl('/x/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/y?apikey=k&name=Anna')).toBe('/x/[redacted]/y?apikey=[redacted]&name=[redacted]');
  });
  it('keeps the network of an address only', () => {
    expect(truncateAddress('203.0.113.77')).toBe('203.0.113.0/24');
    expect(truncateAddress('2001:db8:1:2::5')).toBe('2001:db8:1::/48');
  });
  it('scrubs phone numbers, e-mails, dates and MRZ runs from free text', () => {
    const s = scrubText('SMS to +14155552671 for anna@example.com born 1974/08/12 P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<< link http://h/files/abc.def');
    expect(s).not.toMatch(/4155552671|anna@|1974|ERIKSSON|abc\.def/);
  });
});
