import type { ComponentChildren } from 'preact';
import type { CaptureLanguage, CaptureStep } from '../../../src/contract/capture-api.ts';
import { CAPTURE_LANGUAGES } from '../../../src/contract/capture-languages.ts';
import { language, LANGUAGE_NAMES, setLanguage, t } from './i18n.ts';
import { boot, desktopOfPhoneModule, error, toParent, view } from './state.ts';

/** One screen: its heading (focused when the screen changes, for screen readers), body, and the last error. */
export function Screen({ title, children, testid, outcome }: { title: string; children?: ComponentChildren; testid?: string; outcome?: string }) {
  return (
    <section class="idg-screen" aria-labelledby="idg-title" data-testid={testid} data-outcome={outcome}>
      <h1 tabIndex={-1} id="idg-title">
        {title}
      </h1>
      {children}
      {error.value ? (
        <p class="idg-error" role="alert">
          {error.value}
        </p>
      ) : null}
    </section>
  );
}

export function Header() {
  const v = view.value;
  return (
    <header class="idg-header">
      {v.logoUrl ? <img class="idg-logo" src={v.logoUrl} alt={t('logo_alt', { company: v.company })} data-testid="logo" /> : null}
      <p class="idg-company">{v.company}</p>
    </header>
  );
}

export function LanguagePicker() {
  return (
    <div class="idg-langbar">
      <label for="idg-lang">{t('language')}</label>
      <select id="idg-lang" data-testid="language-picker" value={language.value} onChange={(e) => void setLanguage((e.currentTarget as HTMLSelectElement).value as CaptureLanguage)}>
        {CAPTURE_LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Footer() {
  return view.value.nobranding ? null : (
    <footer class="idg-footer" data-testid="branding">
      {t('powered')}
    </footer>
  );
}

/** Every step seen so far: the view lists only those left, so done ones count from here. */
const seen = new Set<string>();

/** A step that turned out not to be needed (a passport's back) leaves the count. */
export const forgetStep = (step: CaptureStep) => void seen.delete(step);

export function Progress({ step }: { step: CaptureStep | 'review' }) {
  const left = [...view.value.steps, 'review'];
  left.forEach((s) => seen.add(s));
  const total = seen.size;
  const done = [...seen].filter((s) => !left.includes(s)).length;
  const n = left.indexOf(step) + 1 + done;
  toParent({ source: 'idgate', type: 'progress', reference: boot.reference, step, done, total });
  return n > done ? <p class="idg-progress">{t('step_of', { n, total })}</p> : null;
}

/** On a desktop, every step can still move to the phone: the QR opens the session where it is. */
export function LaterHandoff() {
  if (!desktopOfPhoneModule()) return null;
  return (
    <details class="idg-later-handoff">
      <summary data-testid="handoff-open">{t('handoff_title')}</summary>
      <p>{t('handoff_help')}</p>
      <img class="idg-qr" src={view.value.qrUrl} alt={t('handoff_qr_alt')} data-testid="handoff-qr" width={220} height={220} />
    </details>
  );
}
