import { useState } from 'preact/hooks';
import { Pager } from '../components/pager.tsx';
import { type Filters, useFilteredPage } from '../components/use-filtered-page.ts';
import { onLink } from '../router.ts';
import { t } from '../strings.ts';

type Row = { reference: string; customid: string | null; state: string; outcome: 'passed' | 'failed' | null; failcode: number | null; attempts: number; created: string; updated: string; assignedToMe: boolean; review: string | null };

const EMPTY: Filters = { q: '', customid: '', state: '', outcome: '', failcode: '', from: '', to: '', country: '', doctype: '', needsReview: false, amlHit: false, assignedToMe: false };
const time = (s: string) => s.replace('T', ' ').slice(0, 16);

export function Sessions() {
  const [sort, setSort] = useState<{ by: string; dir: 'asc' | 'desc' }>({ by: 'created_at', dir: 'desc' });
  const { data, error, filters, setPage, apply, reset } = useFilteredPage<Row>('/sessions', EMPTY, { sort: sort.by, dir: sort.dir });
  const s = t.sessions;
  const header = (key: string, label: string) => (
    <th aria-sort={sort.by === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="link" onClick={() => setSort({ by: key, dir: sort.by === key && sort.dir === 'desc' ? 'asc' : 'desc' })}>
        {label} {sort.by === key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
      </button>
    </th>
  );
  return (
    <section>
      <h1>{s.title}</h1>
      <form class="filters card" onSubmit={apply} onReset={reset}>
        <label>
          {s.search}
          <input name="q" type="search" placeholder={s.searchPlaceholder} data-testid="session-search" defaultValue={String(filters.q)} />
        </label>
        <label>
          {s.customid}
          <input name="customid" defaultValue={String(filters.customid)} />
        </label>
        <label>
          {s.state}
          <select name="state">
            <option value="">{s.any}</option>
            {['created', 'opened', 'in_progress', 'succeeded', 'failed', 'expired'].map((v) => (
              <option value={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          {s.outcome}
          <select name="outcome">
            <option value="">{s.any}</option>
            <option value="passed">{s.passed}</option>
            <option value="failed">{s.failed}</option>
            <option value="none">{s.pending}</option>
          </select>
        </label>
        <label>
          {s.failcode}
          <input name="failcode" type="number" min={0} max={99} class="narrow" />
        </label>
        <label>
          {s.from}
          <input name="from" type="date" />
        </label>
        <label>
          {s.to}
          <input name="to" type="date" />
        </label>
        <label>
          {s.country}
          <input name="country" maxLength={3} placeholder={s.countryPlaceholder} class="narrow" autoComplete="off" data-testid="filter-country" />
        </label>
        <label>
          {s.doctype}
          <select name="doctype" data-testid="filter-doctype">
            <option value="">{s.any}</option>
            {Object.entries(s.doctypes).map(([v, label]) => (
              <option value={v}>{label}</option>
            ))}
          </select>
        </label>
        <label class="check">
          <input name="needsReview" type="checkbox" /> {s.needsReview}
        </label>
        <label class="check">
          <input name="amlHit" type="checkbox" /> {s.amlHit}
        </label>
        <label class="check">
          <input name="assignedToMe" type="checkbox" /> {s.assignedToMe}
        </label>
        <span class="actions">
          <button type="submit" class="primary" data-testid="session-search-submit">
            {t.common.apply}
          </button>
          <button type="reset">{t.common.reset}</button>
        </span>
      </form>
      {error && <p class="error">{error}</p>}
      {data && (
        <>
          <table class="table">
            <thead>
              <tr>
                {header('reference', s.reference)}
                <th>{s.customid}</th>
                {header('state', s.state)}
                <th>{s.outcome}</th>
                <th>{s.attempts}</th>
                <th>{s.review}</th>
                {header('created_at', s.created)}
                {header('updated_at', s.updated)}
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr data-testid="session-row" data-reference={r.reference}>
                  <td>
                    <a href={`/portal/sessions/${r.reference}`} onClick={onLink(`/sessions/${r.reference}`)}>
                      <code>{r.reference}</code>
                    </a>
                  </td>
                  <td>{r.customid ?? ''}</td>
                  <td>{r.state}</td>
                  <td>{r.outcome ? <span class={`badge ${r.outcome}`}>{r.outcome === 'passed' ? s.passed : `${s.failed} (${r.failcode})`}</span> : <span class="muted">{s.pending}</span>}</td>
                  <td>{r.attempts}</td>
                  <td>{r.review ?? ''}</td>
                  <td>{time(r.created)}</td>
                  <td>{time(r.updated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!data.items.length && <p class="muted">{s.empty}</p>}
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
