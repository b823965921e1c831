import { api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type List = { database: string; entities: number; snapshot: string | null; format: string; source: string; imported: string };

export function AmlLists() {
  const m = t.aml;
  const { data, error } = useLoad(() => api<{ items: List[] }>('/aml-lists'), []);
  return (
    <section>
      <h1>{m.title}</h1>
      {error && <p class="error">{error}</p>}
      {data && !data.items.length && <p class="muted">{m.empty}</p>}
      {data && data.items.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th>{m.database}</th>
              <th>{m.entities}</th>
              <th>{m.snapshot}</th>
              <th>{m.source}</th>
              <th>{m.imported}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((l) => (
              <tr data-testid="aml-list-row">
                <td>
                  <code>{l.database}</code>
                </td>
                <td>{l.entities.toLocaleString('en')}</td>
                <td>{l.snapshot ?? '—'}</td>
                <td class="url">{l.source}</td>
                <td>{l.imported.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">{m.upload}</p>
    </section>
  );
}
