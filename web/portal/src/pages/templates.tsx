import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type Summary = { id: string; version: number; name: string; created: string };
type Detail = { id: string; version: number; name: string; html: string; placeholders: string[]; unknownPlaceholders: string[] };
const STARTER = '<h1>Agreement</h1>\n<p>I, %{fullName}, born %{dob}, holder of document %{documentNumber}, agree to the terms.</p>';

/** List, create and edit contract templates; the preview is the saved version filled with sample data. */
export function Templates() {
  const m = t.templates;
  const list = useLoad(() => api<{ items: Summary[] }>('/templates'), []);
  const [current, setCurrent] = useState<Detail | null>(null);
  const [msg, setMsg] = useState('');
  const [info, setInfo] = useState<{ unknown: string[]; removed: string[] }>({ unknown: [], removed: [] });
  const open = async (id: string) => {
    setMsg('');
    setCurrent(await api<Detail>(`/templates/${id}`));
  };
  const save = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      const r = await api<{ id: string; version: number; unknownPlaceholders: string[]; removed: string[] }>('/templates', { body: { id: current?.id || undefined, name: f.get('name'), html: f.get('html') } });
      setInfo({ unknown: r.unknownPlaceholders, removed: r.removed });
      await open(r.id);
      setMsg(m.saved(r.version));
      list.reload();
    } catch (err) {
      setMsg((err as Error).message);
    }
  };
  const editing = current ?? { id: '', version: 0, name: '', html: STARTER, placeholders: [], unknownPlaceholders: [] };
  return (
    <section>
      <h1>{m.title}</h1>
      <div class="detail">
        <div>
          <div class="card">
            <button type="button" onClick={() => (setCurrent(null), setMsg(''))} data-testid="template-new">
              {m.new}
            </button>
            <ul>
              {list.data?.items.map((x) => (
                <li data-testid="template-row">
                  <button type="button" class="link" onClick={() => open(x.id)}>
                    {x.name}
                  </button>{' '}
                  <span class="muted">
                    v{x.version} · {x.created.slice(0, 10)}
                  </span>
                </li>
              ))}
            </ul>
            {list.data && !list.data.items.length && <p class="muted">{m.empty}</p>}
          </div>
          <form class="card stack" onSubmit={save} key={`${editing.id}:${editing.version}`}>
            <label>
              {m.name}
              <input name="name" required maxLength={200} defaultValue={editing.name} data-testid="template-name" />
            </label>
            <label>
              {m.html}
              <textarea name="html" rows={14} required defaultValue={editing.html} data-testid="template-html" class="code" />
            </label>
            <button type="submit" class="primary" data-testid="template-save">
              {m.save}
            </button>
            {msg && (
              <p role="status" data-testid="template-status">
                {msg}
              </p>
            )}
            {info.unknown.length > 0 && (
              <p class="muted">
                {m.unknown}: {info.unknown.join(', ')}
              </p>
            )}
            {info.removed.length > 0 && (
              <p class="muted">
                {m.removed}: {info.removed.join(', ')}
              </p>
            )}
          </form>
        </div>
        <div class="card">
          <h2>{m.preview}</h2>
          {current ? <iframe title={m.preview} class="preview" src={`/portal/api/templates/${current.id}/preview?v=${current.version}`} sandbox="" data-testid="template-preview" /> : <p class="muted">—</p>}
        </div>
      </div>
    </section>
  );
}
