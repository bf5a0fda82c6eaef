import type { Board, Card, List } from '../../../../src/domain/board';
import { dueMoment } from './dates';

/** A board as `GET /api/teams/:teamId/boards/:boardId` answers it. */
export interface BoardSnapshot {
  readonly board: Board;
  readonly lists: readonly List[];
  readonly cards: readonly Card[];
}

export interface AssignedCard {
  readonly board: Board;
  readonly listTitle: string;
  readonly card: Card;
}

/** How many boards the "assigned to me" page reads at most (one request each); it says so past that. */
export const ASSIGNED_BOARD_CAP = 25;

/**
 * The open cards assigned to `me` on open lists of the given boards: soonest due first (cards without a
 * due date last), then by title.
 */
export const assignedCards = (snapshots: readonly BoardSnapshot[], me: string, zone: string): AssignedCard[] => {
  const rows: AssignedCard[] = [];
  for (const s of snapshots) {
    const lists = new Map(s.lists.filter((l) => !l.archived).map((l) => [l.id as string, l.title]));
    for (const card of s.cards) {
      const listTitle = lists.get(card.listId);
      if (card.archived || listTitle === undefined || !card.assignees.some((a) => a === me)) continue;
      rows.push({ board: s.board, listTitle, card });
    }
  }
  const due = (r: AssignedCard) => dueMoment(r.card, zone) ?? Number.POSITIVE_INFINITY;
  return rows.sort((a, b) => due(a) - due(b) || a.card.title.localeCompare(b.card.title));
};
