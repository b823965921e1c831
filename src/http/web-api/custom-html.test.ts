import { describe, expect, it } from 'vitest';
import { sanitizeCustomHtml } from './custom-html.ts';
import { pickLanguage } from './pick-language.ts';

describe('sanitizeCustomHtml', () => {
  const page = `<!doctype html><html><head><title>Shop</title><link rel="stylesheet" href="css/site.css"><link rel="preload" href="x.js">
<script>steal()</script><style>.top{color:#123}</style></head><body onload="steal()"><header class="top"><a href="javascript:steal()">a</a><img src="/logo.png" onerror="steal()"></header>
<main><div id="idgate-app"></div></main><iframe src="https://evil.example"></iframe><form action="/x"><input name="q"></form><footer>Shop footer</footer></body></html>`;
  const frame = sanitizeCustomHtml(page, 'https://shop.example/kyc/page.html');

  it('splits the page at the documented placeholder', () => {
    expect(frame.before).toContain('<header class="top">');
    expect(frame.before.endsWith('<main>')).toBe(true);
    expect(frame.after.startsWith('</main>')).toBe(true);
    expect(frame.after).toContain('<footer>Shop footer</footer>');
    expect(frame.origin).toBe('https://shop.example');
  });

  it('removes scripts, handlers, javascript: links, frames, forms, non-stylesheet links and the title text', () => {
    const all = frame.before + frame.after;
    for (const bad of ['steal', '<script', 'onload', 'onerror', 'javascript:', '<iframe', '<form', '<input', 'preload', '>Shop<']) expect(all).not.toContain(bad);
  });

  it('keeps styles and makes relative URLs absolute against the page', () => {
    expect(frame.before).toContain('<style>.top{color:#123}</style>');
    expect(frame.before).toContain('href="https://shop.example/kyc/css/site.css"');
    expect(frame.before).toContain('src="https://shop.example/logo.png"');
  });

  it('puts the app after the page when the placeholder is missing', () => {
    const f = sanitizeCustomHtml('<header>Top</header>', 'https://shop.example/');
    expect(f).toEqual({ before: '<header>Top</header>', after: '', origin: 'https://shop.example' });
  });
});

describe('pickLanguage', () => {
  it('lets the session override win, then Accept-Language by quality, then English', () => {
    expect(pickLanguage('de', 'fr')).toBe('de');
    expect(pickLanguage(undefined, 'sw;q=1, nl;q=0.8, fr;q=0.9')).toBe('fr');
    expect(pickLanguage(undefined, 'zh-HK')).toBe('zh-TW');
    expect(pickLanguage(undefined, 'zh-SG, en;q=0.5')).toBe('zh-CN');
    expect(pickLanguage(undefined, 'sw-KE, am')).toBe('en');
    expect(pickLanguage(undefined, 'pt-BR, ja')).toBe('pt');
    expect(pickLanguage(undefined, undefined)).toBe('en');
  });
});
