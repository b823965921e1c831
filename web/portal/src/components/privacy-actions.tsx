import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Me } from '../api.ts';
import { useLoad } from './use-load.ts';
import './privacy-actions.css';

/** English first; a translation is another object of the same shape. */
export const privacyStrings = {
  title: 'Personal data',
  exportData: 'Export data',
  exporting: 'Preparing the archive…',
  exported: 'The archive was downloaded (export.json and the files). It was recorded in the audit log.',
  eraseData: 'Erase personal data',
  dialogTitle: 'Erase personal data?',
  dialogBody:
    'This permanently erases the images, extracted fields, vault entry, callback payloads, phone number and contract of this session, and destroys its data keys, so backups can no longer be read either. The reference, state, outcome, times and checks that ran remain. This cannot be undone.',
  typeToConfirm: 'Type the reference to confirm',
  confirm: 'Erase permanently',
  cancel: 'Cancel',
  erasing: 'Erasing…',
  erasedNotice: (time: string, actor: string) => `Personal data erased ${time.replace('T', ' ').slice(0, 19)} UTC (${actor}). Only the non-personal record remains.`,
  mismatch: 'The reference does not match.',
};

type Status = { canExport: boolean; canErase: boolean; erasures: Array<{ level: string; reason: string; actor: string; time: string; erased: Record<string, unknown> }> };

/** A POST answered by a file: fetched with the CSRF token (fresh from /me), saved through a blob link. */
async function downloadExport(reference: string): Promise<void> {
  const { csrf } = await api<Me>('/me');
  const res = await fetch(`/portal/api/sessions/${encodeURIComponent(reference)}/export`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}', credentials: 'same-origin' });
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as { error?: { code: number; message: string } };
    throw new ApiError(res.status, json.error?.code ?? 0, json.error?.message ?? `HTTP ${res.status}`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `idgate-export-${reference}.zip`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function EraseDialog(p: { reference: string; onClose: () => void; onErased: () => void }) {
  const s = privacyStrings;
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const matches = typed.trim().toUpperCase() === p.reference;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!matches) return setMsg(s.mismatch);
    setBusy(true);
    try {
      await api(`/sessions/${encodeURIComponent(p.reference)}/erase`, { body: { confirm: typed.trim() } });
      ref.current?.close();
      p.onErased();
    } catch (err) {
      setMsg((err as Error).message);
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="erase-dialog" aria-labelledby="erase-title" aria-describedby="erase-body" onClose={p.onClose}>
      <form onSubmit={submit}>
        <h2 id="erase-title">{s.dialogTitle}</h2>
        <p id="erase-body">{s.dialogBody}</p>
        <label>
          <span>
            {s.typeToConfirm}: <code class="ref">{p.reference}</code>
          </span>
          <input value={typed} onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} autocomplete="off" spellcheck={false} data-testid="erase-confirm-input" />
        </label>
        {msg && (
          <p class="error" role="alert">
            {msg}
          </p>
        )}
        <div class="row end">
          <button type="button" onClick={() => ref.current?.close()}>
            {s.cancel}
          </button>
          <button type="submit" class="danger" disabled={!matches || busy} data-testid="erase-confirm">
            {busy ? s.erasing : s.confirm}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * Export and erasure of one session (issue 19). The server decides who may (export: admin and
 * reviewer; erase: admin) and refuses everyone else; the buttons only follow its answer.
 */
export function PrivacyActions(p: { reference: string; onErased: () => void }) {
  const s = privacyStrings;
  const { data, reload } = useLoad(() => api<Status>(`/sessions/${encodeURIComponent(p.reference)}/privacy`), [p.reference]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ text: string; bad: boolean } | null>(null);
  if (!data) return null;
  const erased = data.erasures.find((e) => e.level === 'full') ?? data.erasures[0];
  if (!data.canExport && !data.canErase && !erased) return null;
  const doExport = async () => {
    setBusy(true);
    setMsg({ text: s.exporting, bad: false });
    try {
      await downloadExport(p.reference);
      setMsg({ text: s.exported, bad: false });
    } catch (err) {
      setMsg({ text: (err as Error).message, bad: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="card privacy-actions">
      <h2>{s.title}</h2>
      {erased && (
        <p class="erased-notice" role="note" data-testid="erased-notice">
          {s.erasedNotice(erased.time, erased.actor)}
        </p>
      )}
      <div class="row">
        {data.canExport && (
          <button type="button" onClick={doExport} disabled={busy} data-testid="export-data">
            {s.exportData}
          </button>
        )}
        {data.canErase && !erased && (
          <button type="button" class="danger" onClick={() => setAsking(true)} data-testid="erase-data">
            {s.eraseData}
          </button>
        )}
      </div>
      {msg && (
        <p class={msg.bad ? 'error' : 'muted'} role="status">
          {msg.text}
        </p>
      )}
      {asking && (
        <EraseDialog
          reference={p.reference}
          onClose={() => setAsking(false)}
          onErased={() => {
            setAsking(false);
            setMsg(null);
            reload();
            p.onErased();
          }}
        />
      )}
    </div>
  );
}
