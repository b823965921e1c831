import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ImageViewer } from '../components/image-viewer.tsx';
import { useLoad } from '../components/use-load.ts';
import { onLink } from '../router.ts';
import { t } from '../strings.ts';
import { DeliveryTable, type Delivery } from './delivery-table.tsx';
import { PrivacyActions } from '../components/privacy-actions.tsx';

type Detail = {
  reference: string;
  customid: string | null;
  state: string;
  created: string;
  updated: string;
  expires: string;
  attempts: number;
  outcome: { success: boolean; failcode: number | null; failreason: string | null } | null;
  masked: boolean;
  fields: Array<{ name: string; value: string }>;
  checks: Array<{ name: string; passed: boolean | null; reason: string | null }>;
  face: { isIdentical: boolean; confidence: number; threshold: number } | null;
  authentication: { score: number; warnings: string[] } | null;
  aml: Array<{ database: string; name: string; program: string; score: number; matched: string[] }>;
  images: Array<{ kind: 'document-front' | 'document-back' | 'face'; url: string | null }>;
  contract: { url: string | null } | null;
  timeline: Array<{ time: string | null; event: string }>;
  deliveries: Delivery[];
  reviews: Array<{ decision: string; reason: string; note: string | null; by: string; time: string }>;
  assignedToMe: boolean;
  marked: boolean;
  erased: boolean;
  /** The server decides: role, a finished session, not erased. */
  canDecide: boolean;
};

const REASONS = {
  approved: ['documents-verified', 'aml-false-positive', 'manual-check-passed', 'other'],
  rejected: ['document-fraudulent', 'document-unreadable', 'face-mismatch', 'aml-true-match', 'document-expired', 'other'],
};

function Decision(p: { reference: string; onDone: () => void }) {
  const d = t.detail;
  const [decision, setDecision] = useState<'approved' | 'rejected' | null>(null);
  const [msg, setMsg] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    try {
      await api(`/sessions/${p.reference}/review`, { body: { decision, reason: f.get('reason'), note: f.get('note') || null } });
      setMsg(d.decided);
      setDecision(null);
      p.onDone();
    } catch (err) {
      setMsg((err as Error).message);
    }
  };
  return (
    <form class="card decision" onSubmit={submit}>
      <h2>{d.decision}</h2>
      <div class="row" role="group" aria-label={d.decision}>
        <button type="button" class={`approve ${decision === 'approved' ? 'on' : ''}`} aria-pressed={decision === 'approved'} onClick={() => setDecision('approved')} data-testid="decision-approve">
          {d.approve}
        </button>
        <button type="button" class={`reject ${decision === 'rejected' ? 'on' : ''}`} aria-pressed={decision === 'rejected'} onClick={() => setDecision('rejected')} data-testid="decision-reject">
          {d.reject}
        </button>
      </div>
      {decision && (
        <>
          <label>
            {d.reason}
            <select name="reason" required data-testid="decision-reason">
              {REASONS[decision].map((r) => (
                <option value={r}>{t.reasons[r] ?? r}</option>
              ))}
            </select>
          </label>
          <label>
            {d.note}
            <textarea name="note" rows={3} maxLength={2000} data-testid="decision-note" />
          </label>
          <button type="submit" class="primary" data-testid="decision-submit">
            {d.submit}
          </button>
        </>
      )}
      {msg && (
        <p role="status" data-testid="decision-status">
          {msg}
        </p>
      )}
    </form>
  );
}

const passText = (v: boolean | null) => (v === null ? t.detail.notPerformed : v ? t.detail.passed : t.detail.failed);

export function SessionDetail(p: { reference: string }) {
  const { data, error, reload } = useLoad(() => api<Detail>(`/sessions/${encodeURIComponent(p.reference)}`), [p.reference]);
  const d = t.detail;
  const mark = async (set: { assignToMe?: boolean; marked?: boolean }) => {
    await api(`/sessions/${p.reference}/mark`, { body: set });
    reload();
  };
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>{t.common.loading}</p>;
  const label = { 'document-front': d.documentFront, 'document-back': d.documentBack, face: d.face };
  return (
    <section>
      <p>
        <a href="/portal/sessions" onClick={onLink('/sessions')}>
          ← {d.back}
        </a>
      </p>
      <h1>
        <code>{data.reference}</code> <span class={`badge ${data.outcome ? (data.outcome.success ? 'passed' : 'failed') : ''}`}>{data.state}</span>
      </h1>
      <p class="muted">
        {data.customid && <>custom id {data.customid} · </>}created {data.created.replace('T', ' ').slice(0, 19)} · {data.attempts} attempt(s)
        {data.outcome && !data.outcome.success && <> · fail code {data.outcome.failcode}: {data.outcome.failreason}</>}
      </p>
      {data.masked && (
        <p class="notice" role="note">
          {t.common.masked}
        </p>
      )}
      {data.canDecide && (
        <p class="row">
          <button type="button" onClick={() => mark({ assignToMe: !data.assignedToMe })}>
            {data.assignedToMe ? d.unassign : d.assign}
          </button>
          <button type="button" onClick={() => mark({ marked: !data.marked })}>
            {data.marked ? d.unmark : d.mark}
          </button>
        </p>
      )}
      <div class="detail">
        <div class="images">
          {data.images.length === 0 && <p class="muted">{d.noImages}</p>}
          {data.images.map((img) => (
            <ImageViewer src={img.url} label={label[img.kind]} testid={img.kind === 'face' ? 'face-image' : 'document-image'} />
          ))}
        </div>
        <div class="side">
          <div class="card">
            <h2>{d.fields}</h2>
            {data.fields.length === 0 && <p class="muted">{d.noFields}</p>}
            <dl class="fields" data-testid="fields">
              {data.fields.map((f) => (
                <>
                  <dt>{f.name}</dt>
                  <dd>{f.value}</dd>
                </>
              ))}
            </dl>
          </div>
          <div class="card">
            <h2>{d.checks}</h2>
            {data.face && (
              <p>
                {d.faceConfidence}:{' '}
                <strong data-testid="face-confidence">{data.face.confidence.toFixed(3)}</strong> ({d.threshold} {data.face.threshold}) · {data.face.isIdentical ? d.passed : d.failed}
              </p>
            )}
            {data.authentication && (
              <p>
                {d.authenticity}: <strong>{data.authentication.score.toFixed(2)}</strong>
              </p>
            )}
            <table class="table compact">
              <tbody>
                {data.checks.map((c) => (
                  <tr>
                    <th scope="row">{c.name}</th>
                    <td>
                      <span class={`badge ${c.passed === null ? '' : c.passed ? 'passed' : 'failed'}`}>{passText(c.passed)}</span>
                    </td>
                    <td>{c.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.contract && (
              <p>
                {d.contract}{' '}
                {data.contract.url && (
                  <a href={data.contract.url} data-testid="contract-link">
                    {d.download}
                  </a>
                )}
              </p>
            )}
          </div>
          <div class="card">
            <h2>{d.aml}</h2>
            {data.aml.length ? (
              <table class="table compact">
                <tbody>
                  {data.aml.map((h) => (
                    <tr>
                      <td>{h.database}</td>
                      <td>{h.name}</td>
                      <td>{h.program}</td>
                      <td>score {h.score.toFixed(2)}</td>
                      <td>matched: {h.matched.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p class="muted">{d.noAml}</p>
            )}
          </div>
          {data.canDecide && <Decision reference={data.reference} onDone={reload} />}
          {data.reviews.length > 0 && (
            <div class="card">
              <h2>{d.reviews}</h2>
              <ul data-testid="reviews">
                {data.reviews.map((r) => (
                  <li>
                    <strong>{r.decision}</strong> · {t.reasons[r.reason] ?? r.reason} · {r.by} · {r.time.replace('T', ' ').slice(0, 19)}
                    {r.note && <div class="muted">{r.note}</div>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <PrivacyActions reference={data.reference} onErased={reload} />
        </div>
      </div>
      <div class="card">
        <h2>{d.timeline}</h2>
        <ol class="timeline">
          {data.timeline.map((e) => (
            <li>
              <time>{(e.time ?? '').replace('T', ' ').slice(0, 19)}</time> {e.event}
            </li>
          ))}
        </ol>
      </div>
      <div class="card">
        <h2>{d.deliveries}</h2>
        {data.deliveries.length ? <DeliveryTable items={data.deliveries.map((x) => ({ ...x, reference: data.reference }))} onResent={reload} /> : <p class="muted">{d.noDeliveries}</p>}
      </div>
    </section>
  );
}
