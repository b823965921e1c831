import { signal } from '@preact/signals';
import type { BootData, ParentMessage, SessionView } from '../../../src/contract/capture-api.ts';
import { apiClient, ApiFailure } from '../api.ts';
import { hasKey, t } from './i18n.ts';

/** The page's boot data (a JSON block the server wrote), the session view and the app's own flags. */
export const boot = JSON.parse(document.getElementById('idgate-boot')!.textContent!) as BootData;
export const api = apiClient(boot.reference, boot.token);
export const view = signal<SessionView>(boot.view);
export const started = signal(!!boot.view.resumed);
export const retryAcknowledged = signal(false);
export const handoffDismissed = signal(false);
export const busy = signal(false);
export const error = signal('');

/** Phones and tablets capture here; desktops of the mobile modules are offered the QR hand-off. */
export const isHandheld = () => matchMedia('(pointer: coarse)').matches || /Android|iPhone|iPad|Mobile/i.test(navigator.userAgent);
export const desktopOfPhoneModule = () => (view.value.module === 'mobile' || view.value.module === 'live') && !isHandheld();
export const needsHandoff = () => desktopOfPhoneModule() && !handoffDismissed.value;

export function toParent(msg: ParentMessage): void {
  if (window.parent !== window) window.parent.postMessage(msg, '*');
}

export function errorText(e: unknown): string {
  const key = e instanceof ApiFailure ? `err_${e.reason}` : '';
  return hasKey(key) ? t(key, { company: view.value.company }) : t('err_generic');
}

/** Runs one server action: busy while it runs, the new view on success, a plain message on failure. */
export async function act(fn: () => Promise<SessionView | void>): Promise<boolean> {
  busy.value = true;
  error.value = '';
  try {
    const v = await fn();
    if (v) view.value = v;
    return true;
  } catch (e) {
    error.value = errorText(e);
    return false;
  } finally {
    busy.value = false;
  }
}
