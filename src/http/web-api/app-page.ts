import type { BootData } from '../../contract/capture-api.ts';
import { RTL_LANGUAGES } from '../../contract/capture-languages.ts';
import type { AppAssets } from './web-assets.ts';
import type { CustomFrame } from './custom-html.ts';
import { escapeHtml as esc } from '../../domain/escape-html.ts';

/** JSON inside a script block: `<` escaped so no `</script>` can close it early. */
const jsonForScript = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * CSP of the app page: scripts only from idgate, any site may frame it (iframe module), and the
 * business's page origin (customhtmlurl) may supply styles, fonts and images.
 */
export function appPageCsp(extraOrigin?: string): string {
  const extra = extraOrigin ? ` ${extraOrigin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'unsafe-inline'${extra}`,
    `img-src 'self' data: blob:${extra}`,
    `font-src 'self'${extra}`,
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    'frame-ancestors *',
  ].join('; ');
}

/** A shield with a tick, inline (no request; the CSP allows data: images). */
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><path d="M32 3l25 9v17c0 16-11 27-25 32C18 56 7 45 7 29V12z" fill="#0b57d0"/><path d="M20 32l8 8 16-16" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/></svg>')}`;

export function renderAppPage(boot: BootData, assets: AppAssets, frame: CustomFrame | null): string {
  const title = `${boot.view.company} — identity verification`;
  const mount = `<div id="idgate-app" data-reference="${esc(boot.reference)}"><noscript>JavaScript is needed for identity verification.</noscript></div>`;
  const styles = assets.styles.map((href) => `<link rel="stylesheet" href="${esc(href)}">`).join('');
  const body = frame ? `${frame.before}${mount}${frame.after}` : `<div class="idg-shell">${mount}</div>`;
  const dir = RTL_LANGUAGES.includes(boot.view.language) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${esc(boot.view.language)}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><link rel="icon" href="${FAVICON}">${styles}<script type="module" src="${esc(assets.script)}"></script></head><body class="${frame ? 'idg-custom' : 'idg-default'}">${body}<script type="application/json" id="idgate-boot">${jsonForScript(boot)}</script></body></html>`;
}

export function renderNotBuiltPage(): string {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>idgate</title></head><body><h1>The capture app is not built</h1><p>Run <code>npm run build</code> (npm start does this by itself).</p></body></html>';
}
