import type { Notification } from '../../../src/domain/notification';

/** The notifications about one card (or one invitation), newest first. */
export interface NotificationGroup {
  readonly key: string;
  readonly title: string;
  readonly boardTitle: string | null;
  readonly href: string;
  readonly items: readonly Notification[];
  readonly unread: number;
}

/** Where a notification leads: the card open on its board, or the invitations list. */
export const hrefOf = (n: Notification): string =>
  n.kind === 'invited' || n.boardId === null
    ? '/app'
    : `/app/teams/${n.teamId}/boards/${n.boardId}${n.cardId === null ? '' : `?card=${n.cardId}`}`;

/** Groups newest-first notifications by card, each group placed where its newest one is. */
export const groupByCard = (items: readonly Notification[]): readonly NotificationGroup[] => {
  const groups = new Map<string, Notification[]>();
  for (const n of items) {
    const key = n.cardId === null ? `one:${n.id}` : `card:${n.cardId}`;
    const group = groups.get(key);
    if (group) group.push(n);
    else groups.set(key, [n]);
  }
  return [...groups].map(([key, group]) => {
    const newest = group[0]!;
    return {
      key,
      title: newest.title,
      boardTitle: newest.boardTitle,
      href: hrefOf(newest),
      items: group,
      unread: group.filter((n) => n.readAt === null).length,
    };
  });
};

/** What happened, as a sentence with the actor ("Ana mentioned you"). */
export const describe = (n: Notification): string => {
  const who = n.actor?.name ?? 'Someone';
  switch (n.kind) {
    case 'assigned':
      return `${who} assigned you`;
    case 'mentioned':
      return `${who} mentioned you`;
    case 'comment':
      return `${who} commented`;
    case 'due_soon':
      return 'Due within 24 hours';
    case 'overdue':
      return 'Overdue';
    case 'invited':
      return `${who} invited you to the team`;
  }
};
