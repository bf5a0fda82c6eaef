import type { BoardEventRecord, ChecklistChange } from './events';

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
export const describeEvent = (
  ev: BoardEventRecord,
  actorName: string,
  nameOf: (userId: string) => string = () => 'someone',
): string => {
  const who = actorName;
  const names = nameOf;
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
    case 'comment.updated':
      return `${who} edited a comment on ${q(ev.data.cardTitle)}`;
    case 'comment.deleted':
      return `${who} deleted a comment on ${q(ev.data.cardTitle)}`;
    case 'label.created':
      return `${who} added the label ${q(ev.data.label.name)}`;
    case 'label.updated':
      return ev.data.previousName === ev.data.label.name
        ? `${who} recoloured the label ${q(ev.data.label.name)} ${ev.data.label.color}`
        : `${who} renamed the label ${q(ev.data.previousName)} to ${q(ev.data.label.name)}`;
    case 'label.deleted':
      return `${who} deleted the label ${q(ev.data.label.name)}`;
    case 'card.labeled':
      return `${who} labelled ${q(ev.data.title)} ${q(ev.data.label)}`;
    case 'card.unlabeled':
      return `${who} removed the label ${q(ev.data.label)} from ${q(ev.data.title)}`;
    case 'card.member.added':
      return `${who} assigned ${names(ev.data.userId)} to ${q(ev.data.title)}`;
    case 'card.member.removed':
      return `${who} unassigned ${names(ev.data.userId)} from ${q(ev.data.title)}`;
    case 'attachment.added':
      return `${who} attached ${q(ev.data.attachment.name)} to ${q(ev.data.title)}`;
    case 'attachment.removed':
      return `${who} removed the attachment ${q(ev.data.attachment.name)} from ${q(ev.data.title)}`;
    case 'checklist.changed':
      return describeChecklist(who, ev.data.title, ev.data.change);
  }
};

const describeChecklist = (who: string, card: string, c: ChecklistChange): string => {
  const item = q(c.item ?? '');
  switch (c.what) {
    case 'created':
      return `${who} added the checklist ${q(c.checklist)} to ${q(card)}`;
    case 'renamed':
      return `${who} renamed a checklist of ${q(card)} to ${q(c.checklist)}`;
    case 'deleted':
      return `${who} deleted the checklist ${q(c.checklist)} from ${q(card)}`;
    case 'item.added':
      return `${who} added ${item} to ${q(c.checklist)} on ${q(card)}`;
    case 'item.renamed':
      return `${who} renamed an item of ${q(c.checklist)} to ${item} on ${q(card)}`;
    case 'item.checked':
      return `${who} completed ${item} on ${q(card)}`;
    case 'item.unchecked':
      return `${who} marked ${item} incomplete on ${q(card)}`;
    case 'item.moved':
      return `${who} reordered ${item} in ${q(c.checklist)}`;
    case 'item.deleted':
      return `${who} deleted ${item} from ${q(c.checklist)} on ${q(card)}`;
  }
};
