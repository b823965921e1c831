import { useState } from 'preact/hooks';
import { api, upload } from '../api.ts';
import { useLoad } from '../components/use-load.ts';
import { t } from '../strings.ts';

type Value = string | number | boolean;
type Settings = { companyName: string | null; logo: string | null; defaults: Record<string, Value>; updated: string | null; updatedBy: string | null; options: string[] };

type Field = { name: string; kind: 'bool' | 'number' | 'text' | 'url' | 'select'; choices?: Array<[string, string]>; step?: number; min?: number; max?: number };
const LANGS = ['en', 'fr', 'nl', 'de', 'es', 'it', 'pt', 'pl', 'sv', 'da', 'nb', 'fi', 'cs', 'ro', 'hu', 'el', 'tr', 'ru', 'uk', 'ar', 'he', 'fa', 'ur', 'hi', 'id', 'vi', 'th', 'ja', 'ko', 'zh-CN', 'zh-TW', 'sr'];
const s = t.settings;

/** The defaults the page offers, grouped; the server accepts (and validates) the same names as /docupass/create. */
const GROUPS: Array<{ group: string; fields: Field[] }> = [
  {
    group: 'capture',
    fields: [
      { name: 'type', kind: 'select', choices: s.types.map((label, i) => [String(i), label]) },
      { name: 'language', kind: 'select', choices: LANGS.map((l) => [l, l]) },
      { name: 'documenttype', kind: 'text' },
      { name: 'documentcountry', kind: 'text' },
      { name: 'maxattempt', kind: 'number', min: 1, max: 10, step: 1 },
      { name: 'welcomemessage', kind: 'text' },
    ],
  },
  {
    group: 'checks',
    fields: [
      { name: 'dualsidecheck', kind: 'bool' },
      { name: 'verify_expiry', kind: 'bool' },
      { name: 'biometric', kind: 'select', choices: [['0', '0'], ['1', '1'], ['2', '2']] },
      { name: 'biometric_threshold', kind: 'number', min: 0, max: 1, step: 0.01 },
      { name: 'liveness_threshold', kind: 'number', min: 0, max: 1, step: 0.01 },
      { name: 'authenticate_minscore', kind: 'number', min: 0, max: 1, step: 0.01 },
      { name: 'aml_check', kind: 'bool' },
    ],
  },
  {
    group: 'delivery',
    fields: [
      { name: 'privacy_notice_url', kind: 'url' },
      { name: 'callbackurl', kind: 'url' },
      { name: 'successredir', kind: 'url' },
      { name: 'failredir', kind: 'url' },
      { name: 'vault_save', kind: 'bool' },
      { name: 'verify_then_forget', kind: 'bool' },
    ],
  },
];

function Input(p: { f: Field; value: Value | undefined }) {
  const { f, value } = p;
  const id = `def-${f.name}`;
  const common = { id, name: f.name, 'data-testid': `setting-${f.name}` };
  let control;
  if (f.kind === 'bool') {
    control = (
      <select {...common} defaultValue={value === undefined ? '' : value ? 'true' : 'false'}>
        <option value="">{s.unset}</option>
        <option value="true">{t.common.yes}</option>
        <option value="false">{t.common.no}</option>
      </select>
    );
  } else if (f.kind === 'select') {
    control = (
      <select {...common} defaultValue={value === undefined ? '' : String(value)}>
        <option value="">{s.unset}</option>
        {f.choices!.map(([v, label]) => (
          <option value={v}>{label}</option>
        ))}
      </select>
    );
  } else {
    control = <input {...common} type={f.kind === 'url' ? 'url' : f.kind === 'number' ? 'number' : 'text'} min={f.min} max={f.max} step={f.step} defaultValue={value === undefined ? '' : String(value)} placeholder={s.unset} />;
  }
  return (
    <label for={id}>
      {s.labels[f.name] ?? f.name}
      {control}
    </label>
  );
}

/** Form values to the JSON the server validates: booleans, numbers, strings; empty means no default. */
function readDefaults(form: HTMLFormElement): Record<string, Value | null> {
  const data = new FormData(form);
  const out: Record<string, Value | null> = {};
  for (const g of GROUPS)
    for (const f of g.fields) {
      const raw = String(data.get(f.name) ?? '').trim();
      if (raw === '') out[f.name] = null;
      else if (f.kind === 'bool') out[f.name] = raw === 'true';
      else if (f.kind === 'number' || (f.kind === 'select' && /^\d+$/.test(raw) && f.name !== 'language')) out[f.name] = Number(raw);
      else out[f.name] = raw;
    }
  return out;
}

/** Admin: company name, logo, and the account's default session options. */
export function Settings() {
  const { data, error, reload } = useLoad(() => api<Settings>('/settings'), []);
  const [msg, setMsg] = useState<{ text: string; error: boolean } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="loading">{t.common.loading}</p>;
  const save = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    try {
      const companyName = String(new FormData(form).get('companyName') ?? '');
      const keep: Record<string, Value | null> = { ...data.defaults };
      await api('/settings', { body: { companyName, defaults: { ...keep, ...readDefaults(form) } } });
      setMsg({ text: s.saved, error: false });
      reload();
    } catch (err) {
      setMsg({ text: (err as Error).message, error: true });
    }
  };
  const sendLogo = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    try {
      setProgress(0);
      await upload('/settings/logo', new FormData(form), setProgress);
      setMsg({ text: s.saved, error: false });
      form.reset();
      reload();
    } catch (err) {
      setMsg({ text: (err as Error).message, error: true });
    } finally {
      setProgress(null);
    }
  };
  return (
    <section class="settings">
      <h1>{s.title}</h1>
      {data.updated && <p class="muted">{s.updated(data.updated, data.updatedBy ?? '')}</p>}
      {msg && (
        <p role={msg.error ? 'alert' : 'status'} class={msg.error ? 'error' : 'ok'} data-testid="settings-status">
          {msg.text}
        </p>
      )}
      <div class="card">
        <h2>{s.company}</h2>
        <div class="company">
          <div class="stack">
            <label for="companyName">
              {s.companyName}
              <input id="companyName" name="companyName" form="settings-form" maxLength={200} defaultValue={data.companyName ?? ''} data-testid="settings-company" />
            </label>
            <p class="muted small">{s.companyHelp}</p>
          </div>
          <form class="logo-form" onSubmit={sendLogo}>
            <div class="logo-box">{data.logo ? <img src={data.logo} alt={s.logo} data-testid="settings-logo" /> : <span class="muted">{s.noLogo}</span>}</div>
            <label>
              {s.logo}
              <input type="file" name="logo" accept="image/png,image/jpeg,image/webp" required data-testid="settings-logo-file" />
            </label>
            <p class="muted small">{s.logoHelp}</p>
            <button type="submit" data-testid="settings-logo-upload">
              {progress === null ? s.upload : `${Math.round(progress * 100)} %`}
            </button>
          </form>
        </div>
      </div>
      <form id="settings-form" class="card" onSubmit={save} key={data.updated ?? 'new'}>
        <h2>{s.defaults}</h2>
        <p class="muted">{s.defaultsHelp}</p>
        {GROUPS.map((g) => (
          <fieldset class="settings-group">
            <legend>{s.groups[g.group]}</legend>
            <div class="settings-fields">
              {g.fields.map((f) => (
                <Input f={f} value={data.defaults[f.name]} />
              ))}
            </div>
          </fieldset>
        ))}
        <button type="submit" class="primary" data-testid="settings-save">
          {s.save}
        </button>
      </form>
    </section>
  );
}
