import { t } from '../strings.ts';

export function Pager(p: { page: number; pageSize: number; total: number; onPage: (n: number) => void }) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={p.page <= 1} onClick={() => p.onPage(p.page - 1)}>
        {t.common.previous}
      </button>
      <span>
        {t.common.page(p.page, pages)} · {t.common.total(p.total)}
      </span>
      <button type="button" disabled={p.page >= pages} onClick={() => p.onPage(p.page + 1)}>
        {t.common.next}
      </button>
    </nav>
  );
}
