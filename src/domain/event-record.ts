import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  BoardCodec,
  BoardLabelCodec,
  CardChangesCodec,
  CardCodec,
  ChecklistCodec,
  CommentCodec,
  ListChangesCodec,
  ListCodec,
} from './entity-codecs';
import { AttachmentCodec } from './attachment';
import type { BoardEventRecord } from './events';
import { Uuid } from './ids';

/**
 * The schema version of board event records, stored with every event row and sent with every event
 * frame. Version 1 is the form written before records were versioned (rows whose `schema_version`
 * column took its default, frames and stored records without `v`); version 2 is today's form.
 * A change to an event's shape bumps this and adds an upcaster from the previous version.
 */
export const EVENT_SCHEMA_VERSION = 3;

const Origin = t.union([t.null, t.readonly(t.exact(t.type({ clientId: t.string, mid: t.string })))]);

const ENVELOPE = { teamId: Uuid, boardId: Uuid, seq: t.number, actor: Uuid, origin: Origin, at: t.string };

/** One kind's record: exact, so frame fields (`type`, `v`) and foreign fields are dropped on decode. */
const record = <K extends string, D extends t.Mixed>(kind: K, data: D) =>
  t.readonly(t.exact(t.type({ kind: t.literal(kind), data, ...ENVELOPE })), kind);

const data = <P extends t.Props>(props: P) => t.readonly(t.exact(t.type(props)));

const CardRank = data({ cardId: Uuid, rank: t.string });
const Labels = t.readonlyArray(BoardLabelCodec);
const ChecklistChangeCodec = t.readonly(
  t.exact(
    t.intersection([
      t.type({
        what: t.keyof({
          created: null,
          renamed: null,
          deleted: null,
          'item.added': null,
          'item.renamed': null,
          'item.checked': null,
          'item.unchecked': null,
          'item.moved': null,
          'item.deleted': null,
        }),
        checklist: t.string,
      }),
      t.partial({ item: t.string }),
    ]),
  ),
);

/** Which stale-anchor rule placed an item (src/domain/placement.ts); absent on events written before it. */
const Placement = t.keyof({ as_asked: null, anchor_missing_before: null, anchor_missing_end: null }, 'Placement');

/** `data` with required props and an optional `placement`. */
const placed = <P extends t.Props>(props: P) =>
  t.readonly(t.exact(t.intersection([t.type(props), t.partial({ placement: Placement })])));

/**
 * Every committed event kind of `BoardEvent` (src/domain/events.ts) with its envelope. The annotation
 * makes the compiler hold the codec to the domain type: a kind added there fails here until decoded.
 */
export const BoardEventRecordCodec: t.Type<BoardEventRecord, unknown, unknown> = t.union(
  [
    record('board.created', data({ board: BoardCodec })),
    record(
      'board.updated',
      t.readonly(
        t.exact(
          t.intersection([t.type({ previousTitle: t.string }), t.partial({ title: t.string, archived: t.boolean })]),
        ),
      ),
    ),
    record('list.created', placed({ list: ListCodec })),
    record('list.updated', data({ listId: Uuid, changes: ListChangesCodec, previousTitle: t.string })),
    record('list.moved', placed({ listId: Uuid, rank: t.string, title: t.string })),
    record('list.deleted', data({ listId: Uuid, title: t.string, cardIds: t.readonlyArray(Uuid) })),
    record('card.created', placed({ card: CardCodec, listTitle: t.string })),
    record('card.updated', data({ cardId: Uuid, changes: CardChangesCodec, title: t.string, updatedAt: t.string })),
    record(
      'card.moved',
      placed({
        cardId: Uuid,
        title: t.string,
        fromListId: Uuid,
        fromListTitle: t.string,
        toListId: Uuid,
        toListTitle: t.string,
        rank: t.string,
        updatedAt: t.string,
      }),
    ),
    record('card.deleted', data({ cardId: Uuid, title: t.string, listId: Uuid })),
    record('comment.created', data({ comment: CommentCodec, cardTitle: t.string })),
    record('list.reranked', data({ listId: Uuid, title: t.string, ranks: t.readonlyArray(CardRank) })),
    record(
      'comment.updated',
      data({ commentId: Uuid, cardId: Uuid, cardTitle: t.string, body: t.string, editedAt: t.string }),
    ),
    record('comment.deleted', data({ commentId: Uuid, cardId: Uuid, cardTitle: t.string })),
    record('label.created', data({ label: BoardLabelCodec, labels: Labels })),
    record('label.updated', data({ label: BoardLabelCodec, previousName: t.string, labels: Labels })),
    record('label.deleted', data({ label: BoardLabelCodec, labels: Labels })),
    record('card.labeled', data({ cardId: Uuid, title: t.string, label: t.string })),
    record('card.unlabeled', data({ cardId: Uuid, title: t.string, label: t.string })),
    record('card.member.added', data({ cardId: Uuid, title: t.string, userId: Uuid })),
    record('card.member.removed', data({ cardId: Uuid, title: t.string, userId: Uuid })),
    record('attachment.added', data({ cardId: Uuid, title: t.string, attachment: AttachmentCodec })),
    record('attachment.removed', data({ cardId: Uuid, title: t.string, attachment: AttachmentCodec })),
    record(
      'checklist.changed',
      data({
        cardId: Uuid,
        title: t.string,
        change: ChecklistChangeCodec,
        checklists: t.readonlyArray(ChecklistCodec),
      }),
    ),
  ],
  'BoardEventRecord',
);

/** A record as stored or sent: the record and the schema version it was written in. */
export type VersionedEventRecord = BoardEventRecord & { readonly v: number };

/** The record in today's schema version, ready to be sent or stored. */
export const encodeEventRecord = (r: BoardEventRecord): VersionedEventRecord => ({ ...r, v: EVENT_SCHEMA_VERSION });

type Raw = Readonly<Record<string, unknown>>;
/** Turns a record of one version into the next version; it sees raw, not yet decoded, JSON. */
type Upcaster = (raw: Raw) => Raw;

const isObject = (u: unknown): u is Raw => typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * Version 1 was never checked when read, and its readers were lenient in two places that version 2
 * makes strict: an event frame could omit `origin` (the web defaulted it to null), and a `card.created`
 * card may lack `labels` and `commentCount` (a new card has none of either).
 */
const v1ToV2: Upcaster = (raw) => {
  const withOrigin = { ...raw, origin: raw.origin ?? null };
  if (raw.kind !== 'card.created' || !isObject(raw.data) || !isObject(raw.data.card)) return withOrigin;
  const card = raw.data.card;
  return {
    ...withOrigin,
    data: { ...raw.data, card: { ...card, labels: card.labels ?? [], commentCount: card.commentCount ?? 0 } },
  };
};

/**
 * What a board and a card held before the card model: no labels set, members, checklists, dates or
 * attachments.
 */
export const CARD_MODEL_DEFAULTS = {
  card: {
    assignees: [],
    checklists: [],
    startAt: null,
    dueAt: null,
    dueDone: false,
    attachments: [],
    coverAttachmentId: null,
  },
  board: { labels: [] },
} as const;

/** Version 3 added the card model and comment edits; a version-2 board, card or comment has none of it. */
const v2ToV3: Upcaster = (raw) => {
  if (!isObject(raw.data)) return raw;
  if (raw.kind === 'card.created' && isObject(raw.data.card)) {
    return { ...raw, data: { ...raw.data, card: { ...CARD_MODEL_DEFAULTS.card, ...raw.data.card } } };
  }
  if (raw.kind === 'comment.created' && isObject(raw.data.comment)) {
    return { ...raw, data: { ...raw.data, comment: { editedAt: null, ...raw.data.comment } } };
  }
  if (raw.kind === 'board.created' && isObject(raw.data.board)) {
    return { ...raw, data: { ...raw.data, board: { ...CARD_MODEL_DEFAULTS.board, ...raw.data.board } } };
  }
  return raw;
};

/** `UPCASTERS[n]` turns version n into version n + 1; one entry for every version below the current. */
const UPCASTERS: Readonly<Record<number, Upcaster>> = { 1: v1ToV2, 2: v2ToV3 };

const describe = (raw: Raw): string => {
  const kind = typeof raw.kind === 'string' ? raw.kind : '(no kind)';
  const seq = typeof raw.seq === 'number' ? String(raw.seq) : '?';
  return `board event ${kind} #${seq}`;
};

const firstProblem = (raw: Raw, errors: t.Errors): string => {
  // A union reports every member's failure; only the member named after the record's kind is telling.
  const own = errors.filter((e) => e.context.some((c) => c.type.name === raw.kind));
  if (own.length === 0) return `kind ${JSON.stringify(raw.kind) ?? 'undefined'} is not a board event kind`;
  const deepest = [...own].sort((a, b) => b.context.length - a.context.length)[0]!;
  const path = deepest.context
    .map((c) => c.key)
    .filter((k) => k !== '' && !/^\d+$/.test(k))
    .join('.');
  return `${path || 'record'} is ${JSON.stringify(deepest.value) ?? 'undefined'}`;
};

/**
 * A stored or received record in today's form: older versions are upcast first (a record without `v`
 * is version 1). Anything that does not decode is refused with a message naming its kind and seq; a
 * version newer than this build knows is refused too (it may mean things this build cannot apply).
 */
export const decodeEventRecord = (raw: unknown): E.Either<string, BoardEventRecord> => {
  if (!isObject(raw)) return E.left('board event record is not an object');
  const version = raw.v ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1 || version > EVENT_SCHEMA_VERSION) {
    return E.left(
      `${describe(raw)} has schema version ${String(version)}; this build reads 1 to ${EVENT_SCHEMA_VERSION}`,
    );
  }
  let current = raw;
  for (let v = version; v < EVENT_SCHEMA_VERSION; v++) {
    const up = UPCASTERS[v];
    if (up === undefined) return E.left(`${describe(raw)}: no upcaster from schema version ${v}`);
    current = up(current);
  }
  const decoded = BoardEventRecordCodec.decode(current);
  return E.isRight(decoded)
    ? decoded
    : E.left(`${describe(raw)} (schema version ${version}) does not decode: ${firstProblem(current, decoded.left)}`);
};
