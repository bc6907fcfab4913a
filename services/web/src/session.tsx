import { createContext, useContext } from 'react';
import type { UiConfig } from './data/api-types';
import type { FleetApi } from './data/fleet-api';

/** Where the token lives: this tab only, gone when it closes. */
export const TOKEN_STORAGE_KEY = 'fleetpush.token';

/** The signed-in session: the API client, the token (for the gateway) and the UI config. */
export interface Session {
  readonly api: FleetApi;
  readonly token: string;
  readonly config: UiConfig;
  readonly signOut: () => void;
}

/** The session context; pages are only rendered signed in. */
export const SessionContext = createContext<Session | null>(null);

/** The current session (throws outside the signed-in frame: a programming error). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in frame');
  return session;
}
