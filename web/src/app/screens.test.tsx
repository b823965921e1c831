// @vitest-environment happy-dom
import { BASE_VIEW, byTestId, mount, settle } from './test-support.tsx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, busy, handoffDismissed, retryAcknowledged, started, view } from './state.ts';
import { setLanguage } from './i18n.ts';
import { Choice, PhoneStep, Processing, Result, Retry, Review, Welcome } from './screens.tsx';

afterEach(async () => {
  vi.restoreAllMocks();
  view.value = BASE_VIEW;
  busy.value = false;
  started.value = false;
  retryAcknowledged.value = false;
  handoffDismissed.value = false;
  await setLanguage('en');
});

const submitForm = async (form: HTMLFormElement) => {
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await settle();
};

describe('Welcome', () => {
  it('names the business, states biometric consent when a selfie is asked, links the privacy notice; "Agree and start" starts', async () => {
    view.value = { ...BASE_VIEW, privacyNoticeUrl: 'https://acme.example/privacy' };
    const root = await mount(<Welcome />);
    expect(root.querySelector('h1')!.textContent).toBe('Identity verification');
    expect(byTestId(root, 'consent')!.textContent).toContain('Acme Bank checks your identity document');
    expect(byTestId(root, 'consent-biometric')).not.toBeNull();
    expect(byTestId(root, 'privacy-notice')!.getAttribute('href')).toBe('https://acme.example/privacy');
    expect(byTestId(root, 'start')!.textContent).toBe('Agree and start');
    byTestId(root, 'start')!.click();
    expect(started.value).toBe(true);
  });

  it('no biometric sentence without a selfie step; Arabic renders right to left', async () => {
    view.value = { ...BASE_VIEW, steps: ['document'] };
    await setLanguage('ar');
    const root = await mount(<Welcome />);
    expect(byTestId(root, 'consent-biometric')).toBeNull();
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.documentElement.lang).toBe('ar');
    expect(root.querySelector('h1')!.textContent).toBe('التحقق من الهوية');
  });
});

describe('Choice (desktop of a phone module)', () => {
  it('offers the QR code and "continue on this device"', async () => {
    view.value = { ...BASE_VIEW, module: 'mobile' };
    const root = await mount(<Choice />);
    expect(byTestId(root, 'handoff-qr')!.getAttribute('src')).toBe('/qr/TESTREF1.png');
    byTestId(root, 'continue-here')!.click();
    expect(handoffDismissed.value).toBe(true);
  });
});

describe('PhoneStep', () => {
  it('sends the typed number, then confirms the typed code; resend waits', async () => {
    view.value = { ...BASE_VIEW, steps: ['phone'], phone: { codeSent: false, verified: false, resendInSeconds: 0 } };
    const send = vi.spyOn(api, 'sendCode').mockResolvedValue({ ...BASE_VIEW, steps: ['phone'], phone: { codeSent: true, verified: false, resendInSeconds: 30, number: '+447911123456' } });
    const root = await mount(<PhoneStep />);
    const input = byTestId(root, 'phone-input') as HTMLInputElement;
    input.value = '+447911123456';
    await submitForm(input.form!);
    expect(send).toHaveBeenCalledWith('+447911123456');
    expect(byTestId(root, 'otp-input')).not.toBeNull();
    expect(root.textContent).toContain('We sent a text message with a 6-digit code to +447911123456.');
    expect((byTestId(root, 'resend') as HTMLButtonElement).disabled).toBe(true);
    const confirm = vi.spyOn(api, 'confirmCode').mockResolvedValue({ ...BASE_VIEW, steps: ['document'] });
    const otp = byTestId(root, 'otp-input') as HTMLInputElement;
    otp.value = '123456';
    await submitForm(otp.form!);
    expect(confirm).toHaveBeenCalledWith('123456');
  });
});

describe('Review', () => {
  it('sends for verification once, and the button is disabled while busy', async () => {
    const submit = vi.spyOn(api, 'submit').mockResolvedValue({ ...BASE_VIEW, steps: [], phase: 'processing' });
    view.value = { ...BASE_VIEW, steps: [] };
    const root = await mount(<Review />);
    byTestId(root, 'submit')!.click();
    await settle();
    expect(submit).toHaveBeenCalledTimes(1);
    expect(view.value.phase).toBe('processing');
    busy.value = true;
    await settle();
    expect((byTestId(root, 'submit') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Retry', () => {
  it('a screen replay is named as such (not "did not match"), every failed check listed, every failed input asked again', async () => {
    view.value = {
      ...BASE_VIEW,
      steps: ['document', 'selfie'],
      failcode: 3,
      attemptsLeft: 1,
      failedChecks: ['face', 'name'],
      failures: [{ check: 'face', code: 3, reason: 'selfie_screen_replay' }, { check: 'name', code: 5, reason: 'name' }],
    };
    const root = await mount(<Retry />);
    const reasons = byTestId(root, 'retry-reason')!.textContent!;
    expect(reasons).toContain('Your selfie appears to be a picture of a screen, not a live picture of you.');
    expect(reasons).toContain('The name on the document is not the name Acme Bank has on file.');
    expect(reasons).not.toContain('did not match');
    expect(Array.from(root.querySelectorAll('[data-step-again]')).map((e) => e.getAttribute('data-step-again'))).toEqual(['document', 'selfie']);
    byTestId(root, 'retry')!.click();
    expect(retryAcknowledged.value).toBe(true);
  });

  it('a genuinely different person: "did not match"; an old view with the fail code only still says something complete', async () => {
    view.value = { ...BASE_VIEW, steps: ['selfie'], failcode: 3, failures: [{ check: 'face', code: 3, reason: 'face_mismatch' }] };
    let root = await mount(<Retry />);
    expect(byTestId(root, 'retry-reason')!.textContent).toContain('In the selfie, your face did not match the photo on the document.');
    view.value = { ...BASE_VIEW, steps: ['document'], failcode: 1 };
    root = await mount(<Retry />);
    expect(byTestId(root, 'retry-reason')!.textContent).toContain('We could not read the document.');
  });

  it('the reason sentence follows the language (Hebrew, right to left)', async () => {
    await setLanguage('he');
    view.value = { ...BASE_VIEW, steps: ['selfie'], failcode: 3, failures: [{ check: 'face', code: 3, reason: 'selfie_document_replay' }] };
    const root = await mount(<Retry />);
    expect(document.documentElement.dir).toBe('rtl');
    expect(byTestId(root, 'retry-reason')!.textContent).toContain('נראה שהסלפי שלך הוא צילום של התמונה שבמסמך');
  });
});

describe('Result', () => {
  it('a final failure lists its reasons, offers no retry and a way back to the business', async () => {
    view.value = { ...BASE_VIEW, phase: 'failed', failcode: 4, finalFailure: true, redirectUrl: 'https://shop.example/failed', failures: [{ check: 'notexpired', code: 4, reason: 'notexpired' }] };
    const root = await mount(<Result />);
    expect(byTestId(root, 'result')!.getAttribute('data-outcome')).toBe('failed');
    expect(byTestId(root, 'result-reasons')!.textContent).toContain('The document has expired.');
    expect(root.textContent).toContain('A new attempt would not change this result');
    expect(byTestId(root, 'back-to-business')!.getAttribute('href')).toBe('https://shop.example/failed');
    expect(byTestId(root, 'retry')).toBeNull();
  });

  it('a print attack on the last attempt: its own sentence on the result screen', async () => {
    view.value = { ...BASE_VIEW, phase: 'failed', failcode: 3, attemptsLeft: 0, failures: [{ check: 'face', code: 3, reason: 'selfie_print_attack' }] };
    const root = await mount(<Result />);
    expect(byTestId(root, 'result-reasons')!.textContent).toBe('Your selfie appears to be a photo of a printed picture, not a live picture of you. Take the selfie of your own face.');
  });

  it('success: the verified title and no reasons', async () => {
    view.value = { ...BASE_VIEW, phase: 'succeeded', steps: [] };
    const root = await mount(<Result />);
    expect(root.querySelector('h1')!.textContent).toBe('You are verified');
    expect(byTestId(root, 'result-reasons')).toBeNull();
  });
});

describe('Processing', () => {
  it('shows a busy progress indicator and says the documents are being checked', async () => {
    const root = await mount(<Processing />);
    expect(root.querySelector('[role=progressbar]')!.getAttribute('aria-busy')).toBe('true');
    expect(root.querySelector('h1')!.textContent).toBe('Checking your documents…');
  });
});
