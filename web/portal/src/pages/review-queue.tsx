import { api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { onLink } from '../router.ts';
import { t } from '../strings.ts';

export function ReviewQueue() {
  const { data, error } = useLoad(() => api<{ items: Array<{ reference: string; reasons: string[]; updated: string; assignedToMe: boolean }> }>('/review-queue'), []);
  const q = t.queue;
  return (
    <section>
      <h1>{q.title}</h1>
      {error && <p class="error">{error}</p>}
      {data && !data.items.length && <p class="muted">{q.empty}</p>}
      {data && data.items.length > 0 && (
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
      )}
    </section>
  );
}
