import { invalidValue } from '../../domain/errors.ts';
import type { VaultOp, VaultPlainColumn } from '../../database/repositories/vault-repository.ts';
import { FIELD_NAME, normaliseValue, type Scalar } from './vault-record.ts';

export type ParsedFilter = { field: string; op: VaultOp; value: string };

export const MAX_FILTERS = 5;
export const PLAIN_COLUMNS = new Set<VaultPlainColumn>(['id', 'docupass_reference', 'createtime', 'updatetime']);
export const TIME_COLUMNS = new Set(['createtime', 'updatetime']);

const STATEMENT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$/s;

/** `filter` as the client sends it: a JSON array, a JSON string of an array, one statement, or form `filter[]`. */
export function readFilterParam(raw: Record<string, unknown>): string[] {
  let f = raw.filter ?? raw['filter[]'];
  if (f === undefined || f === null || f === '') return [];
  if (typeof f === 'string' && f.trim().startsWith('[')) {
    try {
      f = JSON.parse(f);
    } catch {
      throw invalidValue('filter', 'not a valid JSON array');
    }
  }
  const list = Array.isArray(f) ? f : [f];
  if (list.length > MAX_FILTERS) throw invalidValue('filter', `at most ${MAX_FILTERS} filter statements`);
  return list.map((s) => {
    if (typeof s !== 'string') throw invalidValue('filter', 'each filter must be a string such as "firstName=JOHN"');
    return s;
  });
}

export function parseFilter(statement: string): ParsedFilter {
  const m = STATEMENT.exec(statement);
  if (!m || !FIELD_NAME.test(m[1])) throw invalidValue('filter', `cannot read "${statement}"; write field, operator (= != > < >= <=) and value, e.g. "createtime>=2021/02/25"`);
  let value = m[3];
  if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) value = value.slice(1, -1);
  return { field: m[1], op: m[2] as VaultOp, value };
}

/**
 * Times in filters: `2021/02/25`, `2021-02-25`, optionally with `HH:MM[:SS]`, all UTC (a bare
 * date means its midnight, as a datetime column compared with a date does), or Unix seconds.
 */
export function parseVaultTime(s: string): number | null {
  const t = s.trim();
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(t);
  if (!m) return null;
  const [y, mo, d, h = '0', mi = '0', se = '0'] = m.slice(1).map((x) => x ?? undefined) as string[];
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  return ms;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
const DATE_LIKE = /^\d{4}[/-]\d{1,2}[/-]\d{1,2}$/;
const dateKey = (s: string) => s.split(/[/-]/).map((p, i) => (i === 0 ? p : p.padStart(2, '0'))).join('/');

/** Orders two values: numbers by value, dates by date, otherwise case-insensitive text. */
export function compareValues(a: Scalar, b: Scalar): number {
  const sa = typeof a === 'string' ? a.trim() : String(typeof a === 'boolean' ? Number(a) : a);
  const sb = typeof b === 'string' ? b.trim() : String(typeof b === 'boolean' ? Number(b) : b);
  if (NUMERIC.test(sa) && NUMERIC.test(sb)) return Number(sa) - Number(sb);
  if (DATE_LIKE.test(sa) && DATE_LIKE.test(sb)) return dateKey(sa) < dateKey(sb) ? -1 : dateKey(sa) > dateKey(sb) ? 1 : 0;
  const na = normaliseValue(sa);
  const nb = normaliseValue(sb);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** In-memory test of one filter against a decrypted value (undefined = the entry has no such field). */
export function matchesFilter(value: Scalar | undefined, f: ParsedFilter): boolean {
  if (value === undefined) return f.op === '!=';
  if (f.op === '=' || f.op === '!=') {
    const equal = equalityTokens(f.value).includes(normaliseValue(value));
    return f.op === '=' ? equal : !equal;
  }
  const c = compareValues(value, f.value);
  return f.op === '>' ? c > 0 : f.op === '<' ? c < 0 : f.op === '>=' ? c >= 0 : c <= 0;
}

/** Normalised forms a filter value may take: "true"/"false" also match stored booleans (1/0). */
export function equalityTokens(value: string): string[] {
  const n = normaliseValue(value);
  if (n === 'TRUE') return [n, '1'];
  if (n === 'FALSE') return [n, '0'];
  return [n];
}
