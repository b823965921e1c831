/**
 * `%{field}` placeholders: discovery, value precedence and filling. Values are HTML-escaped on
 * the way in, so ID data or prefill can never inject markup into a sanitised template.
 */
import { isKnownField } from './field-names.ts';
import { escapeHtml } from '../../domain/escape-html.ts';

const PLACEHOLDER = /%\{\s*([A-Za-z0-9_.-]{1,100})\s*\}/g;

export type FieldValue = string | number | boolean | null | undefined;
export type FieldValues = Record<string, string>;

/** Distinct placeholder names in order of first appearance. */
export function findPlaceholders(html: string): string[] {
  const seen = new Set<string>();
  for (const m of html.matchAll(PLACEHOLDER)) seen.add(m[1]);
  return [...seen];
}

/** Placeholders that are neither ID fields nor system fields: only prefill data can fill them. */
export function findUnknownPlaceholders(html: string): string[] {
  return findPlaceholders(html).filter((n) => !isKnownField(n));
}

/** The one HTML escaper (domain/escape-html.ts), re-exported for the contract renderers. */
export { escapeHtml } from '../../domain/escape-html.ts';

function toText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined; // nested objects and arrays are not template values
}

/**
 * The documented precedence: ID data wins over `contract_prefill_data` on conflict; system
 * fields win over both. Empty strings in a higher layer do not hide a lower layer's value,
 * since an ID field the OCR could not read comes back empty.
 */
export function mergeFieldValues(layers: { prefill?: Record<string, unknown>; data?: Record<string, unknown>; system?: Record<string, unknown> }): FieldValues {
  const out: FieldValues = {};
  for (const layer of [layers.prefill, layers.data, layers.system]) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      const t = toText(v);
      if (t !== undefined && (t !== '' || !(k in out))) out[k] = t;
    }
  }
  return out;
}

/**
 * Replaces each placeholder with its escaped value (newlines become `<br>`). A placeholder without
 * a value becomes empty text, never the raw `%{name}`, and is listed in `missing`.
 */
export function fillTemplate(html: string, values: FieldValues): { html: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = html.replace(PLACEHOLDER, (_m, name: string) => {
    const v = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (v === undefined) {
      missing.add(name);
      return '';
    }
    return escapeHtml(v).replace(/\r?\n/g, '<br>');
  });
  return { html: filled, missing: [...missing] };
}
