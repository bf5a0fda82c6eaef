import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Credentials, PasswordResetRecord, ProfilePatch, UserRepository } from '../../application/ports';
import {
  conflict,
  normalizeEmail,
  notFound,
  planAccountDeletion,
  type AccountDeletion,
  type AppError,
  type NotificationSettings,
  type TeamOfLeavingUser,
  type User,
  type UserId,
} from '../../domain';
import { frozenCopy } from './freeze';
import type { MemoryTeamRepository } from './team.repository';

const emailTaken = () => conflict('This email is already registered', 'email_taken');

/**
 * Users, credentials and reset links in Maps; emails are unique after normalization. Memberships live in
 * the team repository of the same catalog, passed in so deleting an account can leave its teams.
 */
export class MemoryUserRepository implements UserRepository {
  private readonly byId = new Map<UserId, Credentials>();
  private readonly idByEmail = new Map<string, UserId>();
  private readonly resets = new Map<string, PasswordResetRecord>();

  constructor(private readonly teams?: MemoryTeamRepository) {}

  readonly create =
    (user: User, passwordHash: string): TaskEither<AppError, User> =>
    async () => {
      const email = normalizeEmail(user.email);
      if (this.idByEmail.has(email)) return E.left(emailTaken());
      const stored = frozenCopy({ user: { ...user, email }, passwordHash });
      this.byId.set(user.id, stored);
      this.idByEmail.set(email, user.id);
      return E.right(stored.user);
    };

  readonly findByEmail =
    (email: string): TaskEither<AppError, O.Option<Credentials>> =>
    async () => {
      const id = this.idByEmail.get(normalizeEmail(email));
      return E.right(O.fromNullable(id === undefined ? undefined : this.byId.get(id)));
    };

  readonly findById =
    (id: UserId): TaskEither<AppError, O.Option<User>> =>
    async () =>
      E.right(O.fromNullable(this.byId.get(id)?.user));

  readonly findMany =
    (ids: readonly UserId[]): TaskEither<AppError, readonly User[]> =>
    async () =>
      E.right([...new Set(ids)].flatMap((id) => this.byId.get(id)?.user ?? []));

  readonly updateSettings =
    (id: UserId, settings: NotificationSettings): TaskEither<AppError, User> =>
    async () => {
      const current = this.byId.get(id);
      if (!current) return E.left(notFound('User'));
      const stored = frozenCopy({ ...current, user: { ...current.user, settings } });
      this.byId.set(id, stored);
      return E.right(stored.user);
    };

  readonly updatePasswordHash =
    (id: UserId, passwordHash: string): TaskEither<AppError, void> =>
    async () => {
      const current = this.byId.get(id);
      if (!current) return E.left(notFound('User'));
      this.byId.set(id, frozenCopy({ ...current, passwordHash }));
      return E.right(undefined);
    };

  readonly updateProfile =
    (id: UserId, patch: ProfilePatch): TaskEither<AppError, User> =>
    async () => {
      const current = this.byId.get(id);
      if (!current) return E.left(notFound('User'));
      const email = patch.email === undefined ? current.user.email : normalizeEmail(patch.email);
      const holder = this.idByEmail.get(email);
      if (holder !== undefined && holder !== id) return E.left(emailTaken());
      const user = { ...current.user, email, ...(patch.name !== undefined && { name: patch.name }) };
      this.idByEmail.delete(current.user.email);
      this.idByEmail.set(email, id);
      const stored = frozenCopy({ ...current, user });
      this.byId.set(id, stored);
      return E.right(stored.user);
    };

  readonly deleteAccount =
    (id: UserId): TaskEither<AppError, AccountDeletion> =>
    async () => {
      const current = this.byId.get(id);
      if (!current) return E.left(notFound('User'));
      const teams = await this.teamsOf(id);
      if (E.isLeft(teams)) return teams;
      const plan = planAccountDeletion(id, teams.right);
      if (E.isLeft(plan)) return plan;
      for (const teamId of [...plan.right.leave, ...plan.right.delete]) this.teams?.dropMember(teamId, id);
      this.byId.delete(id);
      this.idByEmail.delete(current.user.email);
      for (const [hash, reset] of this.resets) if (reset.userId === id) this.resets.delete(hash);
      return plan;
    };

  /** The user's teams with all their members, through the team repository's port. */
  private readonly teamsOf = async (id: UserId): Promise<E.Either<AppError, TeamOfLeavingUser[]>> => {
    if (!this.teams) return E.right([]);
    // Every team, not a page: an account leaves all of them.
    const memberships = await this.teams.listForUser(id, { limit: Number.MAX_SAFE_INTEGER })();
    if (E.isLeft(memberships)) return memberships;
    const out: TeamOfLeavingUser[] = [];
    for (const { team } of memberships.right.teams) {
      const members = await this.teams.listMembers(team.id)();
      if (E.isLeft(members)) return members;
      out.push({ team, members: members.right });
    }
    return E.right(out);
  };

  readonly savePasswordReset =
    (reset: PasswordResetRecord): TaskEither<AppError, void> =>
    async () => {
      this.resets.set(reset.tokenHash, frozenCopy(reset));
      return E.right(undefined);
    };

  readonly findPasswordReset =
    (tokenHash: string): TaskEither<AppError, O.Option<PasswordResetRecord>> =>
    async () =>
      E.right(O.fromNullable(this.resets.get(tokenHash)));

  readonly spendPasswordReset =
    (tokenHash: string, passwordHash: string, now: Date): TaskEither<AppError, O.Option<UserId>> =>
    async () => {
      const reset = this.resets.get(tokenHash);
      const holder = reset && this.byId.get(reset.userId);
      if (!reset || !holder || reset.usedAt !== null || reset.expiresAt <= now || holder.user.email !== reset.email) {
        return E.right(O.none);
      }
      for (const [hash, other] of this.resets) {
        if (other.userId === reset.userId && other.usedAt === null) this.resets.set(hash, { ...other, usedAt: now });
      }
      this.byId.set(reset.userId, frozenCopy({ ...holder, passwordHash }));
      return E.right(O.some(reset.userId));
    };
}
