import * as t from 'io-ts';
import type { Board, Card, List } from './board';
import { Uuid } from './ids';
import { LabelColorCodec } from './card-model';
import { AttachmentCodec } from './attachment';

/**
 * Codecs of the entities as events and stored boards carry them. They check shape, not today's input
 * rules (a title stored under older limits must still load), and they are exact: fields they do not
 * know are dropped, so a foreign field in a record can never reach the reducer's spreads.
 */

const entity = <P extends t.Props>(props: P, name: string) => t.readonly(t.exact(t.type(props)), name);

export const BoardLabelCodec = entity({ id: Uuid, name: t.string, color: LabelColorCodec }, 'BoardLabel');

export const BoardCodec = entity(
  {
    id: Uuid,
    teamId: Uuid,
    title: t.string,
    archived: t.boolean,
    createdAt: t.string,
    createdBy: Uuid,
    labels: t.readonlyArray(BoardLabelCodec),
  },
  'Board',
);

const ChecklistItemCodec = entity({ id: Uuid, title: t.string, done: t.boolean, rank: t.string }, 'ChecklistItem');
export const ChecklistCodec = entity(
  { id: Uuid, title: t.string, items: t.readonlyArray(ChecklistItemCodec) },
  'Checklist',
);
const NullableString = t.union([t.string, t.null]);

export const ListCodec = entity(
  {
    id: Uuid,
    teamId: Uuid,
    boardId: Uuid,
    title: t.string,
    rank: t.string,
    archived: t.boolean,
    createdAt: t.string,
  },
  'List',
);

export const CardCodec = entity(
  {
    id: Uuid,
    teamId: Uuid,
    boardId: Uuid,
    listId: Uuid,
    title: t.string,
    description: t.string,
    dueDate: t.union([t.string, t.null]),
    labels: t.readonlyArray(t.string),
    rank: t.string,
    archived: t.boolean,
    commentCount: t.number,
    createdAt: t.string,
    updatedAt: t.string,
    createdBy: Uuid,
    assignees: t.readonlyArray(Uuid),
    checklists: t.readonlyArray(ChecklistCodec),
    startAt: NullableString,
    dueAt: NullableString,
    dueDone: t.boolean,
    attachments: t.readonlyArray(AttachmentCodec),
    coverAttachmentId: NullableString,
  },
  'Card',
);

export const CommentCodec = entity(
  {
    id: Uuid,
    teamId: Uuid,
    boardId: Uuid,
    cardId: Uuid,
    authorId: Uuid,
    body: t.string,
    createdAt: t.string,
    editedAt: t.union([t.string, t.null]),
  },
  'Comment',
);

/** The changes of a `card.updated` event: exact, so only known card fields are ever patched. */
export const CardChangesCodec = t.readonly(
  t.exact(
    t.partial({
      title: t.string,
      description: t.string,
      dueDate: t.union([t.string, t.null]),
      labels: t.readonlyArray(t.string),
      archived: t.boolean,
      startAt: NullableString,
      dueAt: NullableString,
      dueDone: t.boolean,
      coverAttachmentId: NullableString,
    }),
  ),
  'CardChanges',
);

export const ListChangesCodec = t.readonly(t.exact(t.partial({ title: t.string, archived: t.boolean })), 'ListChanges');

/** A board as the shared reducer holds it: lists and cards by id, and the last applied seq. */
export const BoardStateCodec = t.readonly(
  t.exact(
    t.type({
      board: BoardCodec,
      lists: t.record(t.string, ListCodec),
      cards: t.record(t.string, CardCodec),
      seq: t.number,
    }),
  ),
  'BoardState',
);

/** A board with its lists and cards in display order: what a client starts from (REST, `snapshot` frames). */
export interface BoardSnapshot {
  readonly board: Board;
  readonly lists: readonly List[];
  readonly cards: readonly Card[];
  readonly seq: number;
}

/** The annotation holds the codec to `BoardSnapshot`: a field added to an entity fails here until decoded. */
export const BoardSnapshotCodec: t.Type<BoardSnapshot, unknown, unknown> = t.readonly(
  t.exact(
    t.type({
      board: BoardCodec,
      lists: t.readonlyArray(ListCodec),
      cards: t.readonlyArray(CardCodec),
      seq: t.number,
    }),
  ),
  'BoardSnapshot',
);
