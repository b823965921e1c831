import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { navigate } from '../router.ts';
import { t } from '../strings.ts';

/** The one-time set-up link: `/portal/setup#<token>` (the fragment never reaches a server log). */
export function Setup() {
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    if (f.get('password') !== f.get('repeat')) return setError(t.setup.mismatch);
    try {
      await api('/auth/setup', { body: { token: location.hash.slice(1), password: f.get('password') } });
      history.replaceState(null, '', '/portal/setup');
      setDone(true);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div class="auth">
      <div class="card auth-card">
        <h1>{t.appName}</h1>
        <h2>{t.setup.title}</h2>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {done ? (
          <>
            <p role="status">{t.setup.done}</p>
            <button type="button" class="primary" onClick={() => navigate('/')}>
              {t.signIn.submit}
            </button>
          </>
        ) : (
          <form onSubmit={onSubmit}>
            <p class="muted">{t.setup.help}</p>
            <label>
              {t.setup.password}
              <input name="password" type="password" autoComplete="new-password" minLength={12} required data-testid="setup-password" />
            </label>
            <label>
              {t.setup.repeat}
              <input name="repeat" type="password" autoComplete="new-password" minLength={12} required data-testid="setup-repeat" />
            </label>
            <button type="submit" class="primary" data-testid="setup-submit">
              {t.setup.submit}
            </button>
          </form>
        )}
      </div>
    </div>
  );
}
