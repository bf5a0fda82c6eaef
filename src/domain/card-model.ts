import * as t from 'io-ts';
import type { Uuid } from './ids';

/**
 * The richer card model: a board's coloured label set, checklists, and dates with a time. Cards name
 * their labels (`Card.labels` holds label names, unique per board ignoring case) rather than pointing
 * at label ids: wave-1 cards already carried free-text names, a rename rewrites the board's cards in
 * the same event, and a name with no entry in the set still shows (in a neutral colour) instead of
 * vanishing. See docs/adr/labels-by-name.md.
 */

/** The fixed label palette: each colour has a text colour meeting WCAG AA contrast in the web. */
export const LABEL_COLORS = [
  'green',
  'yellow',
  'orange',
  'red',
  'purple',
  'blue',
  'sky',
  'lime',
  'pink',
  'grey',
] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];
export const LabelColorCodec = t.keyof(
  Object.fromEntries(LABEL_COLORS.map((c) => [c, null])) as Record<LabelColor, null>,
  'LabelColor',
);

/** The colour a label gets when none was chosen: the palette in turn, so a new board's labels differ. */
export const nextLabelColor = (taken: number): LabelColor => LABEL_COLORS[taken % LABEL_COLORS.length]!;

export interface BoardLabel {
  readonly id: Uuid;
  readonly name: string;
  readonly color: LabelColor;
}

export interface ChecklistItem {
  readonly id: Uuid;
  readonly title: string;
  readonly done: boolean;
  /** A fractional-indexing key, like a card's rank. */
  readonly rank: string;
}

export interface Checklist {
  readonly id: Uuid;
  readonly title: string;
  /** In display order (by rank, then id). */
  readonly items: readonly ChecklistItem[];
}

/** Limits that keep one card's row and one board's label set small enough to decide in memory. */
export const CARD_MODEL_LIMITS = {
  labelsPerBoard: 50,
  checklistsPerCard: 20,
  itemsPerChecklist: 200,
  assigneesPerCard: 20,
} as const;

/** Two label names are the same label when they match ignoring case. */
export const sameLabelName = (a: string, b: string): boolean => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/** Progress of a card's checklists: items done of all items (what the card front shows as "3/7"). */
export const checklistProgress = (checklists: readonly Checklist[]): { done: number; total: number } => {
  let done = 0;
  let total = 0;
  for (const list of checklists) {
    for (const item of list.items) {
      total += 1;
      if (item.done) done += 1;
    }
  }
  return { done, total };
};

interface InstantBrand {
  readonly Instant: unique symbol;
}
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
/**
 * A moment in time, ISO 8601 with a zone (`Z` or an offset), between years 1970 and 9999. The server
 * stores it as UTC; the viewer's browser shows it in the viewer's own zone.
 */
export const Instant = t.brand(
  t.string,
  (s): s is t.Branded<string, InstantBrand> => {
    if (!INSTANT_RE.test(s)) return false;
    // Date.parse rolls 30 February over into March; the calendar date must exist as written.
    const day = new Date(`${s.slice(0, 10)}T00:00:00Z`);
    if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== s.slice(0, 10)) return false;
    const ms = Date.parse(s);
    return !Number.isNaN(ms) && ms >= 0 && ms < Date.UTC(10000, 0, 1);
  },
  'Instant',
);
export type Instant = t.TypeOf<typeof Instant>;

/** An instant in the canonical form stored and sent: UTC with milliseconds. */
export const canonicalInstant = (s: string): string => new Date(Date.parse(s)).toISOString();

/**
 * A card's body text as search reads it: the description, then each checklist's title and its items'
 * titles, one per line (Postgres builds the same text with `boardroom_card_text`, shard migration 0008).
 */
export const cardBodyText = (card: { description: string; checklists: readonly Checklist[] }): string =>
  [card.description, ...card.checklists.flatMap((c) => [c.title, ...c.items.map((i) => i.title)])].join('\n');
