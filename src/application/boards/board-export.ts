import { checklistProgress, renderMentionsPlain, type Card, type List } from '../../domain';
import type { BoardSnapshot, CommentView, ExportFile } from '../api';

/** Everything an export holds: the snapshot plus each card's comments, oldest first. */
export interface BoardExport {
  readonly snapshot: BoardSnapshot;
  readonly comments: ReadonlyMap<string, readonly CommentView[]>;
  readonly exportedAt: string;
  /** Display names of the people assigned to cards or mentioned in the CSV's text, by user id. */
  readonly names?: ReadonlyMap<string, string>;
}

/** A file name made of the board title: lower-case ASCII words joined by dashes. */
export const slugify = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '') || 'board';

// A spreadsheet treats these first characters as the start of a formula (CSV injection, OWASP), also when
// spaces or line breaks come first and in their full-width forms, which some spreadsheets normalise.
const FORMULA_START = /^[\t\r\n]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One CSV field: formula starts neutralised with a leading quote, then quoted per RFC 4180 if needed. */
export const csvField = (value: string): string => {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const csvRow = (fields: readonly string[]): string => fields.map(csvField).join(',');

export const CSV_HEADER = [
  'list',
  'title',
  'description',
  'labels',
  'dueDate',
  'archived',
  'createdAt',
  'comments',
  'startAt',
  'dueAt',
  'dueDone',
  'checklist',
  'members',
];

const cardRow = (
  card: Card,
  list: List | undefined,
  comments: readonly CommentView[],
  names: ReadonlyMap<string, string>,
): string[] => {
  // People read a CSV: mentions are `@name` there (the JSON export keeps tokens, to re-import losslessly).
  const plain = (text: string) => renderMentionsPlain(text, (id) => names.get(id));
  return [
    list?.title ?? '',
    card.title,
    plain(card.description),
    card.labels.join('; '),
    card.dueDate ?? '',
    String(card.archived),
    card.createdAt,
    comments.map((c) => `${c.authorName} (${c.createdAt}): ${plain(c.body)}`).join('\n'),
    card.startAt ?? '',
    card.dueAt ?? '',
    String(card.dueDone),
    progressCell(card),
    card.assignees.map((id) => names.get(id) ?? FORMER_MEMBER).join('; '),
  ];
};

const FORMER_MEMBER = 'A former member';

/** Checklist progress as `done/total`, empty for a card without checklist items. */
const progressCell = (card: Card): string => {
  const { done, total } = checklistProgress(card.checklists);
  return total === 0 ? '' : `${done}/${total}`;
};

function* csvLines(data: BoardExport): Generator<string> {
  const lists = new Map(data.snapshot.lists.map((l) => [l.id, l]));
  yield csvRow(CSV_HEADER) + '\r\n';
  for (const card of data.snapshot.cards) {
    const comments = data.comments.get(card.id) ?? [];
    yield csvRow(cardRow(card, lists.get(card.listId), comments, data.names ?? new Map())) + '\r\n';
  }
}

/** RFC 4180 CSV, one row per card in board order, CRLF line ends, produced row by row. */
export const toCsv = (data: BoardExport): ExportFile => ({
  contentType: 'text/csv; charset=utf-8',
  filename: `${slugify(data.snapshot.board.title)}.csv`,
  chunks: { [Symbol.iterator]: () => csvLines(data) },
});

/** `value` pretty-printed at nesting depth 1 (two spaces in), as it sits inside the top-level object. */
const nested = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');

function* jsonParts(data: BoardExport): Generator<string> {
  const { board, lists, cards, seq } = data.snapshot;
  const head = { exportedAt: data.exportedAt, seq, board, lists };
  yield JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "cards": [');
  let first = true;
  for (const card of cards) {
    const withComments = { ...card, comments: data.comments.get(card.id) ?? [] };
    yield `${first ? '' : ','}\n    ${nested(withComments).replace(/\n/g, '\n  ')}`;
    first = false;
  }
  yield cards.length === 0 ? ']\n}' : '\n  ]\n}';
}

/** The snapshot as pretty-printed JSON, each card carrying its comments, produced card by card. */
export const toJson = (data: BoardExport): ExportFile => ({
  contentType: 'application/json',
  filename: `${slugify(data.snapshot.board.title)}.json`,
  chunks: { [Symbol.iterator]: () => jsonParts(data) },
});
