import { useState } from 'react';
import { ErrorBox } from '../components/error-box';
import { FleetpushApiError } from '@fleetpush/client';

/** Sign-in with a bearer token (kept in sessionStorage: this tab only). */
export function SignInPage({
  onSignIn,
}: {
  readonly onSignIn: (token: string) => Promise<void>;
}): React.JSX.Element {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignIn(token.trim());
    } catch (err) {
      setError(
        err instanceof FleetpushApiError && err.status === 401
          ? new Error('this token is not valid (unknown, revoked or expired)')
          : err,
      );
      setBusy(false);
    }
  };
  return (
    <div className="signin">
      <form className="card stack" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" /> fleetpush
        </div>
        <div>
          <h1 id="signin-title">Sign in</h1>
          <p className="subtitle">Paste an API token. It stays in this browser tab only.</p>
        </div>
        <div className="field">
          <label htmlFor="token">API token</label>
          <input
            id="token"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
          />
        </div>
        <ErrorBox error={error} title="Sign-in refused" />
        <button className="primary" type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
