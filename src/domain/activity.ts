import type { BoardEventRecord } from './events';

/** One line of a board's activity feed. */
export interface ActivityEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: { readonly id: string; readonly name: string };
  readonly kind: BoardEventRecord['kind'];
  readonly text: string;
}

const q = (s: string) => `"${s}"`;

/** The sentence a person reads in the activity feed, e.g. `Alice moved "Fix login" from To Do to Done`. */
export const describeEvent = (ev: BoardEventRecord, actorName: string): string => {
  const who = actorName;
  switch (ev.kind) {
    case 'board.created':
      return `${who} created the board ${q(ev.data.board.title)}`;
    case 'board.updated':
      if (ev.data.archived === true) return `${who} archived the board`;
      if (ev.data.archived === false) return `${who} restored the board`;
      return `${who} renamed the board from ${q(ev.data.previousTitle)} to ${q(ev.data.title ?? ev.data.previousTitle)}`;
    case 'list.created':
      return `${who} added the list ${q(ev.data.list.title)}`;
    case 'list.updated':
      if (ev.data.changes.archived === true) return `${who} archived the list ${q(ev.data.previousTitle)}`;
      if (ev.data.changes.archived === false) return `${who} restored the list ${q(ev.data.previousTitle)}`;
      return `${who} renamed the list ${q(ev.data.previousTitle)} to ${q(ev.data.changes.title ?? ev.data.previousTitle)}`;
    case 'list.moved':
      return `${who} reordered the list ${q(ev.data.title)}`;
    case 'list.deleted':
      return `${who} deleted the list ${q(ev.data.title)}`;
    case 'card.created':
      return `${who} added ${q(ev.data.card.title)} to ${ev.data.listTitle}`;
    case 'card.updated':
      return ev.data.changes.archived === true
        ? `${who} archived ${q(ev.data.title)}`
        : ev.data.changes.archived === false
          ? `${who} restored ${q(ev.data.title)}`
          : `${who} updated ${q(ev.data.title)}`;
    case 'card.moved':
      return ev.data.fromListId === ev.data.toListId
        ? `${who} reordered ${q(ev.data.title)} in ${ev.data.toListTitle}`
        : `${who} moved ${q(ev.data.title)} from ${ev.data.fromListTitle} to ${ev.data.toListTitle}`;
    case 'card.deleted':
      return `${who} deleted ${q(ev.data.title)}`;
    case 'comment.created':
      return `${who} commented on ${q(ev.data.cardTitle)}`;
    case 'list.reranked':
      return `The cards of ${ev.data.title} were renumbered`;
  }
};
