import type { BoardId, LabelColor, UserId } from '../../domain';

/**
 * A board to import, mapped and cut to our limits before anything is written: every string in it is
 * storable text within its field's limit, so writing it can only fail for lost infrastructure. Both the
 * Trello and the Boardroom importers produce one; one writer turns it into board ops.
 */
export interface ImportPlan {
  readonly title: string;
  readonly labels: readonly PlanLabel[];
  readonly lists: readonly PlanList[];
  readonly members: MemberMatches;
  /** What could not be mapped (or was cut), for the report. */
  readonly skipped: readonly Skipped[];
  /** Link attachments kept (as links in the card's description). */
  readonly attachments: number;
}

export interface PlanLabel {
  readonly name: string;
  readonly color: LabelColor;
}

export interface PlanList {
  readonly title: string;
  readonly archived: boolean;
  readonly cards: readonly PlanCard[];
}

export interface PlanCard {
  readonly title: string;
  readonly description: string;
  readonly archived: boolean;
  /** Label names, each one of the plan's labels. */
  readonly labels: readonly string[];
  readonly startAt: string | null;
  readonly dueAt: string | null;
  readonly dueDone: boolean;
  /** A calendar due date (Boardroom exports carry it beside `dueAt`). */
  readonly dueDate: string | null;
  readonly assignees: readonly UserId[];
  readonly checklists: readonly PlanChecklist[];
  /** Comment bodies, oldest first; an imported comment names its original author and date in its text. */
  readonly comments: readonly string[];
}

export interface PlanChecklist {
  readonly title: string;
  readonly items: readonly { readonly title: string; readonly done: boolean }[];
}

export interface MemberMatches {
  readonly matched: readonly { readonly trelloName: string; readonly userId: UserId; readonly name: string }[];
  readonly unmatched: readonly { readonly trelloName: string; readonly username: string }[];
}

export interface Skipped {
  readonly what: string;
  readonly reason: string;
}

/** A team member as the mappers match people: id, display name and e-mail. */
export interface TeamPerson {
  readonly userId: UserId;
  readonly name: string;
  readonly email: string;
}

/** Counts of what a plan holds: the preview and the report share them. */
export interface PlanCounts {
  readonly lists: number;
  readonly cards: number;
  readonly labels: number;
  readonly checklists: number;
  readonly checkItems: number;
  readonly comments: number;
  readonly attachments: number;
}

export const countPlan = (plan: ImportPlan): PlanCounts => {
  let cards = 0;
  let checklists = 0;
  let checkItems = 0;
  let comments = 0;
  for (const list of plan.lists) {
    cards += list.cards.length;
    for (const card of list.cards) {
      checklists += card.checklists.length;
      for (const c of card.checklists) checkItems += c.items.length;
      comments += card.comments.length;
    }
  }
  return {
    lists: plan.lists.length,
    cards,
    labels: plan.labels.length,
    checklists,
    checkItems,
    comments,
    attachments: plan.attachments,
  };
};

/** `POST …/imports/…?preview=1`: what an import would make, nothing written. */
export interface ImportPreview extends PlanCounts {
  readonly boardName: string;
  readonly members: MemberMatches;
  readonly warnings: readonly string[];
}

/** What an import made, and what it left out. */
export interface ImportReport extends PlanCounts {
  readonly members: MemberMatches;
  readonly skipped: readonly Skipped[];
}

export const previewOf = (plan: ImportPlan): ImportPreview => ({
  boardName: plan.title,
  ...countPlan(plan),
  members: plan.members,
  warnings: plan.skipped.map((s) => `${s.what}: ${s.reason}`),
});

export const reportOf = (plan: ImportPlan): ImportReport => ({
  ...countPlan(plan),
  members: plan.members,
  skipped: plan.skipped,
});

/** An upload as the edge hands it over: the parsed JSON and a digest of its bytes (for idempotency). */
export interface ParsedUpload {
  readonly json: unknown;
  /** Hex SHA-256 of the uploaded bytes. */
  readonly sha256: string;
}

/**
 * The board id an import of these bytes into this team gets: the same export uploaded again to the
 * same team maps to the same id, so the store's primary key refuses the duplicate (durably, on the team's
 * shard, with no table of its own). A UUIDv8 (RFC 9562 "custom") made of the digest, which the edge
 * computes over source, team and bytes.
 */
export const importBoardId = (digestHex: string): BoardId => {
  const h = digestHex.slice(0, 32).toLowerCase();
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}` as BoardId;
};
