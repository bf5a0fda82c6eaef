import { openApiDocument } from '../../src/adapters/http/openapi';
import { can, ROLES, type Action, type Role } from '../../src/domain';
import { bodyFor, buildWorld, PRINCIPALS, SECRET_MARK, send, urlOf, type Principal, type World } from './authz-world';

/**
 * Every documented route, classified: `public` (credentials make no difference), `signed-in` (any
 * account, not tied to a team) or the team action it needs (src/domain/roles.ts decides which roles
 * may take it). A new route fails this test until it is classified here.
 */
/**
 * `invitee` routes act on the world's pending invitation to the newcomer, who is none of the
 * principals: by id everyone else hears `not_found`; by the mailed token, `forbidden`.
 */
type Access = 'public' | 'signed-in' | 'invitee (by id)' | 'invitee (by token)' | Action;

const ACCESS: Record<string, Access> = {
  'POST /api/auth/signup': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/refresh': 'public',
  'POST /api/auth/logout': 'public',
  'POST /api/auth/sessions/revoke-all': 'signed-in',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'GET /healthz': 'public',
  // The signed token in the query is the proof (RFC 8058 one-click from a mail client): no session.
  'GET /api/unsubscribe': 'public',
  'POST /api/unsubscribe': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /api/me': 'signed-in',
  'PATCH /api/me': 'signed-in',
  'DELETE /api/me': 'signed-in',
  'PATCH /api/me/settings': 'signed-in',
  'POST /api/me/password': 'signed-in',
  'POST /api/teams': 'signed-in',
  'GET /api/teams': 'signed-in',
  'POST /api/teams/{teamId}/members': 'team.members.manage',
  'GET /api/teams/{teamId}/members': 'team.read',
  'PATCH /api/teams/{teamId}/members/{userId}': 'team.members.manage',
  'DELETE /api/teams/{teamId}/members/{userId}': 'team.members.manage',
  'POST /api/teams/{teamId}/leave': 'team.read',
  'POST /api/teams/{teamId}/invitations': 'team.members.manage',
  'GET /api/teams/{teamId}/invitations': 'team.members.manage',
  'DELETE /api/teams/{teamId}/invitations/{invitationId}': 'team.members.manage',
  'GET /api/me/invitations': 'signed-in',
  'GET /api/me/notifications': 'signed-in',
  'POST /api/me/notifications/read': 'signed-in',
  'GET /api/teams/{teamId}/boards/{boardId}/watch': 'board.read',
  'PUT /api/teams/{teamId}/boards/{boardId}/watch': 'board.read',
  'DELETE /api/teams/{teamId}/boards/{boardId}/watch': 'board.read',
  'PUT /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/watch': 'board.read',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/watch': 'board.read',
  'POST /api/me/invitations/{invitationId}/accept': 'invitee (by id)',
  'POST /api/me/invitations/{invitationId}/decline': 'invitee (by id)',
  'POST /api/invitations/accept': 'invitee (by token)',
  'GET /api/teams/{teamId}/boards': 'board.read',
  'POST /api/teams/{teamId}/boards': 'board.create',
  'POST /api/teams/{teamId}/imports/trello': 'board.create',
  'POST /api/teams/{teamId}/imports/boardroom': 'board.create',
  'GET /api/teams/{teamId}/boards/{boardId}': 'board.read',
  'PATCH /api/teams/{teamId}/boards/{boardId}': 'board.manage',
  'DELETE /api/teams/{teamId}/boards/{boardId}': 'board.manage',
  'GET /api/teams/{teamId}/boards/{boardId}/archive': 'board.read',
  'POST /api/teams/{teamId}/boards/{boardId}/lists': 'list.write',
  'PATCH /api/teams/{teamId}/boards/{boardId}/lists/{listId}': 'list.write',
  'POST /api/teams/{teamId}/boards/{boardId}/lists/{listId}/move': 'list.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/lists/{listId}': 'list.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards': 'card.write',
  'PATCH /api/teams/{teamId}/boards/{boardId}/cards/{cardId}': 'card.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}': 'card.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/move': 'card.write',
  'GET /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/comments': 'board.read',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/comments': 'comment.write',
  'GET /api/teams/{teamId}/boards/{boardId}/activity': 'board.read',
  'GET /api/teams/{teamId}/boards/{boardId}/events': 'board.read',
  'GET /api/teams/{teamId}/boards/{boardId}/export': 'board.read',
  'PATCH /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/comments/{commentId}': 'comment.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/comments/{commentId}': 'comment.write',
  'POST /api/teams/{teamId}/boards/{boardId}/labels': 'card.write',
  'PATCH /api/teams/{teamId}/boards/{boardId}/labels/{labelId}': 'card.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/labels/{labelId}': 'card.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/labels': 'card.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/labels/{label}': 'card.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/members': 'card.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/members/{userId}': 'card.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists': 'card.write',
  'PATCH /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists/{checklistId}': 'card.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists/{checklistId}': 'card.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists/{checklistId}/items': 'card.write',
  'PATCH /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists/{checklistId}/items/{itemId}': 'card.write',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists/{checklistId}/items/{itemId}/move': 'card.write',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/checklists/{checklistId}/items/{itemId}': 'card.write',
  'GET /api/teams/{teamId}/search': 'board.read',
  'POST /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/attachments': 'card.write',
  'GET /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/attachments/{attachmentId}': 'board.read',
  'GET /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/attachments/{attachmentId}/thumbnail': 'board.read',
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/attachments/{attachmentId}': 'card.write',
};

/** Answers that differ by principal for a reason other than authorization. */
const EXCEPTIONS: Record<string, Partial<Record<Principal, number>>> = {
  // The owner wrote the world's comment: only its author edits it; an admin may delete it, a member may not.
  'PATCH /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/comments/{commentId}': { admin: 403, member: 403 },
  'DELETE /api/teams/{teamId}/boards/{boardId}/cards/{cardId}/comments/{commentId}': { member: 403 },
  // Sent without `q`: a member hears empty_query, decided only after authorization (others still get 404).
  'GET /api/teams/{teamId}/search': { owner: 400, admin: 400, member: 400, viewer: 400 },
};

const VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

interface Operation {
  readonly method: string;
  readonly path: string;
  readonly success: number;
  readonly schema: string | undefined;
}

type DocOp = {
  responses: Record<string, unknown>;
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
};

/** The route table, read from the OpenAPI document (which test/api/platform.test.ts holds equal to the router). */
const operations: Operation[] = Object.entries(
  openApiDocument().paths as Record<string, Record<string, DocOp>>,
).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    success: Number(Object.keys(op.responses).find((code) => /^2\d\d$/.test(code))),
    schema: op.requestBody?.content['application/json']?.schema.$ref.split('/').pop(),
  })),
);

const isRole = (p: Principal): p is Role => (ROLES as readonly string[]).includes(p);

/** The status a principal must get from a route; null for public routes, where only sameness matters. */
const expected = (op: Operation, principal: Principal): number | null => {
  const access = ACCESS[`${op.method} ${op.path}`];
  if (access === undefined) throw new Error(`${op.method} ${op.path} is not classified in ACCESS`);
  if (access === 'public') return null;
  if (principal === 'anonymous') return 401;
  const exception = EXCEPTIONS[`${op.method} ${op.path}`]?.[principal];
  if (exception !== undefined) return exception;
  if (access === 'signed-in') return op.success;
  if (access === 'invitee (by id)') return 404;
  if (access === 'invitee (by token)') return 403;
  if (!isRole(principal)) return 404;
  return can(principal, access) ? op.success : 403;
};

const expectNoLeak = (text: string, status: number) => {
  if (status >= 300) expect(text).not.toContain(SECRET_MARK);
};

describe('authorization matrix: every documented route for every kind of caller', () => {
  it('classifies every documented route and nothing else', () => {
    expect(operations.map((op) => `${op.method} ${op.path}`).sort()).toEqual(Object.keys(ACCESS).sort());
  });

  // Reads change nothing, so they share one world; every other call gets a fresh one.
  let readWorld: Promise<World> | undefined;
  const worldFor = (op: Operation) => (op.method === 'GET' ? (readWorld ??= buildWorld()) : buildWorld());

  describe.each(operations)('$method $path', (op) => {
    const checked = PRINCIPALS.filter((p) => expected(op, p) !== null);
    if (checked.length > 0) {
      it.each(checked)('as %s', async (principal) => {
        const world = await worldFor(op);
        const res = await send(world, principal, op.method, urlOf(op.path, world), bodyFor(op.schema, world));
        expect({ status: res.status, body: res.body }).toMatchObject({ status: expected(op, principal) });
        // An exception is a member's own answer about their own team, which may name it.
        if (EXCEPTIONS[`${op.method} ${op.path}`]?.[principal] === undefined) expectNoLeak(res.text, res.status);
      });
    } else {
      it('answers every caller alike', async () => {
        const world = await worldFor(op);
        const statuses = new Set<number>();
        for (const principal of PRINCIPALS) {
          const res = await send(world, principal, op.method, urlOf(op.path, world), bodyFor(op.schema, world));
          statuses.add(res.status);
        }
        expect([...statuses]).toHaveLength(1);
        expect([...statuses][0]).toBeLessThan(500);
      });
    }
  });

  describe('verbs a path does not serve', () => {
    let world: World;
    beforeAll(async () => {
      world = await buildWorld();
    });
    const paths = [...new Set(operations.map((op) => op.path))];
    const missing = paths.flatMap((path) =>
      VERBS.filter((verb) => !operations.some((op) => op.path === path && op.method === verb)).map((verb) => ({
        verb,
        path,
      })),
    );

    it.each(missing)(
      '$verb $path is not found for members and refused to the anonymous behind sign-in',
      async ({ verb, path }) => {
        const guarded = /^\/api\/(me|teams|invitations)(\/|$)/.test(path);
        for (const principal of PRINCIPALS) {
          const res = await send(world, principal, verb, urlOf(path, world), {});
          const status = principal === 'anonymous' && guarded ? 401 : 404;
          expect({ principal, status: res.status }).toEqual({ principal, status });
          expectNoLeak(res.text, res.status);
        }
      },
    );
  });
});
