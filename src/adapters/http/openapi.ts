import { OP_ROUTES, TABLE_ROUTED_KINDS } from '../../domain';
import * as codecs from './codecs';
import { toJsonSchema } from './json-schema';
import { bodyName, opRouteBody } from './routes/card-model';

/** The OpenAPI 3.1 description of the REST API, served at GET /api/openapi.json. */

type Schema = Record<string, unknown>;

const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const uuid = str({ format: 'uuid' });
const title = str({ minLength: 1, maxLength: 200 });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});

/**
 * The bodies of the board-change routes, generated from the codecs that decode them (each a
 * `BoardOp` minus its kind and path ids), so the document cannot drift from what the server accepts.
 */
export const BOARD_OP_BODIES = {
  UpdateBoard: codecs.UpdateBoardBody,
  CreateList: codecs.CreateListBody,
  UpdateList: codecs.UpdateListBody,
  MoveList: codecs.MoveListBody,
  CreateCard: codecs.CreateCardBody,
  UpdateCard: codecs.UpdateCardBody,
  MoveCard: codecs.MoveCardBody,
  CreateComment: codecs.CreateCommentBody,
} as const;

const generated = Object.fromEntries(
  Object.entries(BOARD_OP_BODIES).map(([name, codec]) => [name, toJsonSchema(codec)]),
) as Record<keyof typeof BOARD_OP_BODIES, Schema>;

/** The card model's routes come from the shared op-route table, bodies and all. */
const tableBodies = Object.fromEntries(
  TABLE_ROUTED_KINDS.flatMap((kind) => {
    const codec = opRouteBody(kind);
    return codec === null ? [] : [[bodyName(kind), toJsonSchema(codec)]];
  }),
) as Record<string, Schema>;

const bodies: Record<string, Schema> = {
  ...generated,
  ...tableBodies,
  SignUp: obj({ email: str({ format: 'email' }), password: str({ minLength: 8, maxLength: 256 }), name: str() }, [
    'email',
    'password',
    'name',
  ]),
  LogIn: obj({ email: str(), password: str() }, ['email', 'password']),
  Settings: toJsonSchema(codecs.SettingsBody),
  ChangePassword: obj({ currentPassword: str(), newPassword: str({ minLength: 8, maxLength: 256 }) }, [
    'currentPassword',
    'newPassword',
  ]),
  UpdateMe: obj({
    name: str({ minLength: 1, maxLength: 100 }),
    email: str({ format: 'email' }),
    currentPassword: str(),
  }),
  DeleteMe: obj({ currentPassword: str() }, ['currentPassword']),
  PasswordReset: obj({ email: str({ format: 'email' }) }, ['email']),
  PasswordResetConfirm: obj({ token: str(), newPassword: str({ minLength: 8, maxLength: 256 }) }, [
    'token',
    'newPassword',
  ]),
  CreateTeam: obj({ name: title }, ['name']),
  AddMember: obj({ email: str({ format: 'email' }), role: str({ enum: ['owner', 'admin', 'member', 'viewer'] }) }, [
    'email',
    'role',
  ]),
  ChangeRole: obj({ role: str({ enum: ['owner', 'admin', 'member', 'viewer'] }) }, ['role']),
  AcceptInvitation: obj({ token: str({ pattern: '^[A-Za-z0-9_-]{16,128}$' }) }, ['token']),
  // Either `ids` (at most 500) or `all: true`, never both.
  ReadNotifications: {
    oneOf: [
      obj({ ids: { type: 'array', items: uuid, maxItems: 500 } }, ['ids']),
      obj({ all: { type: 'boolean', enum: [true] } }, ['all']),
    ],
  },
  CreateBoard: obj({ title, id: uuid }, ['title']),
};

interface Op {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  readonly path: string;
  readonly summary: string;
  readonly status: number;
  readonly body?: keyof typeof bodies;
  readonly query?: readonly string[];
  readonly auth?: false;
}

const B = '/api/teams/{teamId}/boards/{boardId}';

const OPS: readonly Op[] = [
  {
    method: 'post',
    path: '/api/auth/signup',
    summary: 'Sign up; sets the refresh cookie',
    status: 201,
    body: 'SignUp',
    auth: false,
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Log in; sets the refresh cookie',
    status: 200,
    body: 'LogIn',
    auth: false,
  },
  {
    method: 'post',
    path: '/api/auth/refresh',
    summary: 'Rotate the refresh cookie (Origin-checked)',
    status: 200,
    auth: false,
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'End the session of the refresh cookie and/or the bearer access token (either may be absent)',
    status: 204,
    auth: false,
  },
  {
    method: 'post',
    path: '/api/auth/sessions/revoke-all',
    summary: 'Sign out everywhere: end every session of the caller and close their sockets',
    status: 204,
  },
  {
    method: 'post',
    path: '/api/auth/password-reset',
    summary: 'Mail a password reset link; 202 whether or not the address has an account',
    status: 202,
    body: 'PasswordReset',
    auth: false,
  },
  {
    method: 'post',
    path: '/api/auth/password-reset/confirm',
    summary: 'Set a new password with a mailed token; ends every session',
    status: 204,
    body: 'PasswordResetConfirm',
    auth: false,
  },
  { method: 'get', path: '/api/me', summary: 'The signed-in user and their teams', status: 200 },
  {
    method: 'patch',
    path: '/api/me',
    summary: 'Change name and/or e-mail (a new e-mail needs currentPassword)',
    status: 200,
    body: 'UpdateMe',
  },
  {
    method: 'delete',
    path: '/api/me',
    summary: 'Delete the account (409 sole_owner while the only owner of a team with members)',
    status: 204,
    body: 'DeleteMe',
  },
  { method: 'patch', path: '/api/me/settings', summary: 'Change notification settings', status: 200, body: 'Settings' },
  {
    method: 'post',
    path: '/api/me/password',
    summary: 'Change password; ends every session and answers a new one for the caller',
    status: 200,
    body: 'ChangePassword',
  },
  { method: 'post', path: '/api/teams', summary: 'Create a team', status: 201, body: 'CreateTeam' },
  {
    method: 'get',
    path: '/api/teams',
    summary: 'A page of the caller’s teams with their role, oldest first {teams, nextCursor}',
    status: 200,
    query: ['limit', 'cursor'],
  },
  {
    method: 'post',
    path: '/api/teams/{teamId}/members',
    summary: 'Invite by e-mail (the same as POST …/invitations): 201 {invitation}',
    status: 201,
    body: 'AddMember',
  },
  { method: 'get', path: '/api/teams/{teamId}/members', summary: 'List members', status: 200 },
  {
    method: 'patch',
    path: '/api/teams/{teamId}/members/{userId}',
    summary: 'Change a member’s role (never the last owner’s)',
    status: 200,
    body: 'ChangeRole',
  },
  {
    method: 'delete',
    path: '/api/teams/{teamId}/members/{userId}',
    summary: 'Remove a member (never the last owner)',
    status: 204,
  },
  { method: 'post', path: '/api/teams/{teamId}/leave', summary: 'Leave the team (not as its last owner)', status: 204 },
  {
    method: 'post',
    path: '/api/teams/{teamId}/invitations',
    summary: 'Invite by e-mail: a pending invitation with a mailed single-use link; 201 {invitation}',
    status: 201,
    body: 'AddMember',
  },
  { method: 'get', path: '/api/teams/{teamId}/invitations', summary: 'Pending invitations', status: 200 },
  {
    method: 'delete',
    path: '/api/teams/{teamId}/invitations/{invitationId}',
    summary: 'Revoke a pending invitation',
    status: 204,
  },
  { method: 'get', path: '/api/me/invitations', summary: 'Pending invitations to the caller’s e-mail', status: 200 },
  {
    method: 'post',
    path: '/api/me/invitations/{invitationId}/accept',
    summary: 'Accept an invitation: join the team; 200 {team}',
    status: 200,
  },
  { method: 'post', path: '/api/me/invitations/{invitationId}/decline', summary: 'Decline an invitation', status: 204 },
  {
    method: 'post',
    path: '/api/invitations/accept',
    summary: 'Accept the invitation of an e-mailed link (for the invited address only); 200 {team}',
    status: 200,
    body: 'AcceptInvitation',
  },
  {
    method: 'get',
    path: '/api/me/notifications',
    summary:
      'The caller’s notifications, newest first (teams they are still in, and invitations) {notifications, unread, nextCursor}',
    status: 200,
    query: ['limit', 'cursor'],
  },
  {
    method: 'post',
    path: '/api/me/notifications/read',
    summary: 'Mark notifications read ({ids} or {all: true}); 200 {unread}',
    status: 200,
    body: 'ReadNotifications',
  },
  { method: 'get', path: `${B}/watch`, summary: 'The caller’s watches on the board {board, cards}', status: 200 },
  { method: 'put', path: `${B}/watch`, summary: 'Watch the board (comments on any card notify)', status: 204 },
  { method: 'delete', path: `${B}/watch`, summary: 'Stop watching the board', status: 204 },
  { method: 'put', path: `${B}/cards/{cardId}/watch`, summary: 'Watch a card (its comments notify)', status: 204 },
  { method: 'delete', path: `${B}/cards/{cardId}/watch`, summary: 'Stop watching a card', status: 204 },
  { method: 'get', path: '/api/teams/{teamId}/boards', summary: 'List boards', status: 200 },
  {
    method: 'get',
    path: '/api/teams/{teamId}/search',
    summary:
      'Search the team’s boards, cards and comments {results:[{kind, id, boardId, cardId?, title, snippet:{text, highlights:[[start, end]]}, archived}], nextCursor}',
    status: 200,
    query: ['q', 'limit', 'cursor'],
  },
  { method: 'post', path: '/api/teams/{teamId}/boards', summary: 'Create a board', status: 201, body: 'CreateBoard' },
  { method: 'get', path: B, summary: 'Board snapshot {board, lists, cards, seq}', status: 200 },
  { method: 'patch', path: B, summary: 'Rename or archive a board', status: 200, body: 'UpdateBoard' },
  {
    method: 'delete',
    path: B,
    summary: 'Delete a board for good with its lists, cards, comments, files and log (owners and admins)',
    status: 204,
  },
  {
    method: 'get',
    path: `${B}/archive`,
    summary: 'Archived lists and cards {lists, cards, seq}, most recently archived cards first',
    status: 200,
  },
  { method: 'post', path: `${B}/lists`, summary: 'Create a list', status: 201, body: 'CreateList' },
  {
    method: 'patch',
    path: `${B}/lists/{listId}`,
    summary: 'Rename or archive a list',
    status: 200,
    body: 'UpdateList',
  },
  { method: 'post', path: `${B}/lists/{listId}/move`, summary: 'Reorder a list', status: 200, body: 'MoveList' },
  { method: 'delete', path: `${B}/lists/{listId}`, summary: 'Delete a list and its cards', status: 200 },
  { method: 'post', path: `${B}/cards`, summary: 'Create a card', status: 201, body: 'CreateCard' },
  { method: 'patch', path: `${B}/cards/{cardId}`, summary: 'Edit or archive a card', status: 200, body: 'UpdateCard' },
  { method: 'delete', path: `${B}/cards/{cardId}`, summary: 'Delete a card', status: 200 },
  { method: 'post', path: `${B}/cards/{cardId}/move`, summary: 'Move a card', status: 200, body: 'MoveCard' },
  { method: 'get', path: `${B}/cards/{cardId}/comments`, summary: 'Comments on a card', status: 200 },
  {
    method: 'post',
    path: `${B}/cards/{cardId}/comments`,
    summary: 'Comment on a card',
    status: 201,
    body: 'CreateComment',
  },
  {
    method: 'get',
    path: `${B}/activity`,
    summary: 'Activity feed, newest first',
    status: 200,
    query: ['before', 'limit'],
  },
  { method: 'get', path: `${B}/events`, summary: 'Board events after a seq', status: 200, query: ['after', 'limit'] },
  { method: 'get', path: `${B}/export`, summary: 'Export as JSON or CSV', status: 200, query: ['format'] },
  {
    method: 'post',
    path: `${B}/cards/{cardId}/attachments`,
    summary: 'Attach a file (multipart/form-data, field "file", at most 25 MB): 201 {attachment, seq}',
    status: 201,
  },
  {
    method: 'get',
    path: `${B}/cards/{cardId}/attachments/{attachmentId}`,
    summary: 'Download a file (Content-Disposition: attachment, the sniffed type, nosniff)',
    status: 200,
  },
  {
    method: 'get',
    path: `${B}/cards/{cardId}/attachments/{attachmentId}/thumbnail`,
    summary: 'The preview of an image attachment (WebP, at most 320 px a side)',
    status: 200,
  },
  {
    method: 'delete',
    path: `${B}/cards/{cardId}/attachments/{attachmentId}`,
    summary: 'Delete a file: {deleted, seq}',
    status: 200,
  },
  ...(['trello', 'boardroom'] as const).map((source): Op => ({
    method: 'post',
    path: `/api/teams/{teamId}/imports/${source}`,
    summary: `Import ${source === 'trello' ? "a Trello board export (Trello's Export as JSON)" : 'a Boardroom JSON export'} as a new board (multipart/form-data, field "file", at most 50 MB): 201 {board, report}; with preview=1, 200 {preview} and nothing written; 409 already_imported {error: {code, message, boardId}} for the same file again`,
    status: 201,
    query: ['preview'],
  })),
  ...TABLE_ROUTED_KINDS.map((kind): Op => {
    const route = OP_ROUTES[kind];
    return {
      method: route.method === 'POST' ? 'post' : route.method === 'PATCH' ? 'patch' : 'delete',
      path: `${B}${route.path.replace(/:(\w+)/g, '{$1}')}`,
      summary: route.summary,
      status: route.status,
      ...(opRouteBody(kind) !== null && { body: bodyName(kind) }),
    };
  }),
  {
    method: 'get',
    path: '/api/unsubscribe',
    summary: 'A page confirming a notification e-mail unsubscribe (signed token from the e-mail); changes nothing',
    status: 200,
    query: ['token'],
    auth: false,
  },
  {
    method: 'post',
    path: '/api/unsubscribe',
    summary: "RFC 8058 one-click unsubscribe: turns e-mail of the token's kind off; 400 for a forged token",
    status: 200,
    query: ['token'],
    auth: false,
  },
  { method: 'get', path: '/healthz', summary: 'Liveness', status: 200, auth: false },
  { method: 'get', path: '/readyz', summary: 'Readiness', status: 200, auth: false },
  { method: 'get', path: '/metrics', summary: 'Prometheus metrics', status: 200, auth: false },
];

const errorResponse = {
  description: 'Error',
  content: {
    'application/json': {
      schema: obj({ error: obj({ code: str(), message: str() }, ['code', 'message']) }, ['error']),
    },
  },
};

const operation = (op: Op): Schema => {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: m[1] === 'label' ? str({ minLength: 1, maxLength: 40 }) : uuid,
  }));
  const queryParams = (op.query ?? []).map((name) => ({
    name,
    in: 'query',
    required: false,
    schema:
      name === 'format'
        ? str({ enum: ['json', 'csv'] })
        : name === 'cursor'
          ? str({ description: 'The nextCursor of the previous page' })
          : name === 'preview'
            ? str({ enum: ['1'], description: 'Answer what the import would make; write nothing' })
            : name === 'q'
              ? str({ maxLength: 200, description: 'Words to find; the last one also matches as a prefix' })
              : name === 'token'
                ? str({ description: "The signed token of the e-mail's unsubscribe link" })
                : { type: 'integer', minimum: 0 },
  }));
  const mutation = op.method !== 'get' && op.auth !== false;
  const idempotency = mutation
    ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: str({ minLength: 1, maxLength: 200 }) }]
    : [];
  return {
    summary: op.summary,
    parameters: [...pathParams, ...queryParams, ...idempotency],
    ...(op.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } },
      },
    }),
    ...(op.auth === false ? { security: [] } : {}),
    responses: { [String(op.status)]: { description: 'Success' }, '4XX': errorResponse, '5XX': errorResponse },
  };
};

/** Builds the document; every route the HTTP adapter serves is listed in `OPS`. */
export const openApiDocument = (): Schema => {
  const paths: Record<string, Record<string, Schema>> = {};
  for (const op of OPS) paths[op.path] = { ...paths[op.path], [op.method]: operation(op) };
  return {
    openapi: '3.1.0',
    info: { title: 'Boardroom API', version: '0.1.0' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: bodies,
    },
    paths,
  };
};

/** Every documented route as `METHOD /path`, for tests that check the document against the router. */
export const documentedRoutes = (): string[] => OPS.map((op) => `${op.method.toUpperCase()} ${op.path}`);
