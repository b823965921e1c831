import { useEffect, useRef } from 'preact/hooks';
import { act, api, busy, desktopOfPhoneModule, error, handoffDismissed, needsHandoff, retryAcknowledged, started, view } from './state.ts';
import { Footer, Header, LanguagePicker } from './layout.tsx';
import { Choice, PhoneStep, Processing, Result, Retry, Review, Welcome } from './screens.tsx';
import { CaptureStep } from './capture-step.tsx';
import { VideoStep } from './video-step.tsx';
import { ContractStep } from './contract-step.tsx';

const POLL_MS = 1500;
let finishing = false;

/** Which screen the session and the app's flags call for, and a key that changes with it. */
function current(): { key: string; node: preact.JSX.Element } {
  const v = view.value;
  if (v.phase === 'succeeded' || v.phase === 'failed' || v.phase === 'expired') return { key: 'result', node: <Result /> };
  if (v.phase === 'processing') return { key: 'processing', node: <Processing /> };
  // A failure no new photo can mend ends the session (the app asks the server once) instead of a retry.
  if (v.failcode !== undefined && v.finalFailure && v.attemptsLeft > 0) return { key: 'processing', node: <Processing /> };
  if (v.failcode !== undefined && v.attemptsLeft > 0 && !retryAcknowledged.value) return { key: `retry`, node: <Retry /> };
  if (needsHandoff()) return { key: 'choice', node: <Choice /> };
  if (!started.value && !retryAcknowledged.value) return { key: 'welcome', node: <Welcome /> };
  const step = v.steps[0];
  if (!step) return { key: 'review', node: <Review /> };
  if (step === 'phone') return { key: 'phone', node: <PhoneStep /> };
  if (step === 'selfie_video') return { key: 'selfie_video', node: <VideoStep /> };
  if (step === 'contract') return { key: 'contract', node: <ContractStep /> };
  return { key: `${step}|${v.failcode ?? ''}|${v.attemptsLeft}`, node: <CaptureStep key={`${step}|${v.attemptsLeft}`} step={step} /> };
}

export function App() {
  const v = view.value;
  const screen = current();
  const lastKey = useRef('');

  // A new attempt is being checked: its own failure, if any, is explained afresh.
  useEffect(() => {
    if (v.phase === 'processing') retryAcknowledged.value = false;
    if (v.failcode !== undefined && v.finalFailure && v.attemptsLeft > 0 && v.phase === 'capture' && !finishing) {
      finishing = true;
      void act(() => api.finish());
    }
  }, [v]);

  // Focus moves to each new screen's heading, so screen readers announce it.
  useEffect(() => {
    if (screen.key === lastKey.current) return;
    lastKey.current = screen.key;
    error.value = '';
    (document.getElementById('idg-title') as HTMLElement | null)?.focus({ preventScroll: true });
  }, [screen.key]);

  // Polls while checking, and on a desktop of a phone module while the phone carries on.
  useEffect(() => {
    const waiting = v.phase === 'processing' || (desktopOfPhoneModule() && v.phase === 'capture') || (v.finalFailure && v.phase === 'capture');
    if (!waiting) return;
    const timer = window.setTimeout(async () => {
      try {
        const next = await api.status();
        if (next.steps.join() !== view.value.steps.join()) started.value = true;
        if (!busy.value) view.value = next;
      } catch {
        /* a failed poll is retried */
      }
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [v, handoffDismissed.value]);

  return (
    <div class="idg-app" data-phase={v.phase} data-step={v.steps[0] ?? 'review'}>
      <Header />
      <main>{screen.node}</main>
      <LanguagePicker />
      <Footer />
    </div>
  );
}
