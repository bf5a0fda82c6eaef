import { create } from 'zustand';
import type { Role } from '../../../src/domain/roles';
import type { NotificationSettings } from '../../../src/domain/user';
import { ApiClient, ApiError, NetworkError } from './client';
import { fetchAllTeams, type TeamsPage } from './teams';

export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly settings: NotificationSettings;
}

export interface TeamWithRole {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

interface SessionState {
  readonly status: 'unknown' | 'anonymous' | 'authenticated';
  readonly user: SessionUser | null;
  readonly teams: readonly TeamWithRole[];
  /** Restores a session from the refresh cookie (page load). */
  readonly restore: () => Promise<void>;
  readonly logIn: (email: string, password: string) => Promise<void>;
  readonly signUp: (name: string, email: string, password: string) => Promise<void>;
  readonly logOut: () => Promise<void>;
  readonly reloadTeams: () => Promise<void>;
  readonly setUser: (user: SessionUser) => void;
}

/** The one API client of the page; it holds the access token in memory only. */
export const api = new ApiClient();

interface AuthAnswer {
  readonly user: SessionUser;
  readonly accessToken: string;
}

export const useSession = create<SessionState>()((set, get) => {
  const signedIn = async (answer: AuthAnswer) => {
    api.setAccessToken(answer.accessToken);
    set({ user: answer.user, status: 'authenticated' });
    await get().reloadTeams();
  };
  return {
    status: 'unknown',
    user: null,
    teams: [],
    restore: async () => {
      try {
        if (!(await api.refresh())) return set({ status: 'anonymous' });
        const me = await api.request<{ user: SessionUser; teams: TeamWithRole[] }>('GET', '/api/me');
        set({ user: me.user, teams: me.teams, status: 'authenticated' });
      } catch (err) {
        // Offline at page load: the board can still open from what this browser stored.
        set({ status: err instanceof NetworkError ? 'authenticated' : 'anonymous' });
      }
    },
    logIn: async (email, password) =>
      signedIn(
        await api.request<AuthAnswer>('POST', '/api/auth/login', { body: { email, password }, noRefresh: true }),
      ),
    signUp: async (name, email, password) =>
      signedIn(
        await api.request<AuthAnswer>('POST', '/api/auth/signup', { body: { name, email, password }, noRefresh: true }),
      ),
    logOut: async () => {
      await api.request('POST', '/api/auth/logout', { noRefresh: true }).catch(() => undefined);
      api.setAccessToken(null);
      set({ status: 'anonymous', user: null, teams: [] });
    },
    reloadTeams: async () => {
      set({ teams: await fetchAllTeams((path) => api.request<TeamsPage<TeamWithRole>>('GET', path)) });
    },
    setUser: (user) => set({ user }),
  };
});

/** A message for a failed request, fit to show the user. */
export const messageOf = (err: unknown): string =>
  err instanceof ApiError
    ? err.message
    : err instanceof NetworkError
      ? 'You appear to be offline. Try again when the connection is back.'
      : 'Something went wrong.';
