import { create } from 'zustand';
import type { Role } from '../../../src/domain/roles';
import type { NotificationSettings } from '../../../src/domain/user';
import { openBoards } from '../sync/open-board';
import { clearUserData, deviceStorage, unsyncedBoards, type KeyValueStorage } from '../sync/storage';
import { syncPending } from '../sync/sync-pending';
import { ApiClient, ApiError, NetworkError } from './client';
import { fetchAllTeams, type TeamsPage } from './teams';
import { clearProfile, isLogoutPending, loadProfile, saveProfile, setLogoutPending } from './profile';

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
  /**
   * False while the app runs offline on the profile this device remembers: the user is shown their
   * boards, but nothing is sent until the server confirms the session is still theirs.
   */
  readonly confirmed: boolean;
  readonly user: SessionUser | null;
  readonly teams: readonly TeamWithRole[];
  /** Restores a session from the refresh cookie (page load), or offline from the remembered profile. */
  readonly restore: () => Promise<void>;
  readonly logIn: (email: string, password: string) => Promise<void>;
  readonly signUp: (name: string, email: string, password: string) => Promise<void>;
  /** Ends the session and removes everything this device keeps for the user, unsynced changes included. */
  readonly logOut: () => Promise<void>;
  /**
   * Forgets the signed-in user on this device — session, stored profile and every board and queue they
   * kept here — once the server has ended the session (logout, signed out everywhere, deleted account).
   */
  readonly forgetHere: () => void;
  readonly reloadTeams: () => Promise<void>;
  readonly setUser: (user: SessionUser) => void;
  /** The server said the user's role in a team changed. */
  readonly setRole: (teamId: string, role: Role) => void;
}

/** The one API client of the page; it holds the access token in memory only. */
export const api = new ApiClient();

interface AuthAnswer {
  readonly user: SessionUser;
  readonly accessToken: string;
}

interface Me {
  readonly user: SessionUser;
  readonly teams: TeamWithRole[];
}

/** Tells the server about a logout it missed while the device was offline; throws while still offline. */
const finishPendingLogout = async (storage: KeyValueStorage) => {
  if (!isLogoutPending(storage)) return;
  await api.request('POST', '/api/auth/logout', { noRefresh: true }).catch((err: unknown) => {
    if (err instanceof NetworkError) throw err;
  });
  setLogoutPending(storage, false);
};

let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** This device's IANA time zone, which the account's digests follow; nothing when the browser names none. */
const deviceTimeZone = (): { timeZone?: string } => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return typeof zone === 'string' && zone.length > 0 && zone.length <= 64 ? { timeZone: zone } : {};
};

export const useSession = create<SessionState>()((set, get) => {
  const remember = () => {
    const { user, teams } = get();
    if (user) saveProfile(deviceStorage(), { user, teams });
  };
  const confirmedAs = (user: SessionUser, teams: readonly TeamWithRole[]) => {
    set({ user, teams, status: 'authenticated', confirmed: true });
    remember();
  };
  const signedIn = async (answer: AuthAnswer) => {
    api.setAccessToken(answer.accessToken);
    setLogoutPending(deviceStorage(), false);
    set({ user: answer.user, status: 'authenticated', confirmed: true, teams: [] });
    remember();
    await get().reloadTeams();
  };
  /** Offline: open as the last signed-in user, and try the server again when the network is back. */
  const openOffline = () => {
    const storage = deviceStorage();
    const profile = isLogoutPending(storage) ? null : loadProfile<SessionUser, TeamWithRole>(storage);
    if (!profile) return set({ status: 'anonymous', confirmed: false });
    set({ user: profile.user, teams: profile.teams, status: 'authenticated', confirmed: false });
    clearTimeout(retryTimer);
    const retry = () => {
      clearTimeout(retryTimer);
      window.removeEventListener('online', retry);
      if (!get().confirmed && get().status === 'authenticated') void get().restore();
    };
    window.addEventListener('online', retry);
    retryTimer = setTimeout(retry, 10_000);
  };
  // Another tab signed in as someone else (the refresh cookie is shared): follow it, leave this user's data be.
  api.onUserChanged = () => void get().restore();
  return {
    status: 'unknown',
    confirmed: false,
    user: null,
    teams: [],
    restore: async () => {
      try {
        await finishPendingLogout(deviceStorage());
        if (!(await api.refresh())) return set({ status: 'anonymous', user: null, teams: [], confirmed: false });
        const me = await api.request<Me>('GET', '/api/me');
        confirmedAs(me.user, me.teams);
      } catch (err) {
        if (err instanceof NetworkError) return openOffline();
        set({ status: 'anonymous', user: null, teams: [], confirmed: false });
      }
    },
    logIn: async (email, password) =>
      signedIn(
        await api.request<AuthAnswer>('POST', '/api/auth/login', { body: { email, password }, noRefresh: true }),
      ),
    signUp: async (name, email, password) =>
      signedIn(
        await api.request<AuthAnswer>('POST', '/api/auth/signup', {
          body: { name, email, password, ...deviceTimeZone() },
          noRefresh: true,
        }),
      ),
    logOut: async () => {
      const user = get().user;
      // Close this user's boards first so nothing they hold is written back after the wipe.
      for (const b of openBoards()) if (b.userId === user?.id) b.close();
      const reached = await api.request('POST', '/api/auth/logout', { noRefresh: true }).then(
        () => true,
        (err: unknown) => !(err instanceof NetworkError),
      );
      setLogoutPending(deviceStorage(), !reached);
      get().forgetHere();
    },
    forgetHere: () => {
      const storage = deviceStorage();
      const user = get().user;
      for (const b of openBoards()) if (b.userId === user?.id) b.close();
      if (user) clearUserData(storage, user.id);
      clearProfile(storage);
      api.setAccessToken(null);
      set({ status: 'anonymous', user: null, teams: [], confirmed: false });
    },
    reloadTeams: async () => {
      set({ teams: await fetchAllTeams((path) => api.request<TeamsPage<TeamWithRole>>('GET', path)) });
      remember();
    },
    setUser: (user) => {
      set({ user });
      remember();
    },
    setRole: (teamId, role) => {
      set({ teams: get().teams.map((t) => (t.id === teamId ? { ...t, role } : t)) });
      remember();
    },
  };
});

/** How many changes the signed-in user has on this device that the server has not confirmed. */
export const unsyncedChanges = (): number => {
  const user = useSession.getState().user;
  return user ? unsyncedBoards(deviceStorage(), user.id).reduce((n, b) => n + b.count, 0) : 0;
};

/** One attempt to send the signed-in user's unsynced changes; answers how many are still waiting. */
export const syncUnsynced = (): Promise<number> => {
  const user = useSession.getState().user;
  return user ? syncPending({ api, storage: deviceStorage(), userId: user.id }) : Promise.resolve(0);
};

/** A message for a failed request, fit to show the user. */
export const messageOf = (err: unknown): string =>
  err instanceof ApiError
    ? err.message
    : err instanceof NetworkError
      ? 'You appear to be offline. Try again when the connection is back.'
      : 'Something went wrong.';
