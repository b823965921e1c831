import { api } from '../api.ts';
import { Funnel, HBars, StackedBars } from '../components/charts.tsx';
import { useLoad } from '../components/use-load.ts';
import { onLink } from '../router.ts';
import { t } from '../strings.ts';

type Dash = {
  perDay: Array<{ day: string; passed: number; failed: number; expired: number; open: number }>;
  failCodes: Array<{ code: number; count: number }>;
  timeToVerdict: { count: number; medianMs: number | null; p95Ms: number | null };
  funnel: { created: number; opened: number; submitted: number; verified: number };
  awaitingReview: { total: number; aml: number };
};

const duration = (ms: number | null) => (ms === null ? '—' : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 3_600_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 3_600_000).toFixed(1)} h`);

export function Dashboard() {
  const { data, error } = useLoad(() => api<Dash>('/dashboard'), []);
  const d = t.dashboard;
  return (
    <section>
      <h1>{d.title}</h1>
      {error && <p class="error">{error}</p>}
      {!data ? (
        <p>{t.common.loading}</p>
      ) : (
        <div class="grid">
          <div class="card wide" data-testid="chart-per-day">
            <h2>{d.perDay}</h2>
            <StackedBars
              title={d.perDay}
              rows={data.perDay}
              labelKey="day"
              series={[
                { key: 'passed', label: d.passed, color: '#15803d' },
                { key: 'failed', label: d.failed, color: '#b42318' },
                { key: 'expired', label: d.expired, color: '#6b7280' },
                { key: 'open', label: d.open, color: '#1d4ed8' },
              ]}
            />
          </div>
          <div class="card">
            <h2>{d.timeToVerdict}</h2>
            <dl class="stats">
              <dt>{d.median}</dt>
              <dd data-testid="verdict-median">{duration(data.timeToVerdict.medianMs)}</dd>
              <dt>{d.p95}</dt>
              <dd>{duration(data.timeToVerdict.p95Ms)}</dd>
            </dl>
          </div>
          <div class="card">
            <h2>{d.awaiting}</h2>
            <p class="big">
              <a href="/portal/queue" onClick={onLink('/queue')} data-testid="awaiting-review">
                {data.awaitingReview.total}
              </a>
            </p>
            <p class="muted">
              {data.awaitingReview.aml} {d.amlAwaiting}
            </p>
          </div>
          <div class="card">
            <h2>{d.funnel}</h2>
            <Funnel
              title={d.funnel}
              steps={[
                { label: d.created, value: data.funnel.created },
                { label: d.opened, value: data.funnel.opened },
                { label: d.submitted, value: data.funnel.submitted },
                { label: d.verified, value: data.funnel.verified },
              ]}
            />
          </div>
          <div class="card">
            <h2>{d.failReasons}</h2>
            {data.failCodes.length ? <HBars title={d.failReasons} items={data.failCodes.map((f) => ({ label: `${f.code} ${t.failcodes[f.code] ?? ''}`, value: f.count }))} /> : <p class="muted">{d.noData}</p>}
          </div>
        </div>
      )}
    </section>
  );
}
