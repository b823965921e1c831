import { useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { useLoad } from './use-load.ts';

export type Filters = Record<string, string | boolean>;
export type Page<T> = { total: number; page: number; pageSize: number; items: T[] };

/**
 * A server-side paged list with a filter form (sessions, audit log, review queue): the form's
 * fields are the keys of `empty` (a boolean is a checkbox), Apply goes back to page 1, Reset
 * clears. `extra` (sort, page size) joins the query.
 */
export function useFilteredPage<T>(path: string, empty: Filters, extra: Record<string, string | number | boolean | undefined> = {}) {
  const [filters, setFilters] = useState<Filters>(empty);
  const [page, setPage] = useState(1);
  const params = { ...filters, ...extra, page };
  const { data, error, reload } = useLoad(() => api<Page<T>>(`${path}${query(params)}`), [path, JSON.stringify(params)]);
  const apply = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const next: Filters = {};
    for (const k of Object.keys(empty)) next[k] = typeof empty[k] === 'boolean' ? f.get(k) === 'on' : String(f.get(k) ?? '').trim();
    setFilters(next);
    setPage(1);
  };
  const reset = () => {
    setFilters(empty);
    setPage(1);
  };
  return { data, error, reload, filters, page, setPage, apply, reset };
}
