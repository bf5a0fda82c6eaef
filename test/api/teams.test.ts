import request from 'supertest';
import {
  addMember,
  bearer,
  createCard,
  createTeam,
  expectError,
  seedBoard,
  signUp,
  signUpAll,
  startServer,
  type TestUser,
} from './helpers';

describe('teams, members and the role matrix', () => {
  const { http } = startServer();
  let owner: TestUser;
  let admin: TestUser;
  let member: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;
  let teamId: string;
  let otherTeamId: string;
  let board: { boardId: string; url: string };
  let listId: string;
  let cardId: string;

  beforeAll(async () => {
    [owner, admin, member, viewer, outsider] = await signUpAll(http, 'Olga', 'Adam', 'Mina', 'Vera', 'Otto');
    otherTeamId = await createTeam(http, outsider, 'Rival');
    ({ teamId, board, listId } = await seedBoard(http, owner, {
      team: 'Acme',
      members: [
        [admin, 'admin'],
        [member, 'member'],
        [viewer, 'viewer'],
      ],
      board: 'Launch',
    }));
    cardId = await createCard(http, owner, board.url, listId, 'Write the press release');
  });

  it('creating a team answers 201 with the team, and the creator lists it as owner', async () => {
    const user = await signUp(http, 'Tess');
    const created = await request(http).post('/api/teams').set(bearer(user)).send({ name: 'Tess Inc' });
    const listed = await request(http).get('/api/teams').set(bearer(user));

    expect(created.status).toBe(201);
    expect(created.body.team).toMatchObject({ id: expect.any(String), name: 'Tess Inc' });
    expect(listed.body.teams).toEqual([expect.objectContaining({ id: created.body.team.id, role: 'owner' })]);
    expect(listed.body.nextCursor).toBeNull();
  });

  it('adding a member invites them: 201 with a pending invitation, and they are not a member yet', async () => {
    const newcomer = await signUp(http, 'Ravi');
    const res = await request(http)
      .post(`/api/teams/${teamId}/members`)
      .set(bearer(admin))
      .send({ email: newcomer.email, role: 'member' });
    const members = await request(http).get(`/api/teams/${teamId}/members`).set(bearer(admin));

    expect(res.status).toBe(201);
    expect(res.body.invitation).toMatchObject({ teamId, email: newcomer.email, role: 'member' });
    expect(members.body.members.map((m: { userId: string }) => m.userId)).not.toContain(newcomer.id);
    expectError(await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(newcomer)), 404);
  });

  it('the member list shows everyone with their role, oldest first', async () => {
    const res = await request(http).get(`/api/teams/${teamId}/members`).set(bearer(viewer));

    expect(res.status).toBe(200);
    expect(res.body.members.map((m: { user: { name: string }; role: string }) => [m.user.name, m.role])).toEqual([
      ['Olga', 'owner'],
      ['Adam', 'admin'],
      ['Mina', 'member'],
      ['Vera', 'viewer'],
    ]);
  });

  it('inviting an address without an account is fine, but inviting a member is a conflict', async () => {
    const unknown = await request(http)
      .post(`/api/teams/${teamId}/members`)
      .set(bearer(owner))
      .send({ email: 'nobody@example.com', role: 'member' });
    const twice = await request(http)
      .post(`/api/teams/${teamId}/members`)
      .set(bearer(owner))
      .send({ email: member.email, role: 'viewer' });

    expect(unknown.status).toBe(201);
    expectError(twice, 409, 'already_member');
  });

  it('an admin cannot make someone an owner', async () => {
    const newcomer = await signUp(http, 'Nora');
    const res = await request(http)
      .post(`/api/teams/${teamId}/members`)
      .set(bearer(admin))
      .send({ email: newcomer.email, role: 'owner' });

    expectError(res, 403);
  });

  it('a removed member answers 204 and then sees the team as not found', async () => {
    const leaver = await signUp(http, 'Lars');
    await addMember(http, owner, teamId, leaver, 'member');
    const removed = await request(http).delete(`/api/teams/${teamId}/members/${leaver.id}`).set(bearer(admin));

    expect(removed.status).toBe(204);
    expectError(await request(http).get(`/api/teams/${teamId}/boards`).set(bearer(leaver)), 404);
  });

  it('a viewer can read everything but every write is 403', async () => {
    const reads = await Promise.all(
      [
        `/api/teams/${teamId}/boards`,
        board.url,
        `${board.url}/activity`,
        `${board.url}/events`,
        `${board.url}/export`,
        `${board.url}/cards/${cardId}/comments`,
      ].map((url) => request(http).get(url).set(bearer(viewer))),
    );
    expect(reads.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);

    const writes = [
      request(http).post(`/api/teams/${teamId}/boards`).send({ title: 'Mine' }),
      request(http).patch(board.url).send({ title: 'Renamed' }),
      request(http).post(`${board.url}/lists`).send({ title: 'Doing' }),
      request(http).patch(`${board.url}/lists/${listId}`).send({ title: 'Renamed' }),
      request(http).post(`${board.url}/lists/${listId}/move`).send({}),
      request(http).delete(`${board.url}/lists/${listId}`),
      request(http).post(`${board.url}/cards`).send({ listId, title: 'Sneaky' }),
      request(http).patch(`${board.url}/cards/${cardId}`).send({ title: 'Sneaky' }),
      request(http).post(`${board.url}/cards/${cardId}/move`).send({ toListId: listId }),
      request(http).delete(`${board.url}/cards/${cardId}`),
      request(http).post(`${board.url}/cards/${cardId}/comments`).send({ body: 'hi' }),
      request(http).post(`/api/teams/${teamId}/members`).send({ email: outsider.email, role: 'viewer' }),
      request(http).delete(`/api/teams/${teamId}/members/${member.id}`),
    ];
    const answers = await Promise.all(writes.map((w) => w.set(bearer(viewer))));
    for (const res of answers) expectError(res, 403);
  });

  it('a member writes cards but cannot manage the board or the members', async () => {
    const card = await request(http)
      .post(`${board.url}/cards`)
      .set(bearer(member))
      .send({ listId, title: 'Draft FAQ' });
    const rename = await request(http).patch(board.url).set(bearer(member)).send({ title: 'Mine now' });
    const invite = await request(http)
      .post(`/api/teams/${teamId}/members`)
      .set(bearer(member))
      .send({ email: outsider.email, role: 'viewer' });

    expect(card.status).toBe(201);
    expectError(rename, 403);
    expectError(invite, 403);
  });

  it('a member of another team gets 404 for anything of this team', async () => {
    const attempts = [
      request(http).get(`/api/teams/${teamId}/boards`),
      request(http).get(board.url),
      request(http).post(`${board.url}/cards`).send({ listId, title: 'Hijack' }),
      request(http).get(`${board.url}/cards/${cardId}/comments`),
      request(http).get(`${board.url}/activity`),
      request(http).get(`${board.url}/events`),
      request(http).get(`${board.url}/export`),
      request(http).get(`/api/teams/${teamId}/members`),
      request(http).post(`/api/teams/${teamId}/members`).send({ email: outsider.email, role: 'owner' }),
    ];
    const answers = await Promise.all(attempts.map((a) => a.set(bearer(outsider))));
    for (const res of answers) expectError(res, 404);
  });

  it("a board of this team asked for under the outsider's own team is not found", async () => {
    const res = await request(http).get(`/api/teams/${otherTeamId}/boards/${board.boardId}`).set(bearer(outsider));
    const write = await request(http)
      .post(`/api/teams/${otherTeamId}/boards/${board.boardId}/lists`)
      .set(bearer(outsider))
      .send({ title: 'Smuggled' });

    expectError(res, 404);
    expectError(write, 404);
  });

  it('an anonymous caller gets 401 on every team route', async () => {
    const answers = await Promise.all([
      request(http).get('/api/teams'),
      request(http).post('/api/teams').send({ name: 'Anon' }),
      request(http).get(board.url),
      request(http).post(`${board.url}/cards`).send({ listId, title: 'Anon' }),
    ]);
    for (const res of answers) expectError(res, 401);
  });
});
