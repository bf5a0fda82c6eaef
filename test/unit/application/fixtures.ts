import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Actor, Application } from '../../../src/application/api';
import { Argon2PasswordHasher } from '../../../src/adapters/security/argon2.password-hasher';
import {
  Email,
  Password,
  PersonName,
  Title,
  type AppError,
  type BoardId,
  type Role,
  type TeamId,
} from '../../../src/domain';
import { buildMemoryApp, type MemoryApp } from '../../support/memory-app';

/** Real argon2id at a low cost, for tests that are not about password hashing. */
export const cheapHasher = () => new Argon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export const quickApp = (): MemoryApp => buildMemoryApp({ passwords: cheapHasher() });

/** The Right value, or a test failure naming the error. */
export const ok = async <T>(te: TaskEither<AppError, T>): Promise<T> => {
  const result = await te();
  if (E.isLeft(result)) throw new Error(`expected success, got ${JSON.stringify(result.left)}`);
  return result.right;
};

/** The Left value, or a test failure naming the unexpected success. */
export const fails = async <T>(te: TaskEither<AppError, T>): Promise<AppError> => {
  const result = await te();
  if (E.isRight(result)) throw new Error(`expected an error, got ${JSON.stringify(result.right)}`);
  return result.left;
};

const decode = <T>(codec: { is: (u: unknown) => u is T }, value: string): T => {
  if (!codec.is(value)) throw new Error(`invalid test value ${value}`);
  return value;
};

export const title = (s: string) => decode(Title, s);
export const email = (s: string) => decode(Email, s);
export const password = (s: string) => decode(Password, s);
export const personName = (s: string) => decode(PersonName, s);

export const signUp = async (app: Application, name: string): Promise<Actor> => {
  const session = await ok(
    app.auth.signUp({
      email: email(`${name.toLowerCase()}@example.com`),
      password: password('correct horse battery'),
      name: personName(name),
    }),
  );
  return { userId: session.user.id };
};

export interface TeamWorld {
  readonly owner: Actor;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
}

/** Alice owns a team with one board. */
export const teamWithBoard = async (app: Application, boardTitle = 'Roadmap'): Promise<TeamWorld> => {
  const owner = await signUp(app, 'Alice');
  const team = await ok(app.teams.create(owner, { name: title('Acme') }));
  const board = await ok(app.boards.create(owner, team.id, { title: title(boardTitle) }, null));
  return { owner, teamId: team.id, boardId: board.value.id };
};

/** `inviter` invites `invitee` (by their sign-up e-mail) to the team and `invitee` accepts. */
export const inviteAndAccept = async (
  app: Application,
  inviter: Actor,
  teamId: TeamId,
  invitee: Actor,
  name: string,
  role: Role,
): Promise<void> => {
  const invitation = await ok(
    app.invitations.invite(inviter, teamId, { email: email(`${name.toLowerCase()}@example.com`), role }),
  );
  await ok(app.invitations.accept(invitee, invitation.id));
};

/** A new user invited to the team with `role`, who accepted. */
export const joinAs = async (app: Application, world: TeamWorld, name: string, role: Role): Promise<Actor> => {
  const actor = await signUp(app, name);
  await inviteAndAccept(app, world.owner, world.teamId, actor, name, role);
  return actor;
};
