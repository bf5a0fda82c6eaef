import type { Actor, Application } from '../../../src/application/api';
import type { Role } from '../../../src/domain';
import {
  email,
  fails,
  inviteAndAccept,
  joinAs,
  ok,
  quickApp,
  signUp,
  teamWithBoard,
  title,
  type TeamWorld,
} from './fixtures';

type Who = Role | 'non-member';

/** One attempt per kind of right: read the board, write a card, manage the board. */
const attempts = {
  read: (app: Application, actor: Actor, w: TeamWorld) => app.boards.get(actor, w.teamId, w.boardId)(),
  write: async (app: Application, actor: Actor, w: TeamWorld) => {
    const [list] = (await ok(app.boards.get(w.owner, w.teamId, w.boardId))).lists;
    return app.cards.create(actor, w.teamId, w.boardId, { listId: list!.id, title: title('A card') }, null)();
  },
  manage: (app: Application, actor: Actor, w: TeamWorld) =>
    app.boards.update(actor, w.teamId, w.boardId, { title: title('Renamed') }, null)(),
};

const expected: Record<Who, Record<keyof typeof attempts, 'ok' | 'forbidden' | 'not_found'>> = {
  owner: { read: 'ok', write: 'ok', manage: 'ok' },
  admin: { read: 'ok', write: 'ok', manage: 'ok' },
  member: { read: 'ok', write: 'ok', manage: 'forbidden' },
  viewer: { read: 'ok', write: 'forbidden', manage: 'forbidden' },
  'non-member': { read: 'not_found', write: 'not_found', manage: 'not_found' },
};

const setUp = async (who: Who) => {
  const { app } = quickApp();
  const world = await teamWithBoard(app);
  await ok(app.lists.create(world.owner, world.teamId, world.boardId, { title: title('To Do') }, null));
  const actor =
    who === 'owner'
      ? world.owner
      : who === 'non-member'
        ? await signUp(app, 'Mallory')
        : await joinAs(app, world, 'Bob', who);
  return { app, world, actor };
};

describe('authorization at use-case level', () => {
  const cases = Object.entries(expected).flatMap(([who, outcomes]) =>
    Object.entries(outcomes).map(([action, outcome]) => ({
      who: who as Who,
      action: action as keyof typeof attempts,
      outcome,
    })),
  );

  it.each(cases)('a $who trying to $action the board gets $outcome', async ({ who, action, outcome }) => {
    const { app, world, actor } = await setUp(who);
    const result = await attempts[action](app, actor, world);
    expect(result._tag === 'Right' ? 'ok' : result.left.kind).toBe(outcome);
  });

  it('a member of team A asking for a board of team B by id gets not found, as for a missing board', async () => {
    const { app } = quickApp();
    const a = await teamWithBoard(app);
    const bob = await signUp(app, 'Bob');
    const teamB = await ok(app.teams.create(bob, { name: title('Beta') }));
    const boardB = await ok(app.boards.create(bob, teamB.id, { title: title('Secret') }, null));
    const viaOwnTeam = await fails(app.boards.get(a.owner, a.teamId, boardB.value.id));
    const viaOtherTeam = await fails(app.boards.get(a.owner, teamB.id, boardB.value.id));
    expect(viaOwnTeam.kind).toBe('not_found');
    expect(viaOtherTeam).toMatchObject({ kind: 'not_found', message: 'Team not found' });
  });

  it('a card of another board cannot be moved into this board', async () => {
    const { app } = quickApp();
    const w = await teamWithBoard(app);
    const other = await ok(app.boards.create(w.owner, w.teamId, { title: title('Other') }, null));
    const here = await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('Here') }, null));
    const there = await ok(app.lists.create(w.owner, w.teamId, other.value.id, { title: title('There') }, null));
    const card = await ok(
      app.cards.create(w.owner, w.teamId, other.value.id, { listId: there.value.id, title: title('X') }, null),
    );
    const error = await fails(
      app.cards.move(w.owner, w.teamId, w.boardId, card.value.id, { toListId: here.value.id }, null),
    );
    expect(error.kind).toBe('not_found');
  });

  it('an admin can invite members but cannot invite an owner; an owner can', async () => {
    const { app } = quickApp();
    const w = await teamWithBoard(app);
    const admin = await joinAs(app, w, 'Bob', 'admin');
    const carol = await signUp(app, 'Carol');
    const byAdmin = await fails(
      app.invitations.invite(admin, w.teamId, { email: email('carol@example.com'), role: 'owner' }),
    );
    expect(byAdmin).toMatchObject({ kind: 'forbidden', code: 'cannot_grant' });
    await inviteAndAccept(app, w.owner, w.teamId, carol, 'Carol', 'owner');
    expect(await ok(app.teams.listMembers(w.owner, w.teamId))).toContainEqual(
      expect.objectContaining({ role: 'owner', user: expect.objectContaining({ name: 'Carol' }) }),
    );
  });

  it('a member cannot invite anyone', async () => {
    const { app } = quickApp();
    const w = await teamWithBoard(app);
    const member = await joinAs(app, w, 'Bob', 'member');
    await signUp(app, 'Carol');
    const error = await fails(
      app.invitations.invite(member, w.teamId, { email: email('carol@example.com'), role: 'viewer' }),
    );
    expect(error.kind).toBe('forbidden');
  });

  it('the last owner cannot leave, but a member can', async () => {
    const { app } = quickApp();
    const w = await teamWithBoard(app);
    const member = await joinAs(app, w, 'Bob', 'member');
    const error = await fails(app.teams.leave(w.owner, w.teamId));
    expect(error).toMatchObject({ kind: 'conflict', code: 'last_owner' });
    await ok(app.teams.leave(member, w.teamId));
    expect((await ok(app.teams.list(member, { limit: 10 }))).teams).toEqual([]);
  });

  it('inviting someone who is already a member is a conflict', async () => {
    const { app } = quickApp();
    const w = await teamWithBoard(app);
    await joinAs(app, w, 'Bob', 'member');
    const error = await fails(
      app.invitations.invite(w.owner, w.teamId, { email: email('bob@example.com'), role: 'viewer' }),
    );
    expect(error).toMatchObject({ kind: 'conflict', code: 'already_member' });
  });
});
