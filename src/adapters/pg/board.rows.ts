import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  asUuid,
  decodeEventRecord,
  type Board,
  type BoardEventRecord,
  type Card,
  type Comment,
  type List,
} from '../../domain';
import { BoardLabelCodec, ChecklistCodec } from '../../domain/entity-codecs';
import { AttachmentCodec } from '../../domain/attachment';

/** Shard rows as node-postgres returns them with this adapter's type parsers (see pool.ts). */
export interface BoardRow {
  team_id: string;
  id: string;
  title: string;
  archived: boolean;
  seq: number;
  created_at: Date;
  created_by: string;
  labels: unknown;
}

export interface ListRow {
  team_id: string;
  id: string;
  board_id: string;
  title: string;
  rank: string;
  archived: boolean;
  created_at: Date;
}

export interface CardRow {
  team_id: string;
  id: string;
  board_id: string;
  list_id: string;
  title: string;
  description: string;
  due_date: string | null;
  labels: string[];
  rank: string;
  archived: boolean;
  comment_count: number;
  created_at: Date;
  updated_at: Date;
  created_by: string;
  assignees: string[];
  checklists: unknown;
  start_at: Date | null;
  due_at: Date | null;
  due_done: boolean;
  attachments: unknown;
  cover_attachment_id: string | null;
}

export interface CommentRow {
  team_id: string;
  id: string;
  board_id: string;
  card_id: string;
  author_id: string;
  body: string;
  created_at: Date;
  edited_at: Date | null;
}

export interface EventRow {
  team_id: string;
  board_id: string;
  seq: number;
  kind: string;
  data: unknown;
  actor: string;
  client_id: string | null;
  mid: string | null;
  at: Date;
  /** The schema version `data` was written in; 1 for rows older than shard migration 0004. */
  schema_version: number;
}

export const BOARD_COLUMNS = 'team_id, id, title, archived, seq, created_at, created_by, labels';
export const LIST_COLUMNS = 'team_id, id, board_id, title, rank, archived, created_at';
export const CARD_COLUMNS =
  'team_id, id, board_id, list_id, title, description, due_date, labels, rank, archived, comment_count, created_at, updated_at, created_by, assignees, checklists, start_at, due_at, due_done, attachments, cover_attachment_id';
export const COMMENT_COLUMNS = 'team_id, id, board_id, card_id, author_id, body, created_at, edited_at';
export const EVENT_COLUMNS = 'team_id, board_id, seq, kind, data, actor, client_id, mid, at, schema_version';

export const boardFromRow = (r: BoardRow): Board => ({
  id: asUuid(r.id),
  teamId: asUuid(r.team_id),
  title: r.title,
  archived: r.archived,
  createdAt: r.created_at.toISOString(),
  createdBy: asUuid(r.created_by),
  labels: decodeJsonColumn(BoardLabels, r.labels, `boards ${r.id}.labels`),
});

const BoardLabels = t.readonlyArray(BoardLabelCodec);
const Checklists = t.readonlyArray(ChecklistCodec);
const Attachments = t.readonlyArray(AttachmentCodec);

/** A jsonb column through its codec: a value the codec refuses is a corrupt row, thrown as a bug. */
const decodeJsonColumn = <A>(codec: t.Type<A, unknown, unknown>, value: unknown, where: string): A => {
  const decoded = codec.decode(value);
  if (E.isLeft(decoded)) throw new Error(`Corrupt shard row: ${where} does not decode`);
  return decoded.right;
};

export const listFromRow = (r: ListRow): List => ({
  id: asUuid(r.id),
  teamId: asUuid(r.team_id),
  boardId: asUuid(r.board_id),
  title: r.title,
  rank: r.rank,
  archived: r.archived,
  createdAt: r.created_at.toISOString(),
});

export const cardFromRow = (r: CardRow): Card => ({
  id: asUuid(r.id),
  teamId: asUuid(r.team_id),
  boardId: asUuid(r.board_id),
  listId: asUuid(r.list_id),
  title: r.title,
  description: r.description,
  dueDate: r.due_date,
  labels: r.labels,
  rank: r.rank,
  archived: r.archived,
  commentCount: r.comment_count,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  createdBy: asUuid(r.created_by),
  assignees: r.assignees.map(asUuid),
  checklists: decodeJsonColumn(Checklists, r.checklists, `cards ${r.id}.checklists`),
  startAt: r.start_at?.toISOString() ?? null,
  dueAt: r.due_at?.toISOString() ?? null,
  dueDone: r.due_done,
  attachments: decodeJsonColumn(Attachments, r.attachments, `cards ${r.id}.attachments`),
  coverAttachmentId: r.cover_attachment_id,
});

export const commentFromRow = (r: CommentRow): Comment => ({
  id: asUuid(r.id),
  teamId: asUuid(r.team_id),
  boardId: asUuid(r.board_id),
  cardId: asUuid(r.card_id),
  authorId: asUuid(r.author_id),
  body: r.body,
  createdAt: r.created_at.toISOString(),
  editedAt: r.edited_at?.toISOString() ?? null,
});

/**
 * A stored event that does not decode. Thrown, not returned: no user caused it and no retry will fix
 * it, so it surfaces as an internal error (logged by the edge that catches it) instead of a trusted lie.
 */
export class CorruptEventError extends Error {
  constructor(
    readonly teamId: string,
    readonly boardId: string,
    readonly seq: number,
    reason: string,
  ) {
    super(`Corrupt event row ${teamId}/${boardId}#${seq}: ${reason}`);
    this.name = 'CorruptEventError';
  }
}

/**
 * An event row back into the record the store wrote: the row is decoded through the event codec,
 * after its schema version's upcasters, never trusted as it comes.
 */
export const eventFromRow = (r: EventRow): BoardEventRecord => {
  const decoded = decodeEventRecord({
    v: r.schema_version,
    kind: r.kind,
    data: r.data,
    teamId: r.team_id,
    boardId: r.board_id,
    seq: r.seq,
    actor: r.actor,
    origin: r.client_id !== null && r.mid !== null ? { clientId: r.client_id, mid: r.mid } : null,
    at: r.at.toISOString(),
  });
  if (E.isLeft(decoded)) throw new CorruptEventError(r.team_id, r.board_id, r.seq, decoded.left);
  return decoded.right;
};
