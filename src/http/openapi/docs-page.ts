import { escapeHtml as esc } from '../../domain/escape-html.ts';

type Json = Record<string, unknown>;
type Operation = { summary?: string; description?: string; tags?: string[]; parameters?: Json[]; requestBody?: Json; responses?: Record<string, Json> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** A JSON schema as a short type label: `string`, `integer | null`, `array of object`, `"a" | "b"`. */
function typeLabel(s: Json | undefined): string {
  if (!s) return 'any';
  if (s.$ref) return String(s.$ref).split('/').pop() ?? 'object';
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const union = (s.anyOf ?? s.oneOf) as Json[] | undefined;
  if (union) return union.map(typeLabel).join(' | ');
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (s.type === 'array') return `array of ${typeLabel(s.items as Json | undefined)}`;
  return String(s.type ?? 'any');
}

let components: Record<string, Json> = {};
/** A `#/components/schemas/X` reference replaced by the schema it names. */
const resolve = (s: Json | undefined): Json | undefined => (s?.$ref ? components[String(s.$ref).split('/').pop() ?? ''] ?? s : s);

/** Nested fields of an object schema as a table (two levels deep; deeper ones read as `object`). */
function fieldsTable(schemaIn: Json | undefined, depth = 0): string {
  const schema = resolve(schemaIn);
  const variants = (schema?.anyOf ?? schema?.oneOf) as Json[] | undefined;
  if (variants && depth === 0) {
    return variants.map((v, i) => `<p class="muted">${i === 0 ? 'One of:' : 'or'} ${esc(String(resolve(v)?.description ?? ''))}</p>${fieldsTable(v, depth)}`).join('');
  }
  const props = schema?.properties as Record<string, Json> | undefined;
  if (!props || Object.keys(props).length === 0) return `<p class="type">${esc(typeLabel(schema))}</p>`;
  const required = new Set((schema?.required as string[] | undefined) ?? []);
  const rows = Object.entries(props).map(([name, s]) => {
    const nested = depth < 1 && resolve(s)?.properties ? fieldsTable(s, depth + 1) : '';
    const desc = typeof s.description === 'string' ? esc(s.description) : '';
    return `<tr><td><code>${esc(name)}</code>${required.has(name) ? ' <span class="req">required</span>' : ''}</td><td class="type">${esc(typeLabel(s))}</td><td>${desc}${nested}</td></tr>`;
  });
  return `<table><thead><tr><th>Field</th><th>Type</th><th>Description</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function bodySchema(content: unknown): Json | undefined {
  const c = content as Record<string, { schema?: Json }> | undefined;
  if (!c) return undefined;
  return (c['application/json'] ?? Object.values(c)[0])?.schema;
}

function operationHtml(method: string, path: string, op: Operation): string {
  const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
  const params = (op.parameters ?? []) as Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  const paramsHtml = params.length
    ? `<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th></tr></thead><tbody>${params
        .map((p) => `<tr><td><code>${esc(String(p.name))}</code>${p.required ? ' <span class="req">required</span>' : ''}</td><td>${esc(String(p.in))}</td><td class="type">${esc(typeLabel(p.schema))}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  const body = op.requestBody ? `<h4>Request body</h4>${fieldsTable(bodySchema(op.requestBody.content))}` : '';
  const responses = Object.entries(op.responses ?? {})
    .map(([status, r]) => `<h4>Response ${esc(status)}${r.description ? ` <span class="muted">${esc(String(r.description))}</span>` : ''}</h4>${r.content ? fieldsTable(bodySchema(r.content)) : ''}`)
    .join('');
  return `<section class="op" id="${esc(id)}"><h3><span class="method ${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>${op.summary ? `<p><strong>${esc(op.summary)}</strong></p>` : ''}${op.description ? `<p>${esc(op.description)}</p>` : ''}${paramsHtml}${body}${responses}</section>`;
}

/**
 * The API reference at /docs, rendered on the server from the OpenAPI document itself (so it
 * cannot drift from it) with inline styles and no scripts: it works offline and under the
 * default CSP.
 */
export function renderDocsPage(doc: Json): string {
  components = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const info = (doc.info ?? {}) as { title?: string; version?: string; description?: string };
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const groups = new Map<string, string[]>();
  const nav = new Map<string, string[]>();
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags?.[0] ?? 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), operationHtml(method, path, op)]);
      const id = `${method}-${path}`.replace(/[^a-z0-9]+/gi, '-');
      nav.set(tag, [...(nav.get(tag) ?? []), `<li><a href="#${esc(id)}"><span class="method ${method}">${method.toUpperCase()}</span> ${esc(path)}</a></li>`]);
    }
  }
  const webhooks = (doc.webhooks ?? {}) as Record<string, Record<string, Operation>>;
  const webhookHtml = Object.entries(webhooks)
    .map(([name, item]) => {
      const op = item.post ?? {};
      const schema = bodySchema(op.requestBody?.content) as Json | undefined;
      const variants = ((schema?.anyOf ?? schema?.oneOf ?? [schema]) as Json[]).filter(Boolean);
      return `<section class="op" id="webhook-${esc(name)}"><h3><span class="method post">POST</span> <code>callbackurl</code> <span class="muted">${esc(name)}</span></h3>${op.description ? `<p>${esc(op.description)}</p>` : ''}${variants
        .map((v) => `<h4>${esc(String(v.description ?? 'Payload'))}</h4>${fieldsTable(v)}`)
        .join('')}</section>`;
    })
    .join('');
  const sections = [...groups].map(([tag, ops]) => `<h2 id="tag-${esc(tag)}">${esc(tag)}</h2>${ops.join('')}`).join('');
  const navHtml = [...nav].map(([tag, items]) => `<h5>${esc(tag)}</h5><ul>${items.join('')}</ul>`).join('') + (webhookHtml ? '<h5>Webhooks</h5><ul><li><a href="#webhook-docupassCallback">DocuPass callback</a></li></ul>' : '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(info.title ?? 'API')} reference</title><style>
body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1b2330;background:#f6f7f9}
header{background:#1b2330;color:#fff;padding:18px 28px}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#c4ccd8}
.wrap{display:flex;align-items:flex-start}nav{position:sticky;top:0;width:270px;max-height:100vh;overflow:auto;padding:16px 20px;box-sizing:border-box;border-right:1px solid #e1e4ea;background:#fff;font-size:13px}
nav ul{list-style:none;margin:0 0 12px;padding:0}nav li{margin:3px 0}nav a{color:#1b2330;text-decoration:none}nav a:hover{text-decoration:underline}nav h5{margin:12px 0 6px;text-transform:uppercase;color:#5a6578;letter-spacing:.04em}
main{flex:1;padding:8px 32px 48px;max-width:980px}h2{margin-top:32px;border-bottom:1px solid #e1e4ea;padding-bottom:6px}
.op{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:4px 20px 14px;margin:16px 0}.op h3{font-size:16px}
.method{display:inline-block;min-width:44px;text-align:center;border-radius:4px;padding:1px 6px;font-size:11px;font-weight:700;color:#fff;background:#5a6578}
.method.get{background:#1f7a4d}.method.post{background:#2456a6}.method.delete{background:#b3261e}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}th,td{text-align:left;vertical-align:top;border-top:1px solid #edf0f4;padding:5px 8px}th{color:#5a6578;font-weight:600}
td table{margin:4px 0 0}.type{color:#6b3fa0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}.req{color:#b3261e;font-size:11px}.muted{color:#5a6578;font-weight:400;font-size:13px}
code{font-family:ui-monospace,Menlo,Consolas,monospace}
</style></head><body><header><h1>${esc(info.title ?? 'API')} <span class="muted" style="color:#c4ccd8">${esc(info.version ?? '')}</span></h1>${info.description ? `<p>${esc(info.description)}</p>` : ''}<p><a href="/openapi.json" style="color:#9cc3ff">openapi.json</a></p></header>
<div class="wrap"><nav>${navHtml}</nav><main>${sections}${webhookHtml ? `<h2 id="webhooks">Webhooks</h2>${webhookHtml}` : ''}</main></div></body></html>`;
}
