import { me, api } from './api.ts';
import { route, onLink, navigate } from './router.ts';
import { t } from './strings.ts';
import { SignIn } from './pages/sign-in.tsx';
import { Setup } from './pages/setup.tsx';
import { Dashboard } from './pages/dashboard.tsx';
import { Sessions } from './pages/sessions.tsx';
import { SessionDetail } from './pages/session-detail.tsx';
import { ReviewQueue } from './pages/review-queue.tsx';
import { Developers } from './pages/developers.tsx';
import { Team } from './pages/team.tsx';
import { AuditLog } from './pages/audit-log.tsx';
import { Templates } from './pages/templates.tsx';
import { AmlLists } from './pages/aml-lists.tsx';
import { Settings } from './pages/settings.tsx';
import { Security } from './pages/security.tsx';
import { useLoad } from './components/use-load.ts';

const NAV: Array<{ path: string; label: string; cap: string }> = [
  { path: '/', label: t.nav.dashboard, cap: 'dashboard' },
  { path: '/sessions', label: t.nav.sessions, cap: 'sessions' },
  { path: '/queue', label: t.nav.queue, cap: 'sessions' },
  { path: '/developers', label: t.nav.developers, cap: 'keys' },
  { path: '/templates', label: t.nav.templates, cap: 'templates' },
  { path: '/aml', label: t.nav.aml, cap: 'aml' },
  { path: '/team', label: t.nav.team, cap: 'team' },
  { path: '/settings', label: t.nav.settings, cap: 'settings' },
  { path: '/audit', label: t.nav.audit, cap: 'audit' },
];

function Page() {
  const r = route.value;
  if (r.startsWith('/sessions/')) return <SessionDetail reference={decodeURIComponent(r.slice(10))} />;
  switch (r) {
    case '/sessions':
      return <Sessions />;
    case '/queue':
      return <ReviewQueue />;
    case '/developers':
      return <Developers />;
    case '/team':
      return <Team />;
    case '/templates':
      return <Templates />;
    case '/aml':
      return <AmlLists />;
    case '/audit':
      return <AuditLog />;
    case '/settings':
      return <Settings />;
    case '/security':
      return <Security />;
    default:
      return <Dashboard />;
  }
}

/** The account's logo and company name (Settings) beside the product name. */
function Brand() {
  const { data } = useLoad(() => api<{ companyName: string | null; logo: string | null }>('/branding'), [route.value === '/settings' ? route.value : '']);
  return (
    <span class="brand">
      {data?.logo && <img src={data.logo} alt="" data-testid="brand-logo" />}
      <span class="brand-text">
        {data?.companyName ? <strong data-testid="brand-company">{data.companyName}</strong> : <strong>{t.appName}</strong>}
        <small>{data?.companyName ? `${t.appName} · ${t.portal}` : t.portal}</small>
      </span>
    </span>
  );
}

async function signOut(everywhere: boolean) {
  await api(everywhere ? '/auth/sign-out-everywhere' : '/auth/sign-out', { method: 'POST' }).catch(() => undefined);
  me.value = null;
  navigate('/');
}

export function App() {
  if (route.value === '/setup') return <Setup />;
  const m = me.value;
  if (m === undefined) return <p class="loading">{t.common.loading}</p>;
  if (m === null || m.stage !== 'full') return <SignIn />;
  const current = route.value;
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <Brand />
        <nav aria-label="Main">
          {NAV.filter((n) => m.capabilities.includes(n.cap) || (n.path === '/developers' && m.capabilities.includes('deliveries'))).map((n) => {
            const active = n.path === '/' ? current === '/' : current.startsWith(n.path);
            return (
              <a href={`/portal${n.path}`} onClick={onLink(n.path)} aria-current={active ? 'page' : undefined} class={active ? 'active' : ''}>
                {n.label}
              </a>
            );
          })}
        </nav>
        <span class="who">
          <span title={m.account} class="who-name">
            {m.email} <span class="role">{m.role}</span>
          </span>
          <span class="who-actions">
            <a href="/portal/security" onClick={onLink('/security')} data-testid="nav-security">
              {t.security.title}
            </a>
            <button type="button" class="link" onClick={() => signOut(false)}>
              {t.common.signOut}
            </button>
            <button type="button" class="link" onClick={() => signOut(true)}>
              {t.common.signOutEverywhere}
            </button>
          </span>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <Page />
      </main>
    </div>
  );
}
