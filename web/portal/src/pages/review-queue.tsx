import { Pager } from '../components/pager.tsx';
import { useFilteredPage } from '../components/use-filtered-page.ts';
import { onLink } from '../router.ts';
import { t } from '../strings.ts';

type Entry = { reference: string; reasons: string[]; updated: string; assignedToMe: boolean };

/** Every undecided session that needs a person, paged on the server (no window of recent sessions). */
export function ReviewQueue() {
  const { data, error, setPage, apply } = useFilteredPage<Entry>('/review-queue', { aml: false });
  const q = t.queue;
  return (
    <section>
      <h1>{q.title}</h1>
      <form class="filters card" onSubmit={apply}>
        <label class="check">
          <input name="aml" type="checkbox" data-testid="queue-aml-only" /> {q.aml}
        </label>
        <span class="actions">
          <button type="submit" class="primary">
            {t.common.apply}
          </button>
        </span>
      </form>
      {error && <p class="error">{error}</p>}
      {data && !data.items.length && <p class="muted">{q.empty}</p>}
      {data && data.items.length > 0 && (
        <>
          <table class="table">
            <thead>
              <tr>
                <th>{t.sessions.reference}</th>
                <th>{q.why}</th>
                <th>{t.sessions.updated}</th>
                <th>{t.sessions.assignedToMe}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr data-testid="queue-row" data-reference={r.reference}>
                  <td>
                    <a href={`/portal/sessions/${r.reference}`} onClick={onLink(`/sessions/${r.reference}`)}>
                      <code>{r.reference}</code>
                    </a>
                  </td>
                  <td>{r.reasons.map((x) => q[x] ?? x).join(', ')}</td>
                  <td>{r.updated.replace('T', ' ').slice(0, 16)}</td>
                  <td>{r.assignedToMe ? t.common.yes : ''}</td>
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
