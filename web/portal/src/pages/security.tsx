import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type Passkey = { id: string; name: string; created: string; lastUsed: string | null };
const when = (s: string | null) => (s ? s.replace('T', ' ').slice(0, 16) : '—');

/** The signed-in operator's passkeys: add (WebAuthn registration) and remove. */
export function Security() {
  const p = t.security;
  const { data, error, reload } = useLoad(() => api<{ items: Passkey[] }>('/passkeys'), []);
  const [msg, setMsg] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('name') ?? '').trim();
    setBusy(true);
    try {
      // Loaded only here: the WebAuthn helper is not part of the initial bundle.
      const { startRegistration } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>('/passkeys/options', { method: 'POST' });
      const response = await startRegistration({ optionsJSON });
      await api('/passkeys', { body: { name, response } });
      setMsg({ text: p.added, error: false });
      form.reset();
      reload();
    } catch (err) {
      setMsg({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string) => {
    await api(`/passkeys/${encodeURIComponent(id)}/remove`, { method: 'POST' });
    reload();
  };
  return (
    <section>
      <h1>{p.title}</h1>
      <p class="muted">{p.help}</p>
      {msg && (
        <p role={msg.error ? 'alert' : 'status'} class={msg.error ? 'error' : 'ok'} data-testid="passkey-status">
          {msg.text}
        </p>
      )}
      {error && <p class="error">{error}</p>}
      <form class="card filters" onSubmit={add}>
        <label>
          {p.name}
          <input name="name" required maxLength={100} placeholder={p.namePlaceholder} data-testid="passkey-name" />
        </label>
        <span class="actions">
          <button type="submit" class="primary" disabled={busy} data-testid="passkey-add">
            {p.add}
          </button>
        </span>
      </form>
      {data && (
        <table class="table">
          <thead>
            <tr>
              <th>{p.name}</th>
              <th>{p.created}</th>
              <th>{p.lastUsed}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.items.map((k) => (
              <tr data-testid="passkey-row">
                <td>{k.name}</td>
                <td>{when(k.created)}</td>
                <td>{when(k.lastUsed)}</td>
                <td>
                  <button type="button" onClick={() => remove(k.id)}>
                    {p.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && !data.items.length && <p class="muted">{p.none}</p>}
    </section>
  );
}
