import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { Uuid } from './ids';
import { Instant, LabelColorCodec } from './card-model';
import { CommentBody, Description, DueDate, Label, Labels, Title } from './values';

/**
 * One board change as the user meant it (intent, not result): the single spelling of a change from the
 * browser's offline queue through REST and WebSocket to the application's `boards.apply`. Moves name
 * neighbours, never ranks: the server ranks from its own view of the board.
 */

/**
 * An object codec that refuses keys it does not name: a typo such as `titel` is an error, not a
 * silently ignored field. `optional` fields may be absent; present ones must decode. It keeps its
 * props so the OpenAPI document can be generated from it.
 */
export class StrictType<R extends t.Props, O extends t.Props> extends t.Type<
  t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>,
  t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>,
  unknown
> {
  readonly _tag = 'StrictType' as const;
  constructor(
    name: string,
    readonly required: R,
    readonly optional: O,
  ) {
    type A = t.TypeOf<t.TypeC<R>> & t.TypeOf<t.PartialC<O>>;
    const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
    const req = t.type(required);
    const opt = t.partial(optional);
    super(
      name,
      (u): u is A => req.is(u) && opt.is(u) && Object.keys(u as object).every((k) => known.has(k)),
      (u, c) => {
        if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'must be a JSON object');
        const unknownKeys = Object.keys(u).filter((k) => !known.has(k));
        if (unknownKeys.length > 0) return t.failure(u, c, `has unknown field "${unknownKeys[0]}"`);
        const r = req.validate(u, c);
        const o = opt.validate(u, c);
        const errors = [...(E.isLeft(r) ? r.left : []), ...(E.isLeft(o) ? o.left : [])];
        if (E.isLeft(r) || E.isLeft(o)) return t.failures(errors);
        return t.success({ ...r.right, ...o.right } as A);
      },
      // Every field codec used here encodes as itself (brands and literals are plain JSON values).
      (a) => a as unknown as t.OutputOf<t.TypeC<R>> & t.OutputOf<t.PartialC<O>>,
    );
  }
}

export const strict = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) =>
  new StrictType(name, required, optional);

/** A due date, or null to clear it. */
export const NullableDueDate = t.union([DueDate, t.null], 'DueDateOrNull');
/** A start or due instant, or null to clear it. */
export const NullableInstant = t.union([Instant, t.null], 'InstantOrNull');

const kind = <K extends string>(k: K) => t.literal(k);
const cardFields = { description: Description, dueDate: NullableDueDate, labels: Labels };

/** Every op's codec by kind; the REST bodies are these minus `kind` and the ids the path carries. */
export const BOARD_OP_CODECS = {
  'board.update': strict('board.update', { kind: kind('board.update') }, { title: Title, archived: t.boolean }),
  'list.create': strict(
    'list.create',
    { kind: kind('list.create'), title: Title },
    { id: Uuid, afterListId: Uuid, beforeListId: Uuid },
  ),
  'list.update': strict(
    'list.update',
    { kind: kind('list.update'), listId: Uuid },
    { title: Title, archived: t.boolean },
  ),
  'list.move': strict(
    'list.move',
    { kind: kind('list.move'), listId: Uuid },
    { afterListId: Uuid, beforeListId: Uuid },
  ),
  'list.delete': strict('list.delete', { kind: kind('list.delete'), listId: Uuid }, {}),
  'card.create': strict(
    'card.create',
    { kind: kind('card.create'), listId: Uuid, title: Title },
    { id: Uuid, ...cardFields, afterCardId: Uuid, beforeCardId: Uuid },
  ),
  'card.update': strict(
    'card.update',
    { kind: kind('card.update'), cardId: Uuid },
    {
      title: Title,
      ...cardFields,
      archived: t.boolean,
      startAt: NullableInstant,
      dueAt: NullableInstant,
      dueDone: t.boolean,
      coverAttachmentId: t.union([Uuid, t.null]),
    },
  ),
  'card.move': strict(
    'card.move',
    { kind: kind('card.move'), cardId: Uuid, toListId: Uuid },
    { afterCardId: Uuid, beforeCardId: Uuid },
  ),
  'card.delete': strict('card.delete', { kind: kind('card.delete'), cardId: Uuid }, {}),
  'comment.create': strict(
    'comment.create',
    { kind: kind('comment.create'), cardId: Uuid, body: CommentBody },
    { id: Uuid },
  ),
  'comment.update': strict(
    'comment.update',
    { kind: kind('comment.update'), cardId: Uuid, commentId: Uuid, body: CommentBody },
    {},
  ),
  'comment.delete': strict('comment.delete', { kind: kind('comment.delete'), cardId: Uuid, commentId: Uuid }, {}),
  'label.create': strict(
    'label.create',
    { kind: kind('label.create'), name: Label },
    { id: Uuid, color: LabelColorCodec },
  ),
  'label.update': strict(
    'label.update',
    { kind: kind('label.update'), labelId: Uuid },
    { name: Label, color: LabelColorCodec },
  ),
  'label.delete': strict('label.delete', { kind: kind('label.delete'), labelId: Uuid }, {}),
  'card.label.add': strict('card.label.add', { kind: kind('card.label.add'), cardId: Uuid, labelId: Uuid }, {}),
  'card.label.remove': strict('card.label.remove', { kind: kind('card.label.remove'), cardId: Uuid, label: Label }, {}),
  'card.member.add': strict('card.member.add', { kind: kind('card.member.add'), cardId: Uuid, userId: Uuid }, {}),
  'card.member.remove': strict(
    'card.member.remove',
    { kind: kind('card.member.remove'), cardId: Uuid, userId: Uuid },
    {},
  ),
  'checklist.create': strict(
    'checklist.create',
    { kind: kind('checklist.create'), cardId: Uuid, title: Title },
    { id: Uuid },
  ),
  'checklist.update': strict(
    'checklist.update',
    { kind: kind('checklist.update'), cardId: Uuid, checklistId: Uuid, title: Title },
    {},
  ),
  'checklist.delete': strict(
    'checklist.delete',
    { kind: kind('checklist.delete'), cardId: Uuid, checklistId: Uuid },
    {},
  ),
  'checklist.item.create': strict(
    'checklist.item.create',
    { kind: kind('checklist.item.create'), cardId: Uuid, checklistId: Uuid, title: Title },
    { id: Uuid, afterItemId: Uuid, beforeItemId: Uuid },
  ),
  'checklist.item.update': strict(
    'checklist.item.update',
    { kind: kind('checklist.item.update'), cardId: Uuid, checklistId: Uuid, itemId: Uuid },
    { title: Title, done: t.boolean },
  ),
  'checklist.item.move': strict(
    'checklist.item.move',
    { kind: kind('checklist.item.move'), cardId: Uuid, checklistId: Uuid, itemId: Uuid },
    { afterItemId: Uuid, beforeItemId: Uuid },
  ),
  'checklist.item.delete': strict(
    'checklist.item.delete',
    { kind: kind('checklist.item.delete'), cardId: Uuid, checklistId: Uuid, itemId: Uuid },
    {},
  ),
} as const;

type Codecs = typeof BOARD_OP_CODECS;
export type BoardOpKind = keyof Codecs;
/** A decoded op: branded value objects, ready for the core. */
export type BoardOp = { [K in BoardOpKind]: t.TypeOf<Codecs[K]> }[BoardOpKind];
type ReadonlyList<V> = V extends readonly (infer U)[] ? readonly U[] : V;
type Readonlyish<T> = { readonly [P in keyof T]: ReadonlyList<T[P]> };
/** An op as JSON carries it (plain strings): what the browser builds, queues and sends. */
export type BoardOpInput = { [K in BoardOpKind]: Readonlyish<t.OutputOf<Codecs[K]>> }[BoardOpKind];
export type BoardOpOf<K extends BoardOpKind> = Extract<BoardOp, { kind: K }>;

export const BOARD_OP_KINDS = Object.keys(BOARD_OP_CODECS) as readonly BoardOpKind[];

const isKind = (k: unknown): k is BoardOpKind => typeof k === 'string' && Object.hasOwn(BOARD_OP_CODECS, k);

/**
 * The op codec. It picks the variant by `kind` before decoding, so a refusal names the field of that
 * op that is wrong rather than listing how the op fails every other variant.
 */
export const BoardOp = new t.Type<BoardOp, BoardOpInput, unknown>(
  'BoardOp',
  (u): u is BoardOp => isKind((u as { kind?: unknown } | null)?.kind) && BOARD_OP_CODECS[(u as BoardOp).kind].is(u),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'must be a JSON object');
    const k = (u as { kind?: unknown }).kind;
    if (!isKind(k)) return t.failure(u, c, `has unknown kind; expected one of ${BOARD_OP_KINDS.join(', ')}`);
    return (BOARD_OP_CODECS[k] as t.Type<BoardOp, BoardOpInput, unknown>).validate(u, c);
  },
  (a) => a as unknown as BoardOpInput,
);

/**
 * The body a REST route takes for one op kind: the op's fields minus `kind` and the ids the path
 * already names. Deriving it keeps the route and the socket spelling the change alike.
 */
export const opBody = <K extends BoardOpKind, P extends string>(opKind: K, pathKeys: readonly P[], name: string) => {
  const codec = BOARD_OP_CODECS[opKind];
  const drop = new Set<string>(['kind', ...pathKeys]);
  const pick = <Props extends t.Props>(props: Props) =>
    Object.fromEntries(Object.entries(props).filter(([key]) => !drop.has(key))) as Props;
  type Body = Omit<t.TypeOf<Codecs[K]>, 'kind' | P>;
  return strict(name, pick(codec.required), pick(codec.optional)) as unknown as StrictType<t.Props, t.Props> &
    t.Type<Body, Omit<t.OutputOf<Codecs[K]>, 'kind' | P>, unknown>;
};
