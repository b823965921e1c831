import { query } from '../api.ts';
import { Pager } from '../components/pager.tsx';
import { useFilteredPage } from '../components/use-filtered-page.ts';
import { t } from '../strings.ts';

type Entry = { id: string; time: string; operator: string | null; action: string; target: string | null; detail: string | null; ip: string | null; userAgent: string | null };
const EMPTY = { action: '', operator: '', target: '', from: '', to: '' };

export function AuditLog() {
  const a = t.audit;
  const { data, error, filters, setPage, apply } = useFilteredPage<Entry>('/audit', EMPTY, { pageSize: 50 });
  return (
    <section>
      <h1>{a.title}</h1>
      <p class="muted">{a.appendOnly}</p>
      <form class="filters card" onSubmit={apply}>
        <label>
          {a.action}
          <input name="action" placeholder="session.view" data-testid="audit-filter-action" />
        </label>
        <label>
          {a.operator}
          <input name="operator" type="email" />
        </label>
        <label>
          {a.target}
          <input name="target" />
        </label>
        <label>
          {t.sessions.from}
          <input name="from" type="date" />
        </label>
        <label>
          {t.sessions.to}
          <input name="to" type="date" />
        </label>
        <span class="actions">
          <button type="submit" class="primary">
            {t.common.apply}
          </button>
          <a class="button" href={`/portal/api/audit.csv${query(filters)}`} download data-testid="audit-export">
            {a.export}
          </a>
        </span>
      </form>
      {error && <p class="error">{error}</p>}
      {data && (
        <>
          <table class="table">
            <thead>
              <tr>
                <th>{a.time}</th>
                <th>{a.operator}</th>
                <th>{a.action}</th>
                <th>{a.target}</th>
                <th>{a.detail}</th>
                <th>{a.ip}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr data-testid="audit-row" data-action={r.action} data-target={r.target ?? ''}>
                  <td>{r.time.replace('T', ' ').slice(0, 19)}</td>
                  <td>{r.operator ?? ''}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.target ?? ''}</td>
                  <td class="detail-cell">{r.detail ?? ''}</td>
                  <td>{r.ip ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
