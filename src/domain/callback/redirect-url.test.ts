import { describe, expect, it } from 'vitest';
import { appendReferenceToUrl } from './redirect-url.ts';

describe('appendReferenceToUrl', () => {
  it('appends as the reference shows', () => {
    expect(appendReferenceToUrl('https://www.yourwebsite.com/success.php', 'ABCD1234', 'testid123'))
      .toBe('https://www.yourwebsite.com/success.php?reference=ABCD1234&customid=testid123');
  });
  it('keeps the existing query untouched and the fragment at the end', () => {
    expect(appendReferenceToUrl('https://x.test/done?lang=fr&a=%20b#top', 'R1', 'c'))
      .toBe('https://x.test/done?lang=fr&a=%20b&reference=R1&customid=c#top');
    expect(appendReferenceToUrl('https://x.test/done?#frag', 'R1')).toBe('https://x.test/done?reference=R1#frag');
  });
  it('encodes values', () => {
    const url = appendReferenceToUrl('https://x.test/', 'R1', 'user 42&admin=1#x/é');
    expect(url).toBe('https://x.test/?reference=R1&customid=user%2042%26admin%3D1%23x%2F%C3%A9');
    expect(new URL(url).searchParams.get('customid')).toBe('user 42&admin=1#x/é');
  });
  it('replaces a stale reference/customid already in the URL', () => {
    expect(appendReferenceToUrl('https://x.test/?reference=OLD&x=1&customid=old', 'NEW', 'new'))
      .toBe('https://x.test/?x=1&reference=NEW&customid=new');
  });
  it('omits customid when the session has none', () => {
    expect(appendReferenceToUrl('https://x.test/p', 'R1', null)).toBe('https://x.test/p?reference=R1');
    expect(appendReferenceToUrl('https://x.test/p', 'R1', '')).toBe('https://x.test/p?reference=R1');
  });
});
