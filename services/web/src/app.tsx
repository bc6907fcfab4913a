import { useCallback, useEffect, useState } from 'react';
import { FleetApi } from './data/fleet-api';
import type { UiConfig } from './data/api-types';
import { DevicesPage } from './pages/devices-page';
import { HistoryPage } from './pages/history-page';
import { JobDetailPage } from './pages/job-detail-page';
import { MonitorPage } from './pages/monitor-page';
import { NewJobPage } from './pages/new-job-page';
import { SignInPage } from './pages/sign-in-page';
import { hrefOf, useRoute, type Route } from './route';
import { SessionContext, TOKEN_STORAGE_KEY, type Session } from './session';
import { ThemeToggle } from './components/theme-toggle';

const NAV: readonly { label: string; route: Route }[] = [
  { label: 'Devices', route: { page: 'devices' } },
  { label: 'New job', route: { page: 'new-job' } },
  { label: 'History', route: { page: 'history' } },
];

function PageFor({ route }: { readonly route: Route }): React.JSX.Element {
  switch (route.page) {
    case 'new-job':
      return <NewJobPage />;
    case 'history':
      return <HistoryPage />;
    case 'monitor':
      return <MonitorPage key={route.jobId} jobId={route.jobId} />;
    case 'detail':
      return <JobDetailPage key={route.jobId} jobId={route.jobId} device={route.device} />;
    default:
      return <DevicesPage />;
  }
}

function isCurrent(item: Route, route: Route): boolean {
  if (item.page === 'history') return ['history', 'monitor', 'detail'].includes(route.page);
  return item.page === route.page;
}

/** The signed-in frame: navigation on the left, the page on the right. */
function Frame({ session }: { readonly session: Session }): React.JSX.Element {
  const route = useRoute();
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" /> fleetpush
        </div>
        <div className="nav">
          {NAV.map((item) => (
            <a
              key={item.label}
              href={hrefOf(item.route)}
              aria-current={isCurrent(item.route, route) ? 'page' : undefined}
            >
              {item.label}
            </a>
          ))}
        </div>
        <div className="sidebar-foot">
          <span>
            Signed in as <strong>{session.config.principal.name}</strong> (
            {session.config.principal.role})
          </span>
          <ThemeToggle />
          <button type="button" onClick={session.signOut}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="main">
        <PageFor route={route} />
      </main>
    </div>
  );
}

/** The UI: sign in with a token (kept for this tab only), then the pages. */
export function App(): React.JSX.Element {
  const [session, setSession] = useState<Session | null>(null);
  const [restoring, setRestoring] = useState(
    () => sessionStorage.getItem(TOKEN_STORAGE_KEY) !== null,
  );

  const signOut = useCallback(() => {
    sessionStorage.removeItem(TOKEN_STORAGE_KEY);
    setSession(null);
  }, []);

  const signIn = useCallback(
    async (token: string): Promise<void> => {
      const api = new FleetApi(token);
      const config: UiConfig = await api.uiConfig();
      sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
      setSession({ api, token, config, signOut });
    },
    [signOut],
  );

  useEffect(() => {
    const saved = sessionStorage.getItem(TOKEN_STORAGE_KEY);
    if (!saved) return;
    signIn(saved)
      .catch(() => sessionStorage.removeItem(TOKEN_STORAGE_KEY))
      .finally(() => setRestoring(false));
  }, [signIn]);

  if (restoring && !session) return <div className="signin muted">Signing in…</div>;
  if (!session) return <SignInPage onSignIn={signIn} />;
  return (
    <SessionContext.Provider value={session}>
      <Frame session={session} />
    </SessionContext.Provider>
  );
}
