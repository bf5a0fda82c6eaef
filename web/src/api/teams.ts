import type { Role } from '../../../src/domain/roles';

/** A member as `GET /api/teams/:teamId/members` lists them. */
export interface MemberRow {
  readonly userId: string;
  readonly role: Role;
  readonly addedAt: string;
  readonly user: { readonly id: string; readonly email: string; readonly name: string };
}

/** A pending invitation as the team's owners and admins see it. */
export interface TeamInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: { readonly id: string; readonly name: string };
  readonly expiresAt: string;
}

/** An invitation addressed to the signed-in user. */
export interface MyInvitation {
  readonly id: string;
  readonly team: { readonly id: string; readonly name: string };
  readonly role: Role;
  readonly invitedBy: { readonly id: string; readonly name: string };
}

/**
 * Where the accept-by-link page keeps a token while its visitor signs in or signs up first; the teams
 * page picks it up afterwards and sends them back to accept. Session storage: gone with the tab.
 */
const PENDING_TOKEN_KEY = 'boardroom.pendingInvitationToken';

export const pendingInvitationToken = {
  save: (token: string) => sessionStorage.setItem(PENDING_TOKEN_KEY, token),
  take: (): string | null => {
    const token = sessionStorage.getItem(PENDING_TOKEN_KEY);
    sessionStorage.removeItem(PENDING_TOKEN_KEY);
    return token;
  },
};

/** One page of `GET /api/teams`. */
export interface TeamsPage<T> {
  readonly teams: readonly T[];
  readonly nextCursor: string | null;
}

/** Every team of the user: the server pages its answer, so follow `nextCursor` to the last page. */
export const fetchAllTeams = async <T>(get: (path: string) => Promise<TeamsPage<T>>): Promise<T[]> => {
  const teams: T[] = [];
  let cursor: string | null = null;
  do {
    const page: TeamsPage<T> = await get(
      cursor === null ? '/api/teams' : `/api/teams?cursor=${encodeURIComponent(cursor)}`,
    );
    teams.push(...page.teams);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return teams;
};
