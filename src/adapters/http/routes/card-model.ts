import { Router } from 'express';
import * as t from 'io-ts';
import type { Application } from '../../../application/api';
import { BOARD_OP_CODECS, Label, OP_ROUTES, opBody, TABLE_ROUTED_KINDS, Uuid, type BoardOpKind } from '../../../domain';
import type { BoardOpOf } from '../../../domain';
import { created, ok, type Reply } from '../handle';
import { opRoute } from '../mutation-route';

/** Path fields that are not ids: a label is taken off a card by its name. */
const PATH_CODECS: Readonly<Record<string, t.Mixed>> = { label: Label };

/** The codec of a route's path params: the board's ids and the op fields the path carries. */
export const opParams = (kind: BoardOpKind) =>
  t.type({
    teamId: Uuid,
    boardId: Uuid,
    ...Object.fromEntries(OP_ROUTES[kind].pathKeys.map((k) => [k, PATH_CODECS[k] ?? Uuid])),
  }) as unknown as t.Type<{ teamId: Uuid; boardId: Uuid } & Record<string, string>, unknown, unknown>;

/** The body codec of a route: the op minus `kind` and the path's fields, named for the OpenAPI document. */
export const opRouteBody = (kind: BoardOpKind) => {
  const route = OP_ROUTES[kind];
  const codec = BOARD_OP_CODECS[kind];
  const rest = [...Object.keys(codec.required), ...Object.keys(codec.optional)].filter(
    (k) => k !== 'kind' && !route.pathKeys.includes(k),
  );
  return rest.length === 0 ? null : opBody(kind, route.pathKeys, bodyName(kind));
};

/** `checklist.item.update` → `ChecklistItemUpdateBody`. */
export const bodyName = (kind: BoardOpKind): string =>
  `${kind
    .split('.')
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')}Body`;

const reply =
  (kind: BoardOpKind) =>
  (m: { value: unknown; seq: number }): Reply => {
    const route = OP_ROUTES[kind];
    const json =
      route.wrap === 'deleted'
        ? { deleted: (m.value as { id: string }).id, seq: m.seq }
        : { [route.wrap]: m.value, seq: m.seq };
    return route.status === 201 ? created(json) : ok(json);
  };

/**
 * The card model's routes (labels, members, checklists), registered from the shared op-route table:
 * params and body decode into the op, which goes through `boards.apply` like every board change.
 */
export const cardModelRouter = (application: Application): Router => {
  const router = Router({ mergeParams: true });
  for (const kind of TABLE_ROUTED_KINDS) {
    const route = OP_ROUTES[kind];
    const method = route.method === 'POST' ? 'post' : route.method === 'PATCH' ? 'patch' : 'delete';
    router[method](
      route.path,
      opRoute(
        application,
        opParams(kind),
        opRouteBody(kind),
        (p, body) => {
          const { teamId: _t, boardId: _b, ...fromPath } = p;
          return { kind, ...fromPath, ...(body as object) } as BoardOpOf<typeof kind>;
        },
        reply(kind),
      ),
    );
  }
  return router;
};
