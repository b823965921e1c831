/**
 * A standalone HTML file around the filled template: UTF-8, print styles, and a CSP that lets
 * the file load nothing (its images are inline data: URLs) and run nothing.
 */
import { escapeHtml } from './placeholders.ts';

export type HtmlMeta = { title: string; footer?: string };

const CSS = `body{font-family:"DejaVu Sans",Arial,Helvetica,sans-serif;font-size:10.5pt;line-height:1.4;max-width:46em;margin:2em auto;padding:0 1em;color:#000}
table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{padding:4px;vertical-align:top;text-align:left}
table[border="1"] th,table[border="1"] td{border:1px solid #666}th{background:#eee}
blockquote{border-left:3px solid #bbb;margin-left:1em;padding-left:1em}img{max-width:100%;height:auto}
footer.idgate-footer{margin-top:3em;font-size:8pt;color:#666;text-align:center}
@media print{body{margin:0;max-width:none}}`;

export function renderHtmlDocument(bodyHtml: string, meta: HtmlMeta): string {
  return (
    `<!DOCTYPE html>\n<html><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(meta.title)}</title><style>${CSS}</style></head>\n<body>\n${bodyHtml}\n` +
    (meta.footer ? `<footer class="idgate-footer">${escapeHtml(meta.footer)}</footer>\n` : '') +
    `</body></html>\n`
  );
}
