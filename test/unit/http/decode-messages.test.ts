import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import * as codecs from '../../../src/adapters/http/codecs';
import { decode, type Source } from '../../../src/adapters/http/decode';

const UUID = '00000000-0000-4000-8000-000000000001';

/** The message and code a person would see for `value` sent as `source`. */
const refusal = (codec: t.Decoder<unknown, unknown>, source: Source, value: unknown) => {
  const result = decode(codec, source, value);
  if (E.isRight(result)) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
  return { message: result.left.message, code: result.left.code };
};

const messageOf = (codec: t.Decoder<unknown, unknown>, source: Source, value: unknown) =>
  refusal(codec, source, value).message;

describe('decode errors read as messages a person can act on', () => {
  test('a short password is told in words, with the invalid_body code kept', () => {
    expect(refusal(codecs.SignUpBody, 'body', { email: 'a@example.com', password: 'short', name: 'A' })).toEqual({
      message: 'Password must be 8 to 256 characters',
      code: 'invalid_body',
    });
  });

  test.each<[string, t.Decoder<unknown, unknown>, object, string]>([
    [
      'sign-up email',
      codecs.SignUpBody,
      { email: 'nope', password: 'long enough', name: 'A' },
      'Email must be an email address such as name@example.com',
    ],
    [
      'sign-up name',
      codecs.SignUpBody,
      { email: 'a@example.com', password: 'long enough', name: '' },
      'Name must be 1 to 100 characters',
    ],
    ['log-in email', codecs.LogInBody, { email: 1, password: 'x' }, 'Email must be text'],
    ['log-in password', codecs.LogInBody, { email: 'a@example.com' }, 'Password is required'],
    ['current password', codecs.ChangePasswordBody, { newPassword: 'long enough' }, 'Current password is required'],
    [
      'new password',
      codecs.ChangePasswordBody,
      { currentPassword: 'x', newPassword: 'short' },
      'New password must be 8 to 256 characters',
    ],
    [
      'a notification setting',
      codecs.SettingsBody,
      { emailOnMention: 'yes' },
      'Email on mention must be true or false',
    ],
    [
      'another notification setting',
      codecs.SettingsBody,
      { emailOnAssignment: 1 },
      'Email on assignment must be true or false',
    ],
    ['the digest setting', codecs.SettingsBody, { dailyDigest: null }, 'Daily digest must be true or false'],
    [
      'a per-kind e-mail setting',
      codecs.SettingsBody,
      { email: { mentioned: 'no' } },
      'Email on mention must be true or false',
    ],
    [
      'the digest mode',
      codecs.SettingsBody,
      { digest: 'weekly' },
      'Digest must be one of immediately, hourly or daily',
    ],
    ['team name', codecs.CreateTeamBody, { name: 'x'.repeat(201) }, 'Name must be 1 to 200 characters'],
    [
      'member email',
      codecs.AddMemberBody,
      { email: 'bad', role: 'member' },
      'Email must be an email address such as name@example.com',
    ],
    [
      'member role',
      codecs.AddMemberBody,
      { email: 'a@example.com', role: 'boss' },
      'Role must be one of owner, admin, member or viewer',
    ],
    ['board title', codecs.CreateBoardBody, { title: '' }, 'Title must be 1 to 200 characters'],
    ['board id', codecs.CreateBoardBody, { title: 'B', id: 'x' }, 'Id must be a lowercase UUID'],
    ['board archived flag', codecs.UpdateBoardBody, { archived: 'no' }, 'Archived must be true or false'],
    ['list title', codecs.CreateListBody, { title: ' padded ' }, 'Title must not start or end with spaces'],
    [
      'list placement',
      codecs.CreateListBody,
      { title: 'L', afterListId: 'x' },
      'Id of the list before must be a lowercase UUID',
    ],
    ['list placement, other side', codecs.MoveListBody, { beforeListId: 7 }, 'Id of the list after must be text'],
    ['card list', codecs.CreateCardBody, { title: 'C' }, 'List id is required'],
    [
      'card description',
      codecs.CreateCardBody,
      { listId: UUID, title: 'C', description: 'x'.repeat(10_001) },
      'Description must be at most 10,000 characters',
    ],
    [
      'card due date',
      codecs.UpdateCardBody,
      { dueDate: '2025-02-30' },
      'Due date must be a real date written as YYYY-MM-DD, or empty',
    ],
    ['card labels', codecs.UpdateCardBody, { labels: ['a', 'a'] }, 'Labels must be at most 20 different labels'],
    ['card labels of the wrong type', codecs.UpdateCardBody, { labels: 'a,b' }, 'Labels must be a list'],
    ['one card label', codecs.UpdateCardBody, { labels: ['ok', ''] }, 'Label 2 must be 1 to 40 characters'],
    [
      'card placement',
      codecs.CreateCardBody,
      { listId: UUID, title: 'C', afterCardId: 'x' },
      'Id of the card before must be a lowercase UUID',
    ],
    [
      'card move target',
      codecs.MoveCardBody,
      { toListId: 'not-a-uuid' },
      'Destination list id must be a lowercase UUID',
    ],
    [
      'card move placement',
      codecs.MoveCardBody,
      { toListId: UUID, beforeCardId: 'x' },
      'Id of the card after must be a lowercase UUID',
    ],
    [
      'comment body',
      codecs.CreateCommentBody,
      { body: '   ' },
      'Comment must not be blank and must be at most 5,000 characters',
    ],
  ])('%s', (_what, codec, body, message) => {
    expect(messageOf(codec, 'body', body)).toBe(message);
  });

  test('an unknown field is named without internal paths', () => {
    expect(messageOf(codecs.UpdateCardBody, 'body', { descripton: 'x' })).toBe('Unknown field "descripton"');
  });

  test('a body that is not an object says so', () => {
    expect(messageOf(codecs.UpdateCardBody, 'body', [1])).toBe('The request body must be a JSON object');
  });

  test.each<[string, t.Decoder<unknown, unknown>, object, string]>([
    ['team', codecs.TeamParams, { teamId: 'x' }, 'Team id must be a lowercase UUID'],
    ['board', codecs.BoardParams, { teamId: UUID, boardId: 'x' }, 'Board id must be a lowercase UUID'],
    ['list', codecs.ListParams, { teamId: UUID, boardId: UUID, listId: 'x' }, 'List id must be a lowercase UUID'],
    ['card', codecs.CardParams, { teamId: UUID, boardId: UUID, cardId: 'x' }, 'Card id must be a lowercase UUID'],
    ['member', codecs.MemberParams, { teamId: UUID, userId: 'x' }, 'User id must be a lowercase UUID'],
  ])('a bad %s id in the address is named', (_what, codec, params, message) => {
    expect(refusal(codec, 'params', params)).toEqual({ message, code: 'invalid_params' });
  });

  test.each<[string, t.Decoder<unknown, unknown>, object, string]>([
    ['activity limit', codecs.ActivityQuery, { limit: 'abc' }, 'Limit must be an integer from 1 to 200'],
    [
      'activity cursor',
      codecs.ActivityQuery,
      { before: '0' },
      `Before must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`,
    ],
    [
      'events cursor',
      codecs.EventsQuery,
      { after: '-1' },
      `After must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}`,
    ],
    ['export format', codecs.ExportQuery, { format: 'xml' }, 'Format must be json or csv'],
  ])('a bad %s in the query string is named', (_what, codec, query, message) => {
    expect(refusal(codec, 'query', query)).toEqual({ message, code: 'invalid_query' });
  });

  test('a field a later codec adds still reads as words', () => {
    const { strict } = codecs;
    const InviteBody = strict('InviteBody', { inviteToken: codecs.RoleCodec }, {});
    expect(messageOf(InviteBody, 'body', {})).toBe('Invite token is required');
  });
});
