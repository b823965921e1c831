import { DomainError, ErrorCode, invalidValue } from '../../domain/errors.ts';
import type { VaultEntryRow, VaultPlainColumn, VaultSqlFilter } from '../../database/repositories/vault-repository.ts';
import type { ServiceDeps } from '../deps.ts';
import { vaultContext } from './vault-context.ts';
import { openRecord } from './vault-sealing.ts';
import { entryView, type ImageReturn } from './vault-entry-view.ts';
import { compareValues, equalityTokens, matchesFilter, parseFilter, parseVaultTime, PLAIN_COLUMNS, TIME_COLUMNS, type ParsedFilter } from './vault-filter.ts';
import { filterableFields, type Scalar, type VaultRecord } from './vault-record.ts';

export type VaultListOptions = { filter: string[]; orderby?: string; sort?: string; limit?: number | string; offset?: number | string };

export const MAX_LIMIT = 100;
/** Above this many candidate rows a filter or order on an encrypted field asks for narrower filters. */
export const MAX_IN_MEMORY_ROWS = 20_000;

const intParam = (name: string, v: unknown, dflt: number, min: number, max: number): number => {
  if (v === undefined || v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw invalidValue(name, `an integer from ${min} to ${max}`);
  return n;
};

/**
 * Plans a list: filters on plain columns (id, reference, times) and equality on encrypted fields
 * (blind-index tokens) run in SQL; range filters on encrypted fields and ordering by them need
 * the values, so the matching rows are decrypted and filtered, sorted and paged here.
 */
export async function listVaultEntries(deps: Pick<ServiceDeps, 'clock' | 'config' | 'files' | 'vault' | 'vaultKeys'>, accountId: string, opts: VaultListOptions, returnType: ImageReturn = 1) {
  const { repo, crypto } = vaultContext(deps);
  const limit = intParam('limit', opts.limit, 10, 1, MAX_LIMIT);
  const offset = intParam('offset', opts.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  const sort = String(opts.sort || 'DESC').toUpperCase();
  if (sort !== 'ASC' && sort !== 'DESC') throw invalidValue('sort', 'ASC or DESC');
  const direction = sort === 'ASC' ? 'asc' : 'desc';
  const orderby = String(opts.orderby || 'createtime');
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(orderby)) throw invalidValue('orderby', 'a field name');

  const sqlFilters: VaultSqlFilter[] = [];
  const memoryFilters: ParsedFilter[] = [];
  for (const f of opts.filter.map(parseFilter)) {
    if (PLAIN_COLUMNS.has(f.field as VaultPlainColumn)) {
      let value: string | number = f.value;
      if (TIME_COLUMNS.has(f.field)) {
        const t = parseVaultTime(f.value);
        if (t === null) throw invalidValue('filter', `${f.field} takes a date such as 2021/02/25 or 2021-02-25 13:00:00 (UTC)`);
        value = t;
      }
      sqlFilters.push({ kind: 'column', column: f.field as VaultPlainColumn, op: f.op, value });
    } else if (f.op === '=' || f.op === '!=') {
      sqlFilters.push({ kind: 'index', field: f.field, op: f.op, tokens: equalityTokens(f.value).map((t) => crypto.blindIndex(accountId, f.field, t)) });
    } else {
      memoryFilters.push(f);
    }
  }

  const plainOrder = PLAIN_COLUMNS.has(orderby as VaultPlainColumn);
  let page: { row: VaultEntryRow; record?: VaultRecord }[];
  let more: boolean;
  if (plainOrder && !memoryFilters.length) {
    const rows = await repo.listEntries(accountId, { filters: sqlFilters, orderBy: orderby as VaultPlainColumn, direction, limit: limit + 1, offset });
    more = rows.length > limit;
    page = rows.slice(0, limit).map((row) => ({ row }));
  } else {
    const rows = await repo.listEntries(accountId, { filters: sqlFilters, orderBy: 'createtime', direction, limit: MAX_IN_MEMORY_ROWS + 1, offset: 0 });
    if (rows.length > MAX_IN_MEMORY_ROWS) {
      throw new DomainError(ErrorCode.InvalidValue, `Too many entries to filter or order by encrypted fields (over ${MAX_IN_MEMORY_ROWS}); add an equality or createtime filter`);
    }
    let all = rows.map((row) => {
      const record = openRecord(crypto, row);
      return { row, record, fields: filterableFields(record) };
    });
    all = all.filter((e) => memoryFilters.every((f) => matchesFilter(e.fields.get(f.field), f)));
    if (!plainOrder) all = stableSort(all, (e) => e.fields.get(orderby), direction);
    more = all.length > offset + limit;
    page = all.slice(offset, offset + limit);
  }
  const images = await repo.findImages(accountId, page.map((p) => p.row.id));
  const items = await Promise.all(page.map((p) => entryView(deps, p.row, images.filter((i) => i.entry_id === p.row.id), returnType, p.record)));
  return { items, limit, offset, nextoffset: more ? offset + limit : null };
}

/** Entries without the field sort last in both directions; ties keep the createtime order. */
function stableSort<T>(list: T[], key: (t: T) => Scalar | undefined, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return list
    .map((t, i) => ({ t, i, k: key(t) }))
    .sort((a, b) => {
      if (a.k === undefined || b.k === undefined) return a.k === b.k ? a.i - b.i : a.k === undefined ? 1 : -1;
      return sign * compareValues(a.k, b.k) || a.i - b.i;
    })
    .map((x) => x.t);
}
