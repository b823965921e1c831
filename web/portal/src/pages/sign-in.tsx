import { useState } from 'preact/hooks';
import { api, loadMe, me, setCsrf } from '../api.ts';
import { t } from '../strings.ts';

type Stage = 'password' | 'enrol' | 'totp' | 'recovery';

export function SignIn() {
  const half = me.value?.stage === 'password';
  const [stage, setStage] = useState<Stage>(half ? (me.value?.secondFactor ? 'totp' : 'enrol') : 'password');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [recovery, setRecovery] = useState<string[]>([]);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message || t.signIn.failed);
    } finally {
      setBusy(false);
    }
  };

  const startEnrol = async () => {
    const s = await api<{ secret: string; uri: string }>('/auth/totp/enrol', { method: 'POST' });
    setSecret(s);
    setStage('enrol');
  };

  const onPassword = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    void run(async () => {
      const r = await api<{ stage: 'enrol' | 'totp' | 'done'; csrf: string }>('/auth/sign-in', { body: { email: f.get('email'), password: f.get('password') } });
      setCsrf(r.csrf);
      if (r.stage === 'done') return loadMe();
      if (r.stage === 'enrol') return startEnrol();
      setStage('totp');
    });
  };

  const onCode = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    void run(async () => {
      const r = await api<{ csrf: string; recoveryCodes?: string[] }>('/auth/totp/verify', { body: { code: String(f.get('code') ?? '').trim() } });
      setCsrf(r.csrf);
      if (r.recoveryCodes) {
        setRecovery(r.recoveryCodes);
        setStage('recovery');
        return;
      }
      await loadMe();
    });
  };

  const onPasskey = () =>
    void run(async () => {
      // Loaded only here: the WebAuthn helper is not part of the initial bundle.
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>('/auth/passkey/options', { method: 'POST' });
      const response = await startAuthentication({ optionsJSON });
      const r = await api<{ csrf: string }>('/auth/passkey/verify', { body: { response } });
      setCsrf(r.csrf);
      await loadMe();
    });

  if (stage === 'enrol' && !secret && !busy) void run(startEnrol);

  return (
    <div class="auth">
      <div class="card auth-card">
        <h1>{t.appName}</h1>
        <p class="muted">{t.portal}</p>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {stage === 'password' && (
          <form onSubmit={onPassword}>
            <h2>{t.signIn.title}</h2>
            <label>
              {t.signIn.email}
              <input name="email" type="email" autoComplete="username" required data-testid="login-email" />
            </label>
            <label>
              {t.signIn.password}
              <input name="password" type="password" autoComplete="current-password" required data-testid="login-password" />
            </label>
            <button type="submit" class="primary" disabled={busy} data-testid="login-submit">
              {t.signIn.submit}
            </button>
          </form>
        )}
        {(stage === 'enrol' || stage === 'totp') && (
          <form onSubmit={onCode}>
            <h2>{stage === 'enrol' ? t.signIn.enrolTitle : t.signIn.totpTitle}</h2>
            {stage === 'enrol' && secret && (
              <>
                <p>{t.signIn.enrolHelp}</p>
                <p>
                  {t.signIn.secretLabel}:{' '}
                  <code class="secret" data-testid="totp-secret">
                    {secret.secret}
                  </code>
                </p>
                <p>
                  <a href={secret.uri}>{t.signIn.openInApp}</a>
                </p>
              </>
            )}
            {stage === 'totp' && <p>{t.signIn.totpHelp}</p>}
            <label>
              {t.signIn.code}
              <input name="code" inputMode="numeric" autoComplete="one-time-code" required data-testid="totp-input" />
            </label>
            <button type="submit" class="primary" disabled={busy} data-testid="totp-submit">
              {t.signIn.verify}
            </button>
            {stage === 'totp' && (
              <button type="button" disabled={busy} onClick={onPasskey} data-testid="passkey-signin">
                {t.signIn.usePasskey}
              </button>
            )}
          </form>
        )}
        {stage === 'recovery' && (
          <div>
            <h2>{t.signIn.recoveryTitle}</h2>
            <p>{t.signIn.recoveryHelp}</p>
            <ul class="codes" data-testid="recovery-codes">
              {recovery.map((c) => (
                <li>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
            <button type="button" class="primary" onClick={() => void loadMe()} data-testid="recovery-continue">
              {t.signIn.continue}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
