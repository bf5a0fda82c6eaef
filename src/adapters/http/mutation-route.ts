import type { RequestHandler } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { Actor, Application, BoardTarget, Mutation, OpResults } from '../../application/api';
import type { AppError, BoardOpKind, BoardOpOf, Origin } from '../../domain';
import { decodeTE } from './decode';
import { route, type Reply } from './handle';
import { actorOf, originOf } from './middleware/auth';

/** A request decoded for a board mutation: path params, body, and the Idempotency-Key origin. */
export interface MutationRequest<P, B> {
  readonly actor: Actor;
  readonly p: P;
  readonly body: B;
  readonly origin: Origin | null;
}

/**
 * The one shape of every board-mutation route: decode params and body (bad input is a 400 naming the
 * field), turn Idempotency-Key into the dedupe origin, run the use case, and shape the reply.
 */
export const mutationRoute = <P, B, T>(
  params: t.Decoder<unknown, P>,
  body: t.Decoder<unknown, B> | null,
  run: (r: MutationRequest<P, B>) => TE.TaskEither<AppError, T>,
  reply: (result: T) => Reply,
): RequestHandler =>
  route((req, res) =>
    pipe(
      TE.Do,
      TE.apS('p', decodeTE(params, 'params', req.params)),
      TE.apS('body', body === null ? TE.right(undefined as B) : decodeTE(body, 'body', req.body ?? {})),
      TE.apS('origin', originOf(req, actorOf(res))),
      TE.chain(({ p, body: b, origin }) => run({ actor: actorOf(res), p, body: b, origin })),
      TE.map(reply),
    ),
  );

/**
 * A board-change route: params and body become one `BoardOp` (`toOp`), applied through the
 * application's single entry, `boards.apply`; `reply` shapes the entity and seq as the route answers.
 */
export const opRoute = <P extends BoardTarget, B, K extends BoardOpKind>(
  application: Application,
  params: t.Decoder<unknown, P>,
  body: t.Decoder<unknown, B> | null,
  toOp: (p: P, body: B) => BoardOpOf<K>,
  reply: (result: Mutation<OpResults[K]>) => Reply,
): RequestHandler =>
  mutationRoute(
    params,
    body,
    ({ actor, p, body: b, origin }) =>
      application.boards.apply(actor, { teamId: p.teamId, boardId: p.boardId }, toOp(p, b), origin),
    reply,
  );

/** A read route with a query string: decode params and query (bad input is a 400), run, shape the reply. */
export const queryRoute = <P, Q, T>(
  params: t.Decoder<unknown, P>,
  query: t.Decoder<unknown, Q>,
  run: (r: { actor: Actor; p: P; q: Q }) => TE.TaskEither<AppError, T>,
  reply: (result: T) => Reply,
): RequestHandler =>
  route((req, res) =>
    pipe(
      TE.Do,
      TE.apS('p', decodeTE(params, 'params', req.params)),
      TE.apS('q', decodeTE(query, 'query', req.query)),
      TE.chain(({ p, q }) => run({ actor: actorOf(res), p, q })),
      TE.map(reply),
    ),
  );
