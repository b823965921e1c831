import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type Summary = { id: string; version: number; name: string; created: string };
type Detail = { id: string; version: number; name: string; html: string; placeholders: string[]; unknownPlaceholders: string[] };
type Preview = { frame: string; missing: string[]; unknownPlaceholders: string[]; removed: string[] };
const DEBOUNCE_MS = 400;

/**
 * The live preview: the editor's unsaved HTML is filled on the server (sanitised as a saved
 * template is, with made-up sample data) a moment after typing stops; nothing is stored.
 */
function useLivePreview(html: string, name: string) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setBusy(true);
    const timer = setTimeout(() => {
      api<Preview>('/templates/preview', { body: { html, name } }).then(
        (p) => mine === seq.current && (setPreview(p), setError(''), setBusy(false)),
        (e: Error) => mine === seq.current && (setError(e.message), setBusy(false)),
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [html, name]);
  return { preview, busy, error };
}
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
  const editKey = `${editing.id}:${editing.version}`;
  const [draft, setDraft] = useState({ html: editing.html, name: editing.name, key: editKey });
  // Opening another template (or a new version) starts the draft from it.
  if (draft.key !== editKey) setDraft({ html: editing.html, name: editing.name, key: editKey });
  const live = useLivePreview(draft.html, draft.name);
  const dirty = draft.html !== editing.html || draft.name !== editing.name;
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
              <input name="name" required maxLength={200} defaultValue={editing.name} data-testid="template-name" onInput={(e) => setDraft({ ...draft, name: (e.currentTarget as HTMLInputElement).value })} />
            </label>
            <label>
              {m.html}
              <textarea name="html" rows={18} required defaultValue={editing.html} data-testid="template-html" class="code" spellcheck={false} onInput={(e) => setDraft({ ...draft, html: (e.currentTarget as HTMLTextAreaElement).value })} />
            </label>
            {dirty && <p class="muted small">{m.unsaved}</p>}
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
        <div class="card preview-card">
          <h2>
            {m.preview}{' '}
            <span class="muted small" aria-live="polite" data-testid="template-preview-state" data-busy={live.busy ? 'true' : 'false'}>
              {live.busy ? m.previewing : ''}
            </span>
          </h2>
          {live.error && <p class="error">{live.error}</p>}
          {live.preview && <iframe title={m.preview} class="preview" src={live.preview.frame} sandbox="" data-testid="template-preview" />}
          {live.preview && live.preview.missing.length > 0 && (
            <p class="muted small" data-testid="template-missing">
              {m.missing}: {live.preview.missing.join(', ')}
            </p>
          )}
          {live.preview && live.preview.removed.length > 0 && (
            <p class="muted small">
              {m.removed}: {live.preview.removed.join(', ')}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
