import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { InvitationRef, InvitationRepository } from '../../application/ports';
import {
  conflict,
  invitationProblem,
  type AppError,
  type Invitation,
  type InvitationId,
  type Member,
  type TeamId,
  type UserId,
} from '../../domain';
import { frozenCopy } from './freeze';
import type { MemoryTeamRepository } from './team.repository';

const unavailable = conflict('This invitation is no longer open', 'invitation_unavailable');

const oldestFirst = (a: Invitation, b: Invitation): number => (a.createdAt < b.createdAt ? -1 : 1);

/**
 * Invitations in a Map. Accepting writes the membership into the team repository it was built with,
 * synchronously, so the invitation and the membership change together as they do in one Postgres
 * transaction.
 */
export class MemoryInvitationRepository implements InvitationRepository {
  private readonly invitations = new Map<InvitationId, Invitation>();

  constructor(private readonly teams: MemoryTeamRepository) {}

  readonly upsertPending =
    (invitation: Invitation): TaskEither<AppError, Invitation> =>
    async () => {
      const pending = [...this.invitations.values()].find(
        (i) => i.status === 'pending' && i.teamId === invitation.teamId && i.email === invitation.email,
      );
      const stored = frozenCopy({ ...invitation, id: pending?.id ?? invitation.id });
      this.invitations.set(stored.id, stored);
      return E.right(stored);
    };

  readonly findById =
    (id: InvitationId): TaskEither<AppError, O.Option<Invitation>> =>
    async () =>
      E.right(O.fromNullable(this.invitations.get(id)));

  readonly findByTokenHash =
    (tokenHash: string): TaskEither<AppError, O.Option<Invitation>> =>
    async () =>
      E.right(O.fromNullable([...this.invitations.values()].find((i) => i.tokenHash === tokenHash)));

  readonly listPendingForTeam =
    (teamId: TeamId, now: Date): TaskEither<AppError, readonly Invitation[]> =>
    async () =>
      E.right(this.open(now).filter((i) => i.teamId === teamId));

  readonly listPendingForEmail =
    (email: string, now: Date): TaskEither<AppError, readonly Invitation[]> =>
    async () =>
      E.right(this.open(now).filter((i) => i.email === email));

  readonly close =
    (ref: InvitationRef, status: 'declined' | 'revoked'): TaskEither<AppError, void> =>
    async () => {
      const current = this.current(ref);
      if (!current) return E.left(unavailable);
      this.invitations.set(current.id, frozenCopy({ ...current, status }));
      return E.right(undefined);
    };

  readonly accept =
    (ref: InvitationRef, userId: UserId, now: Date): TaskEither<AppError, Member> =>
    async () => {
      const current = this.current(ref);
      if (!current || invitationProblem(current, now) !== null) return E.left(unavailable);
      const member = { teamId: current.teamId, userId, role: current.role, addedAt: now.toISOString() };
      const joined = this.teams.join(member, true);
      if (E.isRight(joined)) this.invitations.set(current.id, frozenCopy({ ...current, status: 'accepted' as const }));
      return joined;
    };

  /** The invitation if it is still pending with the token it was read with. */
  private current(ref: InvitationRef): Invitation | undefined {
    const current = this.invitations.get(ref.id);
    return current?.status === 'pending' && current.tokenHash === ref.tokenHash ? current : undefined;
  }

  private open(now: Date): Invitation[] {
    return [...this.invitations.values()].filter((i) => invitationProblem(i, now) === null).sort(oldestFirst);
  }
}
