import { useState } from 'preact/hooks';
import { api, me, upload } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type List = { database: string; entities: number; snapshot: string | null; format: string; source: string; imported: string };

const DATABASES = ['us_ofac', 'un_sc', 'eu_fsf', 'gb_hmt', 'au_dfat', 'ca_dfatd', 'ch_seco', 'fr_tresor_gels_avoir', 'ua_sfms', 'eu_cor', 'eu_meps', 'global_politicians', 'interpol_red'];

function Upload(p: { onDone: () => void }) {
  const m = t.aml;
  const [progress, setProgress] = useState<number | null>(null);
  const [msg, setMsg] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    setMsg('');
    setProgress(0);
    try {
      const r = await upload<{ database: string; entities: number }>('/aml-lists', new FormData(form), setProgress);
      setMsg(m.importedAs(r.entities, r.database));
      form.reset();
      p.onDone();
    } catch (err) {
      setMsg((err as Error).message);
    } finally {
      setProgress(null);
    }
  };
  return (
    <form class="card row" onSubmit={submit}>
      <h2>{m.uploadTitle}</h2>
      <label>
        {m.files}
        <input name="file" type="file" multiple required data-testid="aml-file" />
      </label>
      <label>
        {m.database}
        <select name="database">
          <option value="">{m.databaseAuto}</option>
          {DATABASES.map((d) => (
            <option value={d}>{d}</option>
          ))}
        </select>
      </label>
      <button type="submit" class="primary" disabled={progress !== null} data-testid="aml-import">
        {m.import}
      </button>
      {progress !== null && (
        <span role="status">
          <progress max={1} value={progress} data-testid="aml-progress" /> {progress < 1 ? m.uploading : m.processing}
        </span>
      )}
      {msg && (
        <p role="status" data-testid="aml-status">
          {msg}
        </p>
      )}
    </form>
  );
}

export function AmlLists() {
  const m = t.aml;
  const { data, error, reload } = useLoad(() => api<{ items: List[] }>('/aml-lists'), []);
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
      {me.value?.capabilities.includes('aml_import') && <Upload onDone={reload} />}
    </section>
  );
}
