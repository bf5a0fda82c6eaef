import * as E from 'fp-ts/Either';
import type { PoolClient } from 'pg';
import { conflict, type AppError, type BoardEvent, type BoardId, type TeamId } from '../../domain';

/** The team and board a mutation is scoped to. */
export interface BoardScope {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
}

/**
 * Writes one event's effect into the shard's tables, inside the mutation's transaction. One small
 * function per event kind; each is the SQL twin of the matching case in `applyEvent`.
 */
type Projector<K extends BoardEvent['kind']> = (
  c: PoolClient,
  scope: BoardScope,
  ev: Extract<BoardEvent, { kind: K }>,
) => Promise<E.Either<AppError, void>>;

const ok = E.right(undefined);
const alreadyExists = (what: string) => E.left(conflict(`A ${what} with this id already exists`, 'already_exists'));

const boardUpdated: Projector<'board.updated'> = async (c, { teamId, boardId }, { data }) => {
  await c.query(
    'UPDATE boards SET title = COALESCE($3, title), archived = COALESCE($4, archived) WHERE team_id = $1 AND id = $2',
    [teamId, boardId, data.title ?? null, data.archived ?? null],
  );
  return ok;
};

const listCreated: Projector<'list.created'> = async (c, { teamId }, { data: { list } }) => {
  const r = await c.query(
    `INSERT INTO lists (team_id, id, board_id, title, rank, archived, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [teamId, list.id, list.boardId, list.title, list.rank, list.archived, list.createdAt],
  );
  return r.rowCount === 0 ? alreadyExists('list') : ok;
};

const listUpdated: Projector<'list.updated'> = async (c, { teamId }, { data }) => {
  await c.query(
    'UPDATE lists SET title = COALESCE($3, title), archived = COALESCE($4, archived) WHERE team_id = $1 AND id = $2',
    [teamId, data.listId, data.changes.title ?? null, data.changes.archived ?? null],
  );
  return ok;
};

const listMoved: Projector<'list.moved'> = async (c, { teamId }, { data }) => {
  await c.query('UPDATE lists SET rank = $3 WHERE team_id = $1 AND id = $2', [teamId, data.listId, data.rank]);
  return ok;
};

const listDeleted: Projector<'list.deleted'> = async (c, { teamId }, { data }) => {
  await c.query(
    'DELETE FROM comments WHERE team_id = $1 AND card_id IN (SELECT id FROM cards WHERE team_id = $1 AND list_id = $2)',
    [teamId, data.listId],
  );
  await c.query('DELETE FROM cards WHERE team_id = $1 AND list_id = $2', [teamId, data.listId]);
  await c.query('DELETE FROM lists WHERE team_id = $1 AND id = $2', [teamId, data.listId]);
  return ok;
};

const cardCreated: Projector<'card.created'> = async (c, { teamId }, { data: { card } }) => {
  const r = await c.query(
    `INSERT INTO cards (team_id, id, board_id, list_id, title, description, due_date, labels, rank, archived,
                        comment_count, created_at, updated_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
    [
      teamId,
      card.id,
      card.boardId,
      card.listId,
      card.title,
      card.description,
      card.dueDate,
      card.labels,
      card.rank,
      card.archived,
      card.commentCount,
      card.createdAt,
      card.updatedAt,
      card.createdBy,
    ],
  );
  return r.rowCount === 0 ? alreadyExists('card') : ok;
};

const cardUpdated: Projector<'card.updated'> = async (c, { teamId }, { data }) => {
  const ch = data.changes;
  await c.query(
    `UPDATE cards SET title = COALESCE($3, title), description = COALESCE($4, description),
       due_date = CASE WHEN $5 THEN $6::date ELSE due_date END, labels = COALESCE($7, labels),
       archived = COALESCE($8, archived), updated_at = $9
     WHERE team_id = $1 AND id = $2`,
    [
      teamId,
      data.cardId,
      ch.title ?? null,
      ch.description ?? null,
      ch.dueDate !== undefined,
      ch.dueDate ?? null,
      ch.labels ? [...ch.labels] : null,
      ch.archived ?? null,
      data.updatedAt,
    ],
  );
  return ok;
};

const cardMoved: Projector<'card.moved'> = async (c, { teamId }, { data }) => {
  await c.query('UPDATE cards SET list_id = $3, rank = $4, updated_at = $5 WHERE team_id = $1 AND id = $2', [
    teamId,
    data.cardId,
    data.toListId,
    data.rank,
    data.updatedAt,
  ]);
  return ok;
};

const cardDeleted: Projector<'card.deleted'> = async (c, { teamId }, { data }) => {
  await c.query('DELETE FROM comments WHERE team_id = $1 AND card_id = $2', [teamId, data.cardId]);
  await c.query('DELETE FROM cards WHERE team_id = $1 AND id = $2', [teamId, data.cardId]);
  return ok;
};

const commentCreated: Projector<'comment.created'> = async (c, { teamId }, { data: { comment } }) => {
  const r = await c.query(
    `INSERT INTO comments (team_id, id, board_id, card_id, author_id, body, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
    [teamId, comment.id, comment.boardId, comment.cardId, comment.authorId, comment.body, comment.createdAt],
  );
  if (r.rowCount === 0) return alreadyExists('comment');
  await c.query('UPDATE cards SET comment_count = comment_count + 1 WHERE team_id = $1 AND id = $2', [
    teamId,
    comment.cardId,
  ]);
  return ok;
};

const listReranked: Projector<'list.reranked'> = async (c, { teamId }, { data }) => {
  await c.query(
    `UPDATE cards SET rank = r.rank
       FROM unnest($3::uuid[], $4::text[]) AS r(id, rank)
      WHERE cards.team_id = $1 AND cards.list_id = $2 AND cards.id = r.id`,
    [teamId, data.listId, data.ranks.map((r) => r.cardId), data.ranks.map((r) => r.rank)],
  );
  return ok;
};

/** Applies `ev` to the tables; `board.created` is written by the store itself, with the board row. */
export const project = (c: PoolClient, scope: BoardScope, ev: BoardEvent): Promise<E.Either<AppError, void>> => {
  switch (ev.kind) {
    case 'board.created':
      return Promise.resolve(E.left(conflict('The board already exists', 'already_exists')));
    case 'board.updated':
      return boardUpdated(c, scope, ev);
    case 'list.created':
      return listCreated(c, scope, ev);
    case 'list.updated':
      return listUpdated(c, scope, ev);
    case 'list.moved':
      return listMoved(c, scope, ev);
    case 'list.deleted':
      return listDeleted(c, scope, ev);
    case 'card.created':
      return cardCreated(c, scope, ev);
    case 'card.updated':
      return cardUpdated(c, scope, ev);
    case 'card.moved':
      return cardMoved(c, scope, ev);
    case 'card.deleted':
      return cardDeleted(c, scope, ev);
    case 'comment.created':
      return commentCreated(c, scope, ev);
    case 'list.reranked':
      return listReranked(c, scope, ev);
  }
};
