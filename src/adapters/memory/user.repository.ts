import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Credentials, UserRepository } from '../../application/ports';
import {
  conflict,
  normalizeEmail,
  notFound,
  type AppError,
  type NotificationSettings,
  type User,
  type UserId,
} from '../../domain';
import { frozenCopy } from './freeze';

/** Users and credentials in Maps; emails are unique after normalization. */
export class MemoryUserRepository implements UserRepository {
  private readonly byId = new Map<UserId, Credentials>();
  private readonly idByEmail = new Map<string, UserId>();

  readonly create =
    (user: User, passwordHash: string): TaskEither<AppError, User> =>
    async () => {
      const email = normalizeEmail(user.email);
      if (this.idByEmail.has(email)) return E.left(conflict('This email is already registered', 'email_taken'));
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
}
