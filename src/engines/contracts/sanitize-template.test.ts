import { describe, expect, it } from 'vitest';
import { sanitizeTemplateHtml } from './sanitize-template.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('sanitizeTemplateHtml', () => {
  it('removes scripts, event handlers, remote resources and dangerous CSS, and says so', () => {
    const { html, removed } = sanitizeTemplateHtml(
      `<html><head><link rel="stylesheet" href="https://x.example/a.css"><style>p{background:url(https://x.example/t)}</style></head><body>` +
        `<h1 onclick="steal()">Title</h1><script>alert(1)</script><iframe src="https://x.example"></iframe>` +
        `<p style="color: red; background-image: url(https://x.example/p.png)">Text</p><img src="https://x.example/pixel.gif"><img src="${PNG}" alt="logo" onerror="x()">` +
        `<a href="javascript:alert(1)">bad</a><a href="https://example.com">ok</a><svg><script>1</script></svg></body></html>`,
    );
    expect(html).toBe(`<h1>Title</h1><p style="color: red">Text</p><img src="${PNG}" alt="logo"><a>bad</a><a href="https://example.com">ok</a>`);
    expect(removed).toEqual(
      expect.arrayContaining(['<link>', '<style>', 'event handler onclick', 'event handler onerror', '<script>', '<iframe>', '<svg>', 'style property background-image', 'link with scheme javascript']),
    );
    expect(removed.some((r) => r.includes('remote'))).toBe(true);
  });

  it('keeps structure, placeholders and text, escaping what must be', () => {
    const src = '<h2>Terms</h2><ol start="3"><li><b>%{fullName}</b> &amp; <i>partner</i></li></ol><table border="1"><tr><th colspan="2">A &lt; B</th></tr></table><custom-tag>kept text</custom-tag><!-- note -->';
    const { html, removed } = sanitizeTemplateHtml(src);
    expect(html).toBe('<h2>Terms</h2><ol start="3"><li><b>%{fullName}</b> &amp; <i>partner</i></li></ol><table border="1"><tr><th colspan="2">A &lt; B</th></tr></table>kept text');
    expect(removed).toEqual(['<custom-tag> (unwrapped)']);
  });

  it('is stable: sanitising twice changes nothing', () => {
    const once = sanitizeTemplateHtml('<div align="center"><p style="text-align: right; font-weight: bold">x</p><br><hr></div>').html;
    expect(sanitizeTemplateHtml(once).html).toBe(once);
  });
});
