import type { Board, Card, Comment, List, Rank } from './board';
import type { BoardId, CardId, CommentId, ListId, TeamId, UserId } from './ids';
import type { PlacementUsed } from './placement';
import type { BoardLabel, Checklist } from './card-model';
import type { Attachment } from './attachment';

/** Changes a `card.updated` event carries; absent fields are unchanged. */
export interface CardChanges {
  readonly title?: string;
  readonly description?: string;
  readonly dueDate?: string | null;
  readonly labels?: readonly string[];
  readonly archived?: boolean;
  readonly startAt?: string | null;
  readonly dueAt?: string | null;
  readonly dueDone?: boolean;
  readonly coverAttachmentId?: string | null;
}

/** What a `checklist.changed` event did, for the activity feed (the event also carries the result). */
export interface ChecklistChange {
  readonly what:
    | 'created'
    | 'renamed'
    | 'deleted'
    | 'item.added'
    | 'item.renamed'
    | 'item.checked'
    | 'item.unchecked'
    | 'item.moved'
    | 'item.deleted';
  /** The checklist's title (its new one after a rename). */
  readonly checklist: string;
  /** The item's title, for item changes (its new one after a rename). */
  readonly item?: string;
}

export interface ListChanges {
  readonly title?: string;
  readonly archived?: boolean;
}

/**
 * Everything that can happen to a board. Events are self-contained: they carry every value the
 * reducer needs (ranks computed by the server, titles at the time for the activity feed), so
 * `applyEvent` never looks anything up.
 */
export type BoardEvent =
  | { readonly kind: 'board.created'; readonly data: { readonly board: Board } }
  | {
      readonly kind: 'board.updated';
      readonly data: { readonly title?: string; readonly archived?: boolean; readonly previousTitle: string };
    }
  | {
      readonly kind: 'list.created';
      /** `placement`: which stale-anchor rule placed it; absent on events written before the rule. */
      readonly data: { readonly list: List; readonly placement?: PlacementUsed };
    }
  | {
      readonly kind: 'list.updated';
      readonly data: { readonly listId: ListId; readonly changes: ListChanges; readonly previousTitle: string };
    }
  | {
      readonly kind: 'list.moved';
      readonly data: {
        readonly listId: ListId;
        readonly rank: Rank;
        readonly title: string;
        readonly placement?: PlacementUsed;
      };
    }
  | {
      readonly kind: 'list.deleted';
      readonly data: { readonly listId: ListId; readonly title: string; readonly cardIds: readonly CardId[] };
    }
  | {
      readonly kind: 'card.created';
      readonly data: { readonly card: Card; readonly listTitle: string; readonly placement?: PlacementUsed };
    }
  | {
      readonly kind: 'card.updated';
      readonly data: {
        readonly cardId: CardId;
        readonly changes: CardChanges;
        readonly title: string;
        readonly updatedAt: string;
      };
    }
  | {
      readonly kind: 'card.moved';
      readonly data: {
        readonly cardId: CardId;
        readonly title: string;
        readonly fromListId: ListId;
        readonly fromListTitle: string;
        readonly toListId: ListId;
        readonly toListTitle: string;
        readonly rank: Rank;
        readonly updatedAt: string;
        /** Which stale-anchor rule placed the card; absent on events written before the rule. */
        readonly placement?: PlacementUsed;
      };
    }
  | {
      readonly kind: 'card.deleted';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly listId: ListId };
    }
  | { readonly kind: 'comment.created'; readonly data: { readonly comment: Comment; readonly cardTitle: string } }
  | {
      readonly kind: 'comment.updated';
      readonly data: {
        readonly commentId: CommentId;
        readonly cardId: CardId;
        readonly cardTitle: string;
        readonly body: string;
        readonly editedAt: string;
      };
    }
  | {
      readonly kind: 'comment.deleted';
      readonly data: { readonly commentId: CommentId; readonly cardId: CardId; readonly cardTitle: string };
    }
  /** Label events carry the board's whole label set after the change (`labels`), so applying one is a set. */
  | {
      readonly kind: 'label.created';
      readonly data: { readonly label: BoardLabel; readonly labels: readonly BoardLabel[] };
    }
  | {
      readonly kind: 'label.updated';
      /** A rename renames the label on every card of the board that has it (`previousName` → `label.name`). */
      readonly data: {
        readonly label: BoardLabel;
        readonly previousName: string;
        readonly labels: readonly BoardLabel[];
      };
    }
  | {
      readonly kind: 'label.deleted';
      /** Deleting a label takes it off every card of the board. */
      readonly data: { readonly label: BoardLabel; readonly labels: readonly BoardLabel[] };
    }
  | {
      readonly kind: 'card.labeled';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly label: string };
    }
  | {
      readonly kind: 'card.unlabeled';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly label: string };
    }
  | {
      readonly kind: 'card.member.added';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly userId: UserId };
    }
  | {
      readonly kind: 'card.member.removed';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly userId: UserId };
    }
  /** Any change to a card's checklists; `checklists` is the card's checklists after it. */
  | {
      readonly kind: 'checklist.changed';
      readonly data: {
        readonly cardId: CardId;
        readonly title: string;
        readonly change: ChecklistChange;
        readonly checklists: readonly Checklist[];
      };
    }
  /** A file was stored and put on a card. */
  | {
      readonly kind: 'attachment.added';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly attachment: Attachment };
    }
  /** A file was taken off a card (and stops being its cover if it was). */
  | {
      readonly kind: 'attachment.removed';
      readonly data: { readonly cardId: CardId; readonly title: string; readonly attachment: Attachment };
    }
  /**
   * The cards of a list got fresh, short ranks in the same order (ranks grow with every move between two
   * neighbours; past a bound the list is renumbered). Bookkeeping: no activity line.
   */
  | {
      readonly kind: 'list.reranked';
      readonly data: {
        readonly listId: ListId;
        readonly title: string;
        readonly ranks: readonly { readonly cardId: CardId; readonly rank: Rank }[];
      };
    };

export type BoardEventKind = BoardEvent['kind'];

/** Who sent a mutation: a client id and its mutation id, the dedupe key for retries. */
export interface Origin {
  readonly clientId: string;
  readonly mid: string;
  /**
   * A digest of the request the mid came with (method, path, body). A mid reused with a different request
   * is refused instead of answering the first one; never part of a committed event.
   */
  readonly fingerprint?: string;
}

/** The origin as a committed event carries it: without the request fingerprint. */
export const recordedOrigin = (origin: Origin | null): Origin | null =>
  origin === null ? null : { clientId: origin.clientId, mid: origin.mid };

/** Whether a remembered mutation and a new attempt with the same mid are the same request. */
export const sameRequest = (remembered: string | null | undefined, attempt: Origin): boolean =>
  remembered === null ||
  remembered === undefined ||
  attempt.fingerprint === undefined ||
  remembered === attempt.fingerprint;

/** A committed event as stored in the board's event log and sent to clients. */
export type BoardEventRecord = BoardEvent & {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly seq: number;
  readonly actor: UserId;
  readonly origin: Origin | null;
  readonly at: string;
};
