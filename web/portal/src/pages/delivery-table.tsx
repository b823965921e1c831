import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { t } from '../strings.ts';

export type Delivery = {
  id: string;
  reference?: string;
  kind?: string;
  url: string;
  state: string;
  attempts: number;
  created: string | null;
  log: Array<{ attempt: number; trigger: string; time: string | null; latency_ms: number | null; status: number | null; error: string | null; response: string | null }>;
};

/** Deliveries with every attempt (status, latency, answer head) and a Resend button each. */
export function DeliveryTable(p: { items: Delivery[]; onResent: () => void }) {
  const [msg, setMsg] = useState('');
  const resend = async (id: string) => {
    try {
      await api(`/deliveries/${id}/resend`, { method: 'POST' });
      setMsg(t.detail.resent);
      setTimeout(p.onResent, 1500);
    } catch (e) {
      setMsg((e as Error).message);
    }
  };
  return (
    <>
      {msg && (
        <p role="status" data-testid="resend-status">
          {msg}
        </p>
      )}
      <table class="table">
        <thead>
          <tr>
            <th>Reference</th>
            <th>{t.developers.kind}</th>
            <th>{t.developers.url}</th>
            <th>{t.developers.state}</th>
            <th>Attempts (status · latency · answer)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {p.items.map((d) => (
            <tr data-testid="delivery-row" data-delivery={d.id} data-attempts={d.log.length}>
              <td>
                <code>{d.reference ?? ''}</code>
              </td>
              <td>{d.kind ?? (d.id.startsWith('evt_') ? 'event' : 'callback')}</td>
              <td class="url">{d.url}</td>
              <td>
                <span class={`badge ${d.state === 'delivered' ? 'passed' : d.state === 'failed' ? 'failed' : ''}`}>{d.state}</span>
              </td>
              <td>
                <ol class="attempts">
                  {d.log.map((a) => (
                    <li>
                      #{a.attempt} {a.trigger} · {a.status ?? a.error ?? '—'} · {a.latency_ms ?? '—'} ms{a.response ? ` · ${a.response.slice(0, 80)}` : ''}
                    </li>
                  ))}
                </ol>
              </td>
              <td>
                <button type="button" onClick={() => resend(d.id)} data-testid="resend">
                  {t.detail.resend}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
