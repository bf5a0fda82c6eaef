import type { Board, Card, List } from '../../src/domain/board';
import type { BoardState } from '../../src/domain/board-state';
import type { BoardEventRecord } from '../../src/domain/events';
import type { BoardId, CardId, ListId, TeamId, UserId } from '../../src/domain/ids';

const AT = '2025-01-15T09:00:00.000Z';
export const TEAM = '00000000-0000-4000-8000-00000000000a' as TeamId;
export const BOARD = '00000000-0000-4000-8000-00000000000b' as BoardId;
export const ALICE = '00000000-0000-4000-8000-0000000000a1' as UserId;
export const BOB = '00000000-0000-4000-8000-0000000000b0' as UserId;

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const board: Board = {
  id: BOARD,
  teamId: TEAM,
  title: 'Launch',
  archived: false,
  createdAt: AT,
  createdBy: ALICE,
  labels: [{ id: '00000000-0000-4000-8000-000000001a01' as UserId, name: 'bug', color: 'red' }],
};

export const list = (n: number, title: string, rank: string): List => ({
  id: uuid(0x100 + n) as ListId,
  teamId: TEAM,
  boardId: BOARD,
  title,
  rank,
  archived: false,
  createdAt: AT,
});

export const card = (n: number, title: string, listId: string, rank: string): Card => ({
  id: uuid(0x200 + n) as CardId,
  teamId: TEAM,
  boardId: BOARD,
  listId: listId as ListId,
  title,
  description: '',
  dueDate: null,
  labels: [],
  rank,
  archived: false,
  commentCount: 0,
  createdAt: AT,
  updatedAt: AT,
  createdBy: ALICE,
  assignees: [],
  checklists: [],
  startAt: null,
  dueAt: null,
  dueDone: false,
  attachments: [],
  coverAttachmentId: null,
});

export const todo = list(1, 'To Do', 'a0');
export const done = list(2, 'Done', 'a1');
export const fixLogin = card(1, 'Fix login', todo.id, 'a0');
export const writeDocs = card(2, 'Write docs', todo.id, 'a1');
export const shipIt = card(3, 'Ship it', done.id, 'a0');

/** To Do: Fix login, Write docs; Done: Ship it; at seq 10. */
export const sampleState = (): BoardState => ({
  board,
  lists: { [todo.id]: todo, [done.id]: done },
  cards: { [fixLogin.id]: fixLogin, [writeDocs.id]: writeDocs, [shipIt.id]: shipIt },
  seq: 10,
});

/** A committed `card.moved` as the server would send it. */
export const movedEvent = (
  seq: number,
  c: Card,
  toListId: string,
  rank: string,
  origin: { clientId: string; mid: string } | null = null,
): BoardEventRecord => ({
  kind: 'card.moved',
  data: {
    cardId: c.id,
    title: c.title,
    fromListId: c.listId,
    fromListTitle: 'x',
    toListId: toListId as ListId,
    toListTitle: 'y',
    rank,
    updatedAt: AT,
  },
  teamId: TEAM,
  boardId: BOARD,
  seq,
  actor: BOB,
  origin,
  at: AT,
});
