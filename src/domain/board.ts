import type { BoardId, CardId, CommentId, ListId, TeamId, UserId } from './ids';
import type { BoardLabel, Checklist } from './card-model';
import type { Attachment } from './attachment';

/** A fractional-indexing key; keys compare with plain `<` (byte order, `COLLATE "C"` in Postgres). */
export type Rank = string;

export interface Board {
  readonly id: BoardId;
  readonly teamId: TeamId;
  readonly title: string;
  readonly archived: boolean;
  readonly createdAt: string;
  readonly createdBy: UserId;
  /** The board's label set: cards name these labels (see card-model.ts). */
  readonly labels: readonly BoardLabel[];
}

export interface List {
  readonly id: ListId;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly title: string;
  readonly rank: Rank;
  readonly archived: boolean;
  readonly createdAt: string;
}

export interface Card {
  readonly id: CardId;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly listId: ListId;
  readonly title: string;
  readonly description: string;
  /** `YYYY-MM-DD` or null. */
  readonly dueDate: string | null;
  readonly labels: readonly string[];
  readonly rank: Rank;
  readonly archived: boolean;
  readonly commentCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly createdBy: UserId;
  /** Team members assigned to the card, in the order they were added. */
  readonly assignees: readonly UserId[];
  readonly checklists: readonly Checklist[];
  /** ISO 8601 instants (UTC) or null; shown in the viewer's time zone. */
  readonly startAt: string | null;
  readonly dueAt: string | null;
  /** Whether the due work is done: a done card is never shown overdue. */
  readonly dueDone: boolean;
  /** Files on the card, oldest first. */
  readonly attachments: readonly Attachment[];
  /** The image attachment shown on the card's front, or null. */
  readonly coverAttachmentId: string | null;
}

export interface Comment {
  readonly id: CommentId;
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly cardId: CardId;
  readonly authorId: UserId;
  readonly body: string;
  readonly createdAt: string;
  /** When the body was last edited, or null. */
  readonly editedAt: string | null;
}

/** Where a card or list should land, relative to its future neighbours. */
export interface Placement<Id extends string> {
  readonly afterId?: Id;
  readonly beforeId?: Id;
}
