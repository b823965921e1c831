import { useState } from 'preact/hooks';
import { api, me, query } from '../api.ts';
import { Pager } from '../components/pager.tsx';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';
import { DeliveryTable, type Delivery } from './delivery-table.tsx';

type Key = { id: string; name: string; prefix: string; created: string; revoked: string | null; lastUsed: string | null };
type Endpoint = { id: string; url: string; description: string | null; created: string; disabled: string | null };
const day = (s: string | null) => (s ? s.slice(0, 10) : '—');

function Keys() {
  const d = t.developers;
  const { data, reload } = useLoad(() => api<{ items: Key[] }>('/keys'), []);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState('');
  const create = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    try {
      const r = await api<{ key: string }>('/keys', { body: { name: new FormData(form).get('name') } });
      setCreated(r.key);
      form.reset();
      reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const revoke = async (id: string) => {
    await api(`/keys/${id}/revoke`, { method: 'POST' });
    reload();
  };
  return (
    <div class="card">
      <h2>{d.keys}</h2>
      <form class="row" onSubmit={create}>
        <label>
          {d.keyName}
          <input name="name" required maxLength={100} data-testid="apikey-name" />
        </label>
        <button type="submit" class="primary" data-testid="apikey-create">
          {d.createKey}
        </button>
      </form>
      {error && <p class="error">{error}</p>}
      {created && (
        <p class="notice" role="status">
          {d.keyOnce} <code data-testid="apikey-secret">{created}</code>
        </p>
      )}
      <table class="table">
        <thead>
          <tr>
            <th>{d.keyName}</th>
            <th>{d.prefix}</th>
            <th>{d.created}</th>
            <th>{d.lastUsed}</th>
            <th>{d.status}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {data?.items.map((k) => (
            <tr data-testid="apikey-row" data-prefix={k.prefix} data-revoked={k.revoked ? 'true' : 'false'}>
              <td>{k.name}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{day(k.created)}</td>
              <td data-testid="apikey-last-used">{k.lastUsed ? <time dateTime={k.lastUsed}>{k.lastUsed.replace('T', ' ').slice(0, 16)}</time> : <span class="muted">{d.never}</span>}</td>
              <td>{k.revoked ? `${d.revoked} ${day(k.revoked)}` : d.active}</td>
              <td>
                {!k.revoked && (
                  <button type="button" onClick={() => revoke(k.id)} data-testid="apikey-revoke">
                    {d.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Deliveries() {
  const d = t.developers;
  const [filters, setFilters] = useState({ state: '', reference: '' });
  const [page, setPage] = useState(1);
  const { data, reload } = useLoad(() => api<{ total: number; page: number; pageSize: number; items: Delivery[] }>(`/deliveries${query({ ...filters, page })}`), [filters.state, filters.reference, page]);
  const apply = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    setFilters({ state: String(f.get('state') ?? ''), reference: String(f.get('reference') ?? '').trim() });
    setPage(1);
  };
  return (
    <div class="card">
      <h2>{d.deliveries}</h2>
      <form class="row" onSubmit={apply}>
        <label>
          {d.state}
          <select name="state">
            <option value="">{t.sessions.any}</option>
            <option value="pending">pending</option>
            <option value="delivered">delivered</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label>
          {t.sessions.reference}
          <input name="reference" data-testid="delivery-filter-reference" />
        </label>
        <button type="submit">{t.common.apply}</button>
      </form>
      {data && (
        <>
          <DeliveryTable items={data.items} onResent={reload} />
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function Endpoints() {
  const d = t.developers;
  const { data, reload } = useLoad(() => api<{ items: Endpoint[] }>('/webhooks'), []);
  const [error, setError] = useState('');
  const add = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    try {
      await api('/webhooks', { body: { url: new FormData(form).get('url') } });
      form.reset();
      reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div class="card">
      <h2>{d.endpoints}</h2>
      <p class="muted">{d.signing}</p>
      <form class="row" onSubmit={add}>
        <label>
          {d.endpointUrl}
          <input name="url" type="url" required data-testid="webhook-url" />
        </label>
        <button type="submit" data-testid="webhook-add">
          {d.addEndpoint}
        </button>
      </form>
      {error && <p class="error">{error}</p>}
      <ul>
        {data?.items.map((w) => (
          <li data-testid="webhook-row">
            <code>{w.url}</code> · {day(w.created)} {w.disabled ? `· ${d.disabled}` : <button type="button" class="link" onClick={() => api(`/webhooks/${w.id}/disable`, { method: 'POST' }).then(reload)}>{d.disable}</button>}
          </li>
        ))}
      </ul>
    </div>
  );
}

type SecretView = { secret: string; previous: { secret: string; valid_until: string } | null; rotated_at: string | null };

/** The account's webhook signing secret: hidden until revealed (each reveal is audited); rotation keeps the old one signing for an overlap. */
function SigningSecret() {
  const d = t.developers;
  const [view, setView] = useState<SecretView | null>(null);
  const [error, setError] = useState('');
  const act = async (path: string, body?: unknown) => {
    try {
      setView(await api<SecretView>(path, body === undefined ? { method: 'POST' } : { body }));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const rotate = (e: Event) => {
    e.preventDefault();
    void act('/webhook-secret/rotate', { overlapHours: Number(new FormData(e.currentTarget as HTMLFormElement).get('overlap')) });
  };
  return (
    <div class="card">
      <h2>{d.secret}</h2>
      <p class="muted">{d.signing}</p>
      {error && <p class="error">{error}</p>}
      {view ? (
        <dl class="fields">
          <dt>{d.current}</dt>
          <dd>
            <code data-testid="webhook-secret">{view.secret}</code>
          </dd>
          {view.previous && (
            <>
              <dt>{d.previous}</dt>
              <dd>
                <code>{view.previous.secret}</code> ({d.until} {view.previous.valid_until.replace('T', ' ').slice(0, 16)})
              </dd>
            </>
          )}
        </dl>
      ) : (
        <button type="button" onClick={() => act('/webhook-secret/reveal')} data-testid="webhook-secret-reveal">
          {d.reveal}
        </button>
      )}
      <form class="row" onSubmit={rotate}>
        <label>
          {d.overlap}
          <input name="overlap" type="number" min={0} max={720} defaultValue="24" class="narrow" />
        </label>
        <button type="submit" data-testid="webhook-secret-rotate">
          {d.rotate}
        </button>
      </form>
    </div>
  );
}

export function Developers() {
  const caps = me.value?.capabilities ?? [];
  return (
    <section>
      <h1>{t.developers.title}</h1>
      {caps.includes('keys') && <Keys />}
      {caps.includes('webhooks') && <SigningSecret />}
      {caps.includes('webhooks') && <Endpoints />}
      {caps.includes('deliveries') && <Deliveries />}
    </section>
  );
}
