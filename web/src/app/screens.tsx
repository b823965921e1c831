import { useEffect } from 'preact/hooks';
import type { CheckFailure, FaceReason, SessionView } from '../../../src/contract/capture-api.ts';
import { hasKey, t, type Key } from './i18n.ts';
import { act, api, boot, busy, handoffDismissed, retryAcknowledged, started, toParent, view } from './state.ts';
import { Progress, Screen } from './layout.tsx';
import { PhoneArt, ResultIcon, ShieldArt } from './icons.tsx';

const FAILCODE_CHECK: Record<number, string> = { 1: 'unread', 2: 'authentication', 3: 'face', 4: 'notexpired', 5: 'name', 6: 'dob', 7: 'address', 8: 'postcode', 9: 'age', 10: 'missing', 11: 'dualside', 12: 'documentcountry', 13: 'documentregion', 14: 'documenttype', 15: 'phone', 16: 'documentno' };

/** The sentence of each face failure reason: what was seen (a screen, the document's portrait, …), not "did not match" for all. */
const FACE_SENTENCE: Record<FaceReason, Key> = {
  face_mismatch: 'chk_face',
  selfie_document_replay: 'why_document_replay',
  selfie_document_in_frame: 'why_document_in_frame',
  selfie_screen_replay: 'why_screen_replay',
  selfie_print_attack: 'why_print_attack',
  selfie_liveness_low: 'why_liveness_low',
  selfie_no_face: 'why_selfie_no_face',
  selfie_multiple_faces: 'why_selfie_multiple_faces',
  selfie_face_too_small: 'why_selfie_face_too_small',
  selfie_face_blurred: 'why_selfie_face_blurred',
  selfie_eyes_closed: 'why_selfie_eyes_closed',
  document_no_face: 'why_document_face',
  document_multiple_faces: 'why_document_face',
  document_face_too_small: 'why_document_face',
  document_face_blurred: 'why_document_face',
  image_unreadable: 'why_face_not_checked',
  video_unreadable: 'why_video_unusable',
  video_no_frames: 'why_video_unusable',
  video_extraction_not_performed: 'why_video_unusable',
  video_multiple_people: 'why_video_multiple_people',
  video_challenge_not_followed: 'why_video_challenge',
  face_not_checked: 'why_face_not_checked',
};

/** The sentence key of one failed check: the face check by its reason, every other check by its name. */
function sentenceKey(f: CheckFailure): Key {
  if (f.check === 'face') return FACE_SENTENCE[f.reason as FaceReason] ?? 'why_face_not_checked';
  const key = `chk_${f.check}`;
  return hasKey(key) ? key : 'chk_other';
}

/** Every failed check of the last attempt as a full sentence; the fail code alone when that is all there is. */
export function failureSentences(v: SessionView): string[] {
  const failures: CheckFailure[] = v.failures?.length
    ? v.failures
    : (v.failedChecks?.length ? v.failedChecks : [FAILCODE_CHECK[v.failcode ?? 99] ?? 'other']).map((check) => ({ check, code: v.failcode ?? 99, reason: check === 'face' ? 'face_mismatch' : check }));
  return [...new Set(failures.map((f) => t(sentenceKey(f), { company: v.company })))];
}

const biometric = (v: SessionView) => v.steps.includes('selfie') || v.steps.includes('selfie_video');

export function Welcome() {
  const v = view.value;
  return (
    <Screen title={t('title')}>
      <ShieldArt />
      <p>{v.welcomeMessage ?? t('welcome', { company: v.company })}</p>
      <p>{t('need')}</p>
      <div class="idg-consent" data-testid="consent">
        <p class="idg-muted">{t('consent_data', { company: v.company })}</p>
        {biometric(v) ? <p class="idg-muted" data-testid="consent-biometric">{t('consent_biometric')}</p> : null}
        {v.privacyNoticeUrl ? (
          <p>
            <a href={v.privacyNoticeUrl} target="_blank" rel="noopener noreferrer" data-testid="privacy-notice">
              {t('privacy_link', { company: v.company })}
            </a>
          </p>
        ) : null}
      </div>
      <button class="idg-button" data-testid="start" onClick={() => (started.value = true)}>
        {t('agree_start')}
      </button>
    </Screen>
  );
}

/** Desktop of a phone module: one clear choice, the phone (QR) or this computer. */
export function Choice() {
  return (
    <Screen title={t('choice_title')}>
      <div class="idg-choice">
        <div class="idg-choice-card">
          <h2>{t('choice_phone')}</h2>
          <p>{t('handoff_help')}</p>
          <img class="idg-qr" src={view.value.qrUrl} alt={t('handoff_qr_alt')} data-testid="handoff-qr" width={220} height={220} />
        </div>
        <div class="idg-choice-card">
          <h2>{t('continue_here')}</h2>
          <p>{t('choice_here_help')}</p>
          <button class="idg-button idg-secondary" data-testid="continue-here" onClick={() => (handoffDismissed.value = true)}>
            {t('continue_here')}
          </button>
        </div>
      </div>
    </Screen>
  );
}

export function PhoneStep() {
  const p = view.value.phone ?? { codeSent: false, verified: false, resendInSeconds: 0 };
  const shown = p.fixedNumber ?? p.number ?? '';
  const voice = /landline/.test(String((p as { type?: string }).type));
  return (
    <Screen title={t('phone_title')}>
      <Progress step="phone" />
      <PhoneArt />
      {p.codeSent ? (
        <form
          class="idg-form"
          onSubmit={(e) => {
            e.preventDefault();
            const code = String(new FormData(e.currentTarget as HTMLFormElement).get('otp') ?? '');
            void act(() => api.confirmCode(code));
          }}
        >
          <p>{t(voice ? 'code_sent_voice' : 'code_sent_sms', { number: shown })}</p>
          <label for="otp">{t('otp_label')}</label>
          <input id="otp" name="otp" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{4,12}" required data-testid="otp-input" />
          <button class="idg-button" type="submit" disabled={busy.value} data-testid="otp-submit">
            {t('confirm')}
          </button>
        </form>
      ) : null}
      <form
        class="idg-form"
        onSubmit={(e) => {
          e.preventDefault();
          const number = p.fixedNumber ? undefined : String(new FormData(e.currentTarget as HTMLFormElement).get('phone') ?? '');
          void act(() => api.sendCode(number));
        }}
      >
        {p.fixedNumber ? (
          <p>{t('phone_fixed', { number: p.fixedNumber })}</p>
        ) : (
          <div>
            <label for="phone">{t('phone_label')}</label>
            <input id="phone" name="phone" type="tel" autocomplete="tel" inputMode="tel" required value={p.number ?? ''} data-testid="phone-input" />
          </div>
        )}
        <button class={p.codeSent ? 'idg-link' : 'idg-button'} type="submit" disabled={busy.value || p.resendInSeconds > 0} data-testid={p.codeSent ? 'resend' : 'send-code'}>
          {t(p.codeSent ? 'resend' : 'send_code')}
        </button>
        {p.codeSent && p.resendInSeconds > 0 ? <p class="idg-muted">{t('resend_wait', { s: p.resendInSeconds })}</p> : null}
      </form>
    </Screen>
  );
}

export function Review() {
  return (
    <Screen title={t('review_title')}>
      <Progress step="review" />
      <ShieldArt />
      <p>{t('review_help')}</p>
      <button class="idg-button" data-testid="submit" disabled={busy.value} onClick={() => void act(() => api.submit())}>
        {t('submit')}
      </button>
    </Screen>
  );
}

const ASK: Record<string, Key> = { document: 'ask_document', document_back: 'ask_document_back', selfie: 'ask_selfie', selfie_video: 'ask_selfie_video' };

/** A failure with attempts left: every reason, and every input the retry will ask for again. */
export function Retry() {
  const v = view.value;
  const asks = v.steps.filter((s) => ASK[s]);
  return (
    <Screen title={t('retry_title')}>
      <ResultIcon outcome="retry" />
      <div data-testid="retry-reason" class="idg-reasons-box">
        <p>{t('retry_lead')}</p>
        <ul class="idg-reasons">
          {failureSentences(v).map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      </div>
      {asks.length ? (
        <div data-testid="retry-asks">
          <p>{t('retry_asks')}</p>
          <ul>
            {asks.map((s) => (
              <li key={s} data-step-again={s}>
                {t(ASK[s]!)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p class="idg-muted">{t('attempts_left', { n: v.attemptsLeft })}</p>
      <button class="idg-button" data-testid="retry" onClick={() => (retryAcknowledged.value = true)}>
        {t('retry')}
      </button>
    </Screen>
  );
}

let redirected = false;

export function Result() {
  const v = view.value;
  const phase = v.phase as 'succeeded' | 'failed' | 'expired';
  const ok = phase === 'succeeded';
  const title: Key = phase === 'expired' ? 'expired_title' : ok ? 'success_title' : 'failed_title';
  const help: Key = phase === 'expired' ? 'expired_help' : ok ? 'success_help' : 'failed_help';
  const back = v.redirectUrl && v.module !== 'iframe' ? v.redirectUrl : undefined;
  useEffect(() => {
    if (redirected) return;
    redirected = true;
    toParent({ source: 'idgate', type: 'result', reference: boot.reference, success: ok, ...(v.failcode !== undefined ? { failcode: v.failcode } : {}), ...(v.failreason ? { failreason: v.failreason } : {}) });
    // Success goes straight back; a failure leaves time to read why.
    if (back) setTimeout(() => window.location.assign(back), ok ? 1200 : 10_000);
  }, []);
  return (
    <Screen title={t(title)} testid="result" outcome={phase}>
      <ResultIcon outcome={phase} />
      <p>{t(help, { company: v.company })}</p>
      {phase === 'failed' && v.failcode !== undefined ? (
        <>
          <div class="idg-reasons-box idg-final">
            <ul class="idg-reasons" data-testid="result-reasons">
              {failureSentences(v).map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </div>
          {v.finalFailure ? <p class="idg-muted">{t('final_help')}</p> : null}
        </>
      ) : null}
      {back ? (
        <a class="idg-button" href={back} data-testid="back-to-business">
          {t('back_to', { company: v.company })}
        </a>
      ) : null}
      {back && ok ? <p class="idg-muted">{t('redirecting')}</p> : null}
    </Screen>
  );
}

export function Processing() {
  return (
    <Screen title={t('processing')}>
      <div class="idg-spinner" role="progressbar" aria-busy="true" />
      <p class="idg-muted">{t('review_help')}</p>
    </Screen>
  );
}
