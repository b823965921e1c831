import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type Member = { email: string; role: string; disabled: boolean; secondFactor: boolean; lastSignIn: string | null; created: string };

export function Team() {
  const m = t.team;
  const { data, reload } = useLoad(() => api<{ items: Member[] }>('/team'), []);
  const [link, setLink] = useState('');
  const [error, setError] = useState('');
  const act = async (fn: () => Promise<unknown>) => {
    setError('');
    try {
      const r = (await fn()) as { setupLink?: string } | undefined;
      if (r?.setupLink) setLink(r.setupLink);
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const invite = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    void act(() => api('/team', { body: { email: f.get('email'), role: f.get('role') } }));
  };
  return (
    <section>
      <h1>{m.title}</h1>
      <form class="card row" onSubmit={invite}>
        <label>
          {m.email}
          <input name="email" type="email" required />
        </label>
        <label>
          {m.role}
          <select name="role">
            {['reviewer', 'viewer', 'developer', 'admin'].map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          {m.invite}
        </button>
      </form>
      {error && <p class="error">{error}</p>}
      {link && (
        <p class="notice" role="status">
          {m.inviteLink} <code>{link}</code>
        </p>
      )}
      <table class="table">
        <thead>
          <tr>
            <th>{m.email}</th>
            <th>{m.role}</th>
            <th>{m.secondFactor}</th>
            <th>{m.lastSignIn}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.items.map((o) => (
            <tr>
              <td>{o.email}</td>
              <td>
                <select aria-label={`${m.role}: ${o.email}`} value={o.role} onChange={(e) => act(() => api('/team/role', { body: { email: o.email, role: (e.currentTarget as HTMLSelectElement).value } }))} data-testid="team-role">
                  {['admin', 'reviewer', 'viewer', 'developer'].map((r) => (
                    <option value={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{o.secondFactor ? t.common.yes : t.common.no}</td>
              <td>{o.lastSignIn ? o.lastSignIn.replace('T', ' ').slice(0, 16) : '—'}</td>
              <td class="row">
                {o.disabled ? (
                  m.disabled
                ) : (
                  <button type="button" onClick={() => act(() => api('/team/disable', { body: { email: o.email } }))}>
                    {m.disable}
                  </button>
                )}
                <button type="button" onClick={() => act(() => api('/team/reset', { body: { email: o.email } }))}>
                  {m.reset}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
