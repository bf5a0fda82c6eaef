import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler, Response } from 'express';

/** What is known about the request being served, filled in as it travels through the layers. */
export interface RequestContext {
  readonly reqId: string;
  readonly method: string;
  /** The path without its query string: queries may carry values that must not be logged. */
  readonly path: string;
  /** The shards whose pools served a query for this request. */
  readonly shards: Set<string>;
}

// One store per process: the pools note the shard they ran on without being handed the request.
const storage = new AsyncLocalStorage<RequestContext>();

const TEAM_IN_PATH = /^\/api\/teams\/([0-9a-fA-F-]{36})(?:\/|$)/;

/** The context of the request running now, if any. */
export const currentRequest = (): RequestContext | undefined => storage.getStore();

/** Runs `fn` (and everything it starts) inside `context`. */
export const withRequestContext = <T>(context: RequestContext, fn: () => T): T => storage.run(context, fn);

/** Records that the current request ran a query on `shard`; a no-op outside a request. */
export const noteShard = (shard: string): void => {
  storage.getStore()?.shards.add(shard);
};

/** Starts a request's context; must run before any handler that touches storage. */
export const requestContext =
  (reqIdOf: (res: Response) => string): RequestHandler =>
  (req, res, next) => {
    const context: RequestContext = {
      reqId: reqIdOf(res),
      method: req.method,
      path: req.originalUrl.split('?')[0] ?? '',
      shards: new Set(),
    };
    res.locals.requestContext = context;
    withRequestContext(context, next);
  };

/** The fields every request log line carries besides the request id: who, which team, which shard. */
export const logFields = (res: Response): Record<string, string> => {
  const context = res.locals.requestContext as RequestContext | undefined;
  const actor = res.locals.actor as { userId?: string } | undefined;
  const team = context ? TEAM_IN_PATH.exec(context.path)?.[1] : undefined;
  const shards = context ? [...context.shards].sort().join(',') : '';
  return {
    ...(actor?.userId !== undefined && { userId: actor.userId }),
    ...(team !== undefined && { teamId: team.toLowerCase() }),
    ...(shards !== '' && { shard: shards }),
  };
};
