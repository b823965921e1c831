import type { OpenResult } from '../../services/open-session.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;overflow-wrap:anywhere}input,button{font-size:1rem;padding:.6rem}button{background:#0b57d0;color:#fff;border:0;border-radius:.3rem}</style></head><body>${body}</body></html>`;
}

export function renderStartPage(error?: string): string {
  return page(
    'idgate — start verification',
    `<main><h1>Identity verification</h1>${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="get" action="/start"><label for="ref">Enter your reference code</label><br><input id="ref" name="reference" autocomplete="off" autocapitalize="characters" required data-testid="reference-input"> <button type="submit">Continue</button></form></main>`,
  );
}

/** Status pages for a session; the capture app itself replaces the `active` case. */
export function renderSessionPage(result: Exclude<OpenResult, { kind: 'redirect' }>): string {
  if (result.kind === 'unknown') return page('Unknown session', '<main><h1>Unknown session</h1><p>This link is not valid. Check the reference code or ask for a new link.</p></main>');
  const company = (JSON.parse(result.session.options_json) as { companyname: string }).companyname;
  if (result.kind === 'expired') return page('Session expired', `<main><h1>This session has expired</h1><p>Ask ${esc(company)} for a new link.</p></main>`);
  if (result.kind === 'finished') return page('Session finished', `<main><h1>This session is finished</h1><p>${esc(company)} has received the result. You can close this page.</p></main>`);
  return page(`${company} — identity verification`, `<main data-reference="${esc(result.session.reference)}"><h1>${esc(company)}</h1><p>Identity verification session ${esc(result.session.reference)}.</p></main>`);
}
