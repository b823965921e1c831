import type { OpenResult } from '../../services/session/open-session.ts';
import type { CaptureLanguage } from '../../contract/capture-api.ts';
import { pageStrings } from './page-strings.ts';
import { escapeHtml as esc } from '../../domain/escape-html.ts';


function page(lang: CaptureLanguage, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;overflow-wrap:anywhere}input,button{font-size:1rem;padding:.6rem}button{background:#0b57d0;color:#fff;border:0;border-radius:.3rem}:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}</style></head><body>${body}</body></html>`;
}

/** The page at `/` where a user types the reference code they were given. */
export function renderStartPage(lang: CaptureLanguage, invalid = false): string {
  const s = pageStrings(lang);
  return page(
    lang,
    s.startTitle,
    `<main><h1>${esc(s.startTitle)}</h1>${invalid ? `<p role="alert">${esc(s.startInvalid)}</p>` : ''}
<form method="get" action="/start"><label for="ref">${esc(s.startLabel)}</label><br><input id="ref" name="reference" autocomplete="off" autocapitalize="characters" required data-testid="reference-input"> <button type="submit">${esc(s.startContinue)}</button></form></main>`,
  );
}

/** Status pages for a session; the capture app itself replaces the `active` case. */
export function renderSessionPage(result: Exclude<OpenResult, { kind: 'redirect' }>, lang: CaptureLanguage): string {
  const s = pageStrings(lang);
  if (result.kind === 'unknown') return page(lang, s.unknownTitle, `<main><h1>${esc(s.unknownTitle)}</h1><p>${esc(s.unknownHelp)}</p></main>`);
  const company = esc(result.session.options.companyname);
  const fill = (t: string) => esc(t).replace('{company}', company);
  if (result.kind === 'expired') return page(lang, s.expiredTitle, `<main><h1>${esc(s.expiredTitle)}</h1><p>${fill(s.expiredHelp)}</p></main>`);
  if (result.kind === 'finished') return page(lang, s.finishedTitle, `<main><h1>${esc(s.finishedTitle)}</h1><p>${fill(s.finishedHelp)}</p></main>`);
  return page(lang, s.startTitle, `<main data-reference="${esc(result.session.reference)}"><h1>${company}</h1><p>${esc(s.startTitle)} · ${esc(result.session.reference)}</p></main>`);
}
