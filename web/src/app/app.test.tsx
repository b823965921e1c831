// @vitest-environment happy-dom
import { BASE_VIEW, byTestId, mount, waitForTestId, waitUntil } from './test-support.tsx';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, retryAcknowledged, started, view } from './state.ts';
import { setLanguage } from './i18n.ts';
import { App } from './app.tsx';

afterEach(async () => {
  vi.restoreAllMocks();
  view.value = BASE_VIEW;
  started.value = false;
  retryAcknowledged.value = false;
  await setLanguage('en');
});

const stepOf = (root: HTMLElement) => root.querySelector('.idg-app')!.getAttribute('data-step');

describe('App: which screen the session calls for', () => {
  it('welcome first, then the first step; the language picker switches to Persian, right to left', async () => {
    const root = await mount(<App />);
    expect(byTestId(root, 'start')).not.toBeNull();
    byTestId(root, 'start')!.click();
    await waitForTestId(root, 'document-front');
    expect(stepOf(root)).toBe('document');
    expect(byTestId(root, 'document-front')).not.toBeNull();
    const picker = byTestId(root, 'language-picker') as HTMLSelectElement;
    expect(picker.options.length).toBeGreaterThanOrEqual(30);
    picker.value = 'fa';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    await waitForTestId(root, 'document-front');
    await waitUntil(() => document.documentElement.lang === 'fa');
    expect(document.documentElement.dir).toBe('rtl');
    expect(byTestId(root, 'branding')!.textContent).not.toBe('Secured by idgate');
  });

  it('a failure with attempts left shows the retry; "Try again" goes to the first input asked again', async () => {
    view.value = { ...BASE_VIEW, steps: ['selfie'], failcode: 3, attemptsLeft: 1, failures: [{ check: 'face', code: 3, reason: 'selfie_document_in_frame' }] };
    const root = await mount(<App />);
    expect(byTestId(root, 'retry-reason')!.textContent).toContain('Your selfie shows an identity document.');
    byTestId(root, 'retry')!.click();
    await waitUntil(() => stepOf(root) === 'selfie' && !byTestId(root, 'retry'));
    expect(stepOf(root)).toBe('selfie');
    expect(byTestId(root, 'retry')).toBeNull();
  });

  it('a final failure with attempts left ends the session at once (no retry screen)', async () => {
    const finish = vi.spyOn(api, 'finish').mockResolvedValue({ ...BASE_VIEW, phase: 'failed', failcode: 4, finalFailure: true, attemptsLeft: 2 });
    view.value = { ...BASE_VIEW, steps: ['document'], failcode: 4, finalFailure: true, attemptsLeft: 2 };
    const root = await mount(<App />);
    await waitForTestId(root, 'result');
    expect(finish).toHaveBeenCalledTimes(1);
    expect(byTestId(root, 'retry')).toBeNull();
  });
});
