import type { KeyValueStorage } from '../sync/storage';

/**
 * What this device remembers about the last signed-in user so the app can open offline: who it was
 * (to pick their copy of the boards) and their teams with roles. Never a token: the refresh token
 * stays in its HttpOnly cookie, and nothing is sent until the server confirms the same user.
 */
export interface StoredProfile<U, T> {
  readonly user: U;
  readonly teams: readonly T[];
}

const PROFILE = 'boardroom:v2:profile';
/** Set when a logout could not reach the server: the refresh cookie may still be valid. */
const LOGOUT_PENDING = 'boardroom:v2:logout-pending';

export const saveProfile = <U, T>(storage: KeyValueStorage, profile: StoredProfile<U, T>): void => {
  try {
    storage.setItem(PROFILE, JSON.stringify(profile));
  } catch {
    // Storage full or disabled: the app still works online, it just cannot open offline.
  }
};

export const loadProfile = <U extends { id: string }, T>(storage: KeyValueStorage): StoredProfile<U, T> | null => {
  try {
    const raw = storage.getItem(PROFILE);
    const value = raw === null ? null : (JSON.parse(raw) as Partial<StoredProfile<U, T>>);
    if (!value?.user || typeof value.user.id !== 'string' || !Array.isArray(value.teams)) return null;
    return { user: value.user, teams: value.teams };
  } catch {
    return null;
  }
};

export const clearProfile = (storage: KeyValueStorage): void => storage.removeItem(PROFILE);

export const setLogoutPending = (storage: KeyValueStorage, pending: boolean): void => {
  if (pending) storage.setItem(LOGOUT_PENDING, '1');
  else storage.removeItem(LOGOUT_PENDING);
};

export const isLogoutPending = (storage: KeyValueStorage): boolean => storage.getItem(LOGOUT_PENDING) !== null;
