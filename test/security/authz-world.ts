import sharp from 'sharp';
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import type { RateLimits } from '../../src/application/rate-limits';
import type { Role } from '../../src/domain';
import {
  addMember,
  bearer,
  createBoard,
  createCard,
  createList,
  createTeam,
  invite,
  PASSWORD,
  signUp,
  startServer,
  type TestUser,
} from '../api/helpers';
import { cheapHasher } from '../unit/application/fixtures';

/** Who calls: a member of the team in each role, a member of another team only, or nobody. */
export const PRINCIPALS = ['owner', 'admin', 'member', 'viewer', 'other team', 'anonymous'] as const;
export type Principal = (typeof PRINCIPALS)[number];

/** Strings only the team's members may ever see; none of them may appear in an answer to anyone else. */
export const SECRET_MARK = 'secret-e1b4';

/**
 * A team with a member in each role, one board with a list, a card and a comment, a further member to
 * remove, a signed-up user to add, and an outsider who owns a team of their own.
 */
export interface World {
  readonly http: Express;
  readonly users: Record<Exclude<Principal, 'anonymous'>, TestUser>;
  readonly newcomer: TestUser;
  readonly ids: {
    teamId: string;
    boardId: string;
    listId: string;
    cardId: string;
    userId: string;
    invitationId: string;
    labelId: string;
    /** The label's name: a label is taken off a card by name. */
    label: string;
    checklistId: string;
    itemId: string;
    commentId: string;
    /** A label of the board that is not on the card. */
    spareLabelId: string;
    attachmentId: string;
  };
  /** The token mailed with the newcomer's pending invitation. */
  readonly invitationToken: string;
}

export const buildWorld = async (opts: { rateLimits?: Partial<RateLimits> } = {}): Promise<World> => {
  const { http, mailer } = startServer({ passwords: cheapHasher(), ...opts });
  const owner = await signUp(http, 'Owner');
  const teamId = await createTeam(http, owner, `Team ${SECRET_MARK}`);
  // A second owner, so that the owner principal may leave like everyone else.
  await addMember(http, owner, teamId, await signUp(http, 'Co-owner'), 'owner');
  const users = { owner } as Record<Exclude<Principal, 'anonymous'>, TestUser>;
  for (const role of ['admin', 'member', 'viewer'] as const satisfies readonly Role[]) {
    users[role] = await signUp(http, role);
    await addMember(http, owner, teamId, users[role], role);
  }
  const target = await signUp(http, 'Target');
  await addMember(http, owner, teamId, target, 'member');
  users['other team'] = await signUp(http, 'Outsider');
  await createTeam(http, users['other team'], 'Elsewhere');
  const newcomer = await signUp(http, 'Newcomer');
  const invitationId = await invite(http, owner, teamId, newcomer.email, 'member');
  const token = mailer.sent[mailer.sent.length - 1]?.text.match(/token=([\w-]+)/)?.[1];
  if (!token) throw new Error('no invitation token was mailed');
  const board = await createBoard(http, owner, teamId, `Board ${SECRET_MARK}`);
  const listId = await createList(http, owner, board.url, `List ${SECRET_MARK}`);
  const cardId = await createCard(http, owner, board.url, listId, `Card ${SECRET_MARK}`);
  const comment = await request(http)
    .post(`${board.url}/cards/${cardId}/comments`)
    .set(bearer(owner))
    .send({ body: `Comment ${SECRET_MARK}` });
  if (comment.status !== 201) throw new Error(`comment failed: ${comment.status}`);
  const cardModel = await cardModelOf(http, owner, `${board.url}/cards/${cardId}`, board.url, target.id);
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const attached = await request(http)
    .post(`${board.url}/cards/${cardId}/attachments`)
    .set(bearer(owner))
    .attach('file', image, { filename: `${SECRET_MARK}.png` });
  if (attached.status !== 201) throw new Error(`attaching failed: ${attached.status}`);
  const attachmentId = attached.body.attachment.id as string;
  return {
    http,
    users,
    newcomer,
    ids: {
      teamId,
      boardId: board.boardId,
      listId,
      cardId,
      userId: target.id,
      invitationId,
      commentId: comment.body.comment.id,
      ...cardModel,
      attachmentId,
    },
    invitationToken: token,
  };
};

/** A label on the card, the target member assigned to it, and a checklist with one item. */
const cardModelOf = async (http: Express, owner: TestUser, cardUrl: string, boardUrl: string, targetId: string) => {
  const ok = async (res: Promise<request.Response>) => {
    const answer = await res;
    if (answer.status >= 300) throw new Error(`world set-up failed: ${answer.status} ${answer.text}`);
    return answer.body;
  };
  const label = 'Urgent';
  const { label: created } = await ok(
    request(http).post(`${boardUrl}/labels`).set(bearer(owner)).send({ name: label }),
  );
  await ok(request(http).post(`${cardUrl}/labels`).set(bearer(owner)).send({ labelId: created.id }));
  const spare = await ok(request(http).post(`${boardUrl}/labels`).set(bearer(owner)).send({ name: 'Later' }));
  await ok(request(http).post(`${cardUrl}/members`).set(bearer(owner)).send({ userId: targetId }));
  const { card } = await ok(request(http).post(`${cardUrl}/checklists`).set(bearer(owner)).send({ title: 'Steps' }));
  const checklistId = card.checklists[0].id as string;
  const withItem = await ok(
    request(http).post(`${cardUrl}/checklists/${checklistId}/items`).set(bearer(owner)).send({ title: 'One' }),
  );
  return {
    labelId: created.id as string,
    spareLabelId: spare.label.id as string,
    label,
    checklistId,
    itemId: withItem.card.checklists[0].items[0].id as string,
  };
};

/** A valid body for each documented request schema, so a refusal can only come from authorization. */
export const bodyFor = (schema: string | undefined, world: World): object | undefined => {
  const { ids, users, invitationToken } = world;
  const bodies: Record<string, object> = {
    SignUp: { email: `new-${randomUUID().slice(0, 8)}@example.com`, password: PASSWORD, name: 'New' },
    LogIn: { email: users.owner.email, password: PASSWORD },
    Settings: { dailyDigest: true },
    UpdateMe: { name: 'Renamed' },
    DeleteMe: { currentPassword: PASSWORD },
    PasswordReset: { email: `reset-${randomUUID().slice(0, 8)}@example.com` },
    PasswordResetConfirm: { token: 'a'.repeat(43), newPassword: 'another long passphrase' },
    ChangePassword: { currentPassword: PASSWORD, newPassword: 'another long passphrase' },
    CreateTeam: { name: 'Another team' },
    AddMember: { email: `invitee-${randomUUID().slice(0, 8)}@example.com`, role: 'member' },
    ChangeRole: { role: 'viewer' },
    AcceptInvitation: { token: invitationToken },
    ReadNotifications: { all: true },
    CreateBoard: { title: 'New board' },
    UpdateBoard: { title: 'Renamed board' },
    CreateList: { title: 'New list' },
    UpdateList: { title: 'Renamed list' },
    MoveList: {},
    CreateCard: { listId: ids.listId, title: 'New card' },
    UpdateCard: { title: 'Renamed card' },
    MoveCard: { toListId: ids.listId },
    CreateComment: { body: 'A new comment' },
    CommentUpdateBody: { body: 'Edited comment' },
    LabelCreateBody: { name: 'New label', color: 'blue' },
    LabelUpdateBody: { color: 'green' },
    CardLabelAddBody: { labelId: ids.spareLabelId },
    CardMemberAddBody: { userId: users.member.id },
    ChecklistCreateBody: { title: 'Another checklist' },
    ChecklistUpdateBody: { title: 'Renamed checklist' },
    ChecklistItemCreateBody: { title: 'Another item' },
    ChecklistItemUpdateBody: { done: true },
    ChecklistItemMoveBody: {},
  };
  if (schema === undefined) return undefined;
  const body = bodies[schema];
  if (!body) throw new Error(`no sample body for ${schema}: add one`);
  return body;
};

/** The concrete URL of a documented path in this world. */
export const urlOf = (path: string, world: World): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = (world.ids as Record<string, string>)[name];
    if (id === undefined) throw new Error(`no id for {${name}}`);
    return id;
  });

/** The smallest Boardroom export: a board with no lists (each principal's differs, so none is a duplicate). */
const boardroomExport = (principal: string) => ({
  exportedAt: new Date().toISOString(),
  seq: 1,
  board: { title: `Copy for ${principal}`, labels: [] },
  lists: [],
  cards: [],
});

/** Sends `method url` as the principal, with `body` as JSON when given. */
export const send = (world: World, principal: Principal, method: string, url: string, body?: object) => {
  const req = request(world.http)[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
  if (principal !== 'anonymous') req.set(bearer(world.users[principal]));
  // Uploads are multipart: a file, never a JSON body.
  if (method === 'POST' && url.endsWith('/attachments')) return req.attach('file', Buffer.from('notes\n'), 'notes.txt');
  // Imports are multipart too: a small export of the kind the route takes (each principal's own board).
  if (method === 'POST' && url.endsWith('/imports/trello'))
    return req.attach(
      'file',
      Buffer.from(JSON.stringify({ id: `t-${principal}`, name: 'T', lists: [], cards: [] })),
      'trello.json',
    );
  if (method === 'POST' && url.endsWith('/imports/boardroom'))
    return req.attach('file', Buffer.from(JSON.stringify(boardroomExport(principal))), 'board.json');
  return body === undefined ? req : req.send(body);
};
