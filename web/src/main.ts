import './styles.css';
import type { BootData, CaptureStep, ParentMessage, SessionView } from '../../src/contract/capture-api.ts';
import { translator, type Key, type T } from './i18n.ts';
import { en } from './i18n-en.ts';
import { h } from './dom.ts';
import { apiClient, ApiFailure, type Api } from './api.ts';
import { signPad } from './sign-pad.ts';

const boot = JSON.parse(document.getElementById('idgate-boot')!.textContent!) as BootData;
const root = document.getElementById('idgate-app')!;
const api: Api = apiClient(boot.reference, boot.token);
const t: T = translator(boot.view.language);
document.documentElement.lang = boot.view.language;

const state = { view: boot.view, started: !!boot.view.resumed, retryAcknowledged: false, handoffDismissed: false, error: '', busy: false, redirected: false };
let poll: number | undefined;

/** Phones and tablets capture here; desktops of the mobile modules are offered the QR hand-off. */
const isHandheld = () => matchMedia('(pointer: coarse)').matches || /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent);
const desktopOfPhoneModule = () => (state.view.module === 'mobile' || state.view.module === 'live') && !isHandheld();
const needsHandoff = () => desktopOfPhoneModule() && !state.handoffDismissed;

/** On a desktop, every step can still move to the phone: the QR opens the session where it is. */
function laterHandoff(): HTMLElement | null {
  if (!desktopOfPhoneModule()) return null;
  return h(
    'details',
    { class: 'idg-later-handoff' },
    h('summary', { 'data-testid': 'handoff-open' }, t('handoff_title')),
    h('p', {}, t('handoff_help')),
    h('img', { class: 'idg-qr', src: state.view.qrUrl, alt: t('handoff_qr_alt'), 'data-testid': 'handoff-qr', width: 220, height: 220 }),
  );
}

function toParent(msg: ParentMessage): void {
  if (window.parent !== window) window.parent.postMessage(msg, '*');
}

function errorText(e: unknown): string {
  const key = e instanceof ApiFailure ? `err_${e.reason}` : '';
  return key in en ? t(key as Key, { company: state.view.company }) : t('err_generic');
}

async function act(fn: () => Promise<SessionView | void>): Promise<void> {
  state.busy = true;
  state.error = '';
  render();
  try {
    const v = await fn();
    if (v) state.view = v;
  } catch (e) {
    state.error = errorText(e);
  } finally {
    state.busy = false;
    render();
  }
}

function screen(titleKey: Key, ...body: Array<Node | string | null | false>): HTMLElement {
  const title = h('h1', { tabindex: -1, id: 'idg-title' }, t(titleKey));
  return h('section', { class: 'idg-screen', 'aria-labelledby': 'idg-title' }, title, ...body, state.error ? h('p', { class: 'idg-error', role: 'alert' }, state.error) : null);
}

function header(): HTMLElement {
  const v = state.view;
  return h(
    'header',
    { class: 'idg-header' },
    v.logoUrl ? h('img', { class: 'idg-logo', src: v.logoUrl, alt: t('logo_alt', { company: v.company }), 'data-testid': 'logo' }) : null,
    h('p', { class: 'idg-company' }, v.company),
  );
}

function footer(): HTMLElement | null {
  return state.view.nobranding ? null : h('footer', { class: 'idg-footer', 'data-testid': 'branding' }, t('powered'));
}

/** The most steps seen at once: the view lists only those left, so done ones count from here. */
let stepsTotal = 0;

function progress(step: CaptureStep | 'review'): HTMLElement | null {
  const left = [...state.view.steps, 'review'];
  stepsTotal = Math.max(stepsTotal, left.length);
  const done = stepsTotal - left.length;
  const n = left.indexOf(step) + 1 + done;
  toParent({ source: 'idgate', type: 'progress', reference: boot.reference, step, done, total: stepsTotal });
  return n > done ? h('p', { class: 'idg-progress' }, t('step_of', { n, total: stepsTotal })) : null;
}

function fileInput(testid: string, role: string, accept: string, capture: 'environment' | 'user', label: Key): HTMLElement {
  const id = `file-${testid}`;
  const input = h('input', {
    type: 'file',
    id,
    accept,
    ...(state.view.module === 'mobile' || state.view.module === 'live' ? { capture } : {}),
    'data-testid': testid,
    class: 'idg-file',
    disabled: state.busy,
    onchange: (e: Event) => {
      const file = (e.target as HTMLInputElement).files?.[0];
      if (!file) return;
      void act(async () => {
        if (role === 'face_video') {
          const { framesFromVideoFile } = await import('./live-camera.ts');
          return api.upload(role, file, await framesFromVideoFile(file));
        }
        return api.upload(role, file);
      });
    },
  }) as HTMLInputElement;
  return h('div', { class: 'idg-upload' }, h('label', { for: id, class: 'idg-button' }, t(label)), input);
}

function welcome(): HTMLElement {
  const v = state.view;
  return screen(
    'title',
    h('p', {}, v.welcomeMessage ?? t('welcome', { company: v.company })),
    h('p', {}, t('need')),
    h('p', { class: 'idg-muted' }, t('privacy', { company: v.company })),
    h('button', { class: 'idg-button', 'data-testid': 'start', onclick: () => ((state.started = true), render()) }, t('start')),
  );
}

function handoff(): HTMLElement {
  return screen(
    'handoff_title',
    h('p', {}, t('handoff_help')),
    h('img', { class: 'idg-qr', src: state.view.qrUrl, alt: t('handoff_qr_alt'), 'data-testid': 'handoff-qr', width: 220, height: 220 }),
    h('button', { class: 'idg-link', 'data-testid': 'continue-here', onclick: () => ((state.handoffDismissed = true), render()) }, t('continue_here')),
  );
}

function phoneStep(): HTMLElement {
  const p = state.view.phone ?? { codeSent: false, verified: false, resendInSeconds: 0 };
  const shown = p.fixedNumber ?? p.number ?? '';
  const numberForm = h(
    'form',
    {
      class: 'idg-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        // Read before act(): it re-renders, replacing the input.
        const number = p.fixedNumber ? undefined : (document.getElementById('phone') as HTMLInputElement).value;
        void act(() => api.sendCode(number));
      },
    },
    p.fixedNumber
      ? h('p', {}, t('phone_fixed', { number: p.fixedNumber }))
      : h('div', {}, h('label', { for: 'phone' }, t('phone_label')), h('input', { id: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel', required: true, value: p.number ?? '', 'data-testid': 'phone-input' })),
    h('button', { class: p.codeSent ? 'idg-link' : 'idg-button', type: 'submit', disabled: state.busy || p.resendInSeconds > 0, 'data-testid': p.codeSent ? 'resend' : 'send-code' }, t(p.codeSent ? 'resend' : 'send_code')),
    p.codeSent && p.resendInSeconds > 0 ? h('p', { class: 'idg-muted' }, t('resend_wait', { s: p.resendInSeconds })) : null,
  );
  const codeForm = p.codeSent
    ? h(
        'form',
        {
          class: 'idg-form',
          onsubmit: (e: Event) => {
            e.preventDefault();
            const code = (document.getElementById('otp') as HTMLInputElement).value;
            void act(() => api.confirmCode(code));
          },
        },
        h('p', {}, t(state.view.phone?.number && /landline/.test(String((state.view.phone as { type?: string }).type)) ? 'code_sent_voice' : 'code_sent_sms', { number: shown })),
        h('label', { for: 'otp' }, t('otp_label')),
        h('input', { id: 'otp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{4,12}', required: true, 'data-testid': 'otp-input' }),
        h('button', { class: 'idg-button', type: 'submit', disabled: state.busy, 'data-testid': 'otp-submit' }, t('confirm')),
      )
    : null;
  return screen('phone_title', progress('phone'), codeForm, numberForm);
}

/** The look of the last live capture, so the next step does not take the same picture again. */
let lastCapture: Float32Array | undefined;

function captureStep(step: 'document' | 'document_back' | 'selfie'): HTMLElement {
  const cfg = {
    document: { title: 'front_title', help: 'front_help', testid: 'document-front', role: 'document', facing: 'environment' },
    document_back: { title: 'back_title', help: 'back_help', testid: 'document-back', role: 'document_back', facing: 'environment' },
    selfie: { title: 'selfie_title', help: 'selfie_help', testid: 'selfie', role: 'face', facing: 'user' },
  }[step] as { title: Key; help: Key; testid: string; role: string; facing: 'environment' | 'user' };
  const upload = fileInput(cfg.testid, cfg.role, 'image/jpeg,image/png,image/webp,image/heic', cfg.facing, 'choose_photo');
  const body = screen(cfg.title, progress(step), h('p', {}, t(cfg.help)));
  if (state.view.module === 'live' && !state.busy) {
    const slot = h('div', { class: 'idg-camera-slot' }, h('p', { class: 'idg-muted' }, t('camera_starting')));
    body.append(slot);
    void import('./live-camera.ts').then(({ liveCapture }) =>
      liveCapture(slot, { kind: cfg.facing === 'user' ? 'selfie' : 'document', t, fallback: upload, notLike: lastCapture, onCapture: (blob, look) => ((lastCapture = look), act(() => api.upload(cfg.role, blob))) }),
    );
  } else body.append(upload);
  if (step === 'document_back') body.append(h('button', { class: 'idg-link', 'data-testid': 'no-back', onclick: () => void act(() => api.noBack()) }, t('no_back')));
  const later = laterHandoff();
  if (later) body.append(later);
  return body;
}

function videoStep(): HTMLElement {
  const upload = fileInput('selfie-video', 'face_video', 'video/*', 'user', 'choose_video');
  const slot = h('div', { class: 'idg-camera-slot' });
  const body = screen('video_title', progress('selfie_video'), h('p', {}, t('video_help')), slot);
  if (!state.busy)
    void import('./live-camera.ts').then(({ liveVideo }) =>
      liveVideo(slot, { challenge: state.view.challenge ?? ['left', 'right'], t, fallback: upload, onDone: (video, frames) => act(() => api.upload('face_video', video, frames)) }),
    );
  return body;
}

function contractStep(): HTMLElement {
  const doc = h('div', { class: 'idg-contract', 'data-testid': 'contract-preview' });
  const nameRow = h('div', { class: 'idg-name', hidden: true });
  const typed = h('input', { id: 'typed', autocomplete: 'name', 'data-testid': 'typed-name' }) as HTMLInputElement;
  nameRow.append(h('label', { for: 'typed' }, t('type_name')), typed);
  let needsName = false;
  void api.contract().then(
    (c) => {
      // idgate's own engine rendered this HTML from the business's template; a sandboxed frame
      // without scripts shows it apart from the app's page.
      const frame = h('iframe', { sandbox: '', title: t('contract_title'), class: 'idg-contract-frame', 'data-testid': 'contract-frame' }) as HTMLIFrameElement;
      frame.srcdoc = c.html;
      doc.append(frame);
      needsName = c.needsName;
      nameRow.hidden = !needsName;
      typed.required = needsName;
      doc.setAttribute('data-ready', 'true');
    },
    (e) => doc.append(h('p', { class: 'idg-error', role: 'alert' }, errorText(e))),
  );
  const pad = signPad(t);
  const agree = h('input', { type: 'checkbox', id: 'agree', 'data-testid': 'contract-agree' }) as HTMLInputElement;
  const problemLine = h('p', { class: 'idg-error', role: 'alert', hidden: true, 'data-testid': 'sign-problem' });
  return screen(
    'contract_title',
    progress('contract'),
    doc,
    pad.element,
    nameRow,
    h('div', { class: 'idg-check' }, agree, h('label', { for: 'agree' }, t('contract_agree'))),
    problemLine,
    h(
      'button',
      {
        class: 'idg-button',
        'data-testid': 'sign',
        disabled: state.busy,
        onclick: () => {
          const name = typed.value.trim();
          const problem = !agree.checked ? t('err_agree') : pad.isEmpty() ? t('err_signature') : needsName && name.length < 2 ? t('err_name') : '';
          // Shown in place: a re-render would clear the drawing, the tick and the typed name.
          problemLine.textContent = problem;
          problemLine.hidden = !problem;
          if (problem) return;
          void act(() => api.sign({ agree: true, signaturePng: pad.toDataUrl(), ...(name.length >= 2 ? { typedName: name } : {}) }));
        },
      },
      t('sign'),
    ),
  );
}

function review(): HTMLElement {
  return screen('review_title', progress('review'), h('p', {}, t('review_help')), h('button', { class: 'idg-button', 'data-testid': 'submit', disabled: state.busy, onclick: () => void act(() => api.submit()) }, t('submit')));
}

function failReason(v: SessionView): string {
  const key = `fail_${v.failcode ?? 99}`;
  return key in en ? t(key as Key) : t('fail_99');
}

function retryScreen(): HTMLElement {
  const v = state.view;
  return screen(
    'retry_title',
    h('p', { 'data-testid': 'retry-reason' }, t('retry_help', { reason: failReason(v) })),
    h('p', { class: 'idg-muted' }, t('attempts_left', { n: v.attemptsLeft })),
    h('button', { class: 'idg-button', 'data-testid': 'retry', onclick: () => ((state.retryAcknowledged = true), render()) }, t('retry')),
  );
}

function resultScreen(): HTMLElement {
  const v = state.view;
  const ok = v.phase === 'succeeded';
  const title: Key = v.phase === 'expired' ? 'expired_title' : ok ? 'success_title' : 'failed_title';
  const help: Key = v.phase === 'expired' ? 'expired_help' : ok ? 'success_help' : 'failed_help';
  const el = screen(title, h('p', {}, t(help, { company: v.company })), v.phase === 'failed' && v.failcode ? h('p', {}, failReason(v)) : null);
  el.setAttribute('data-testid', 'result');
  el.setAttribute('data-outcome', v.phase);
  if (!state.redirected) {
    state.redirected = true;
    toParent({ source: 'idgate', type: 'result', reference: boot.reference, success: ok, ...(v.failcode !== undefined ? { failcode: v.failcode } : {}), ...(v.failreason ? { failreason: v.failreason } : {}) });
    if (v.redirectUrl && v.module !== 'iframe') {
      el.append(h('p', { class: 'idg-muted' }, t('redirecting')));
      setTimeout(() => window.location.assign(v.redirectUrl!), 1200);
    }
  }
  return el;
}

function processing(): HTMLElement {
  return screen('processing', h('div', { class: 'idg-spinner', role: 'progressbar', 'aria-busy': 'true' }), h('p', { class: 'idg-muted' }, t('review_help')));
}

function current(): HTMLElement {
  const v = state.view;
  if (v.phase === 'succeeded' || v.phase === 'failed' || v.phase === 'expired') return resultScreen();
  if (v.phase === 'processing') return processing();
  if (v.failcode !== undefined && v.attemptsLeft > 0 && !state.retryAcknowledged) return retryScreen();
  if (!state.started && !state.retryAcknowledged) return needsHandoff() ? h('div', {}, welcomeOrHandoff()) : welcome();
  if (needsHandoff()) return handoff();
  const step = v.steps[0];
  if (!step) return review();
  if (step === 'phone') return phoneStep();
  if (step === 'selfie_video') return videoStep();
  if (step === 'contract') return contractStep();
  return captureStep(step);
}

function welcomeOrHandoff(): HTMLElement {
  const w = welcome();
  w.append(handoff());
  return w;
}

let lastKey = '';
function render(): void {
  const v = state.view;
  // A new attempt is being checked: its own failure, if any, is explained afresh.
  if (v.phase === 'processing') state.retryAcknowledged = false;
  const key = `${v.phase}|${v.steps.join(',')}|${state.started}|${state.retryAcknowledged}|${state.handoffDismissed}|${state.busy}|${state.error}|${JSON.stringify(v.phone ?? {})}`;
  if (key === lastKey) return schedulePoll(); // unchanged: keep polling while waiting
  const moved = lastKey.split('|').slice(0, 2).join('|') !== key.split('|').slice(0, 2).join('|');
  lastKey = key;
  root.replaceChildren(h('div', { class: 'idg-app', 'data-phase': v.phase, 'data-step': v.steps[0] ?? 'review' }, header(), h('main', {}, current()), footer()));
  // Move focus to the new heading so screen readers announce each step.
  if (moved || !state.busy) (document.getElementById('idg-title') as HTMLElement | null)?.focus({ preventScroll: true });
  schedulePoll();
}

/** Polls while checking, and on a desktop waiting for the phone to carry on. */
function schedulePoll(): void {
  const v = state.view;
  // A desktop of the phone modules follows what the phone does with the same session.
  const waiting = v.phase === 'processing' || (desktopOfPhoneModule() && v.phase === 'capture');
  if (!waiting || poll !== undefined) return;
  poll = window.setTimeout(async () => {
    poll = undefined;
    try {
      state.view = await api.status();
      if (state.view.steps.join() !== v.steps.join()) state.started = true;
    } catch {
      /* a failed poll is retried */
    }
    render();
  }, 1500);
}

render();
