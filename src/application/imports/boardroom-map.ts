import * as E from 'fp-ts/Either';
import {
  CARD_MODEL_LIMITS,
  DueDate,
  LABEL_COLORS,
  sameLabelName,
  validation,
  type AppError,
  type LabelColor,
  type UserId,
} from '../../domain';
import type { ImportPlan, PlanCard, PlanChecklist, PlanLabel, TeamPerson } from './import-plan';
import { bodyText, nameText, Notes, titleText } from './import-text';
import { arr, instantOf, isObj, str, type Obj } from './trello-parts';

/**
 * Maps Boardroom's own JSON export (`GET …/export?format=json`) back to an import plan for a new board:
 * lists and cards in their rank order with everything the export holds. Not carried over: ids and ranks
 * (new ones are made, in the same order), files (the export has their names, not their bytes; reported),
 * assignees who are not members of this team (reported), and comments' authors — the importer writes
 * each comment, whose text starts with its original author and date.
 */

const notOurs = (): AppError =>
  validation('This is not a Boardroom board export (board menu → Export → JSON)', 'invalid_import');

/** Whether `json` looks like our export: a board with a title, lists and cards. */
export const isBoardroomExport = (json: unknown): json is Obj =>
  isObj(json) &&
  isObj(json.board) &&
  typeof json.board.title === 'string' &&
  Array.isArray(json.lists) &&
  Array.isArray(json.cards) &&
  typeof json.exportedAt === 'string';

const byRank = <T extends Obj>(items: readonly T[]): T[] =>
  [...items].sort((a, b) => (str(a.rank) < str(b.rank) ? -1 : str(a.rank) > str(b.rank) ? 1 : 0));

const colorOf = (u: unknown): LabelColor =>
  (LABEL_COLORS as readonly unknown[]).includes(u) ? (u as LabelColor) : 'grey';

const mapLabels = (raw: unknown, notes: Notes): PlanLabel[] => {
  const labels: PlanLabel[] = [];
  for (const l of arr(raw)) {
    const name = titleText(l.name, 40, 'Label', notes, `Label "${str(l.name).slice(0, 40)}"`);
    if (labels.some((x) => sameLabelName(x.name, name))) continue;
    if (labels.length >= CARD_MODEL_LIMITS.labelsPerBoard) notes.add(`Label "${name}"`, 'over the label limit');
    else labels.push({ name, color: colorOf(l.color) });
  }
  return labels;
};

const mapChecklists = (raw: unknown, notes: Notes): PlanChecklist[] =>
  arr(raw)
    .slice(0, CARD_MODEL_LIMITS.checklistsPerCard)
    .map((c) => ({
      title: titleText(c.title, 200, 'Checklist', notes, 'Checklist'),
      items: byRank(arr(c.items))
        .slice(0, CARD_MODEL_LIMITS.itemsPerChecklist)
        .map((i) => ({ title: titleText(i.title, 200, 'Item', notes, 'Checklist item'), done: i.done === true })),
    }));

/** The comment as the importer writes it: original author and date first, then the original text. */
export const importedComment = (authorName: string, createdAt: string, body: string): string =>
  `${authorName} wrote on ${createdAt}:\n\n${body}`;

const mapComments = (raw: unknown, notes: Notes): string[] =>
  arr(raw).map((c) => {
    const head = importedComment(
      nameText(c.authorName, 'A former member'),
      instantOf(c.createdAt) ?? 'an unknown date',
      '',
    );
    return head + bodyText(c.body, 5_000 - head.length, notes, 'Comment');
  });

const mapCard = (c: Obj, team: ReadonlySet<string>, labels: readonly PlanLabel[], notes: Notes): PlanCard => {
  const title = titleText(c.title, 200, 'Untitled card', notes, `Card "${str(c.title).slice(0, 40)}"`);
  const assignees = Array.isArray(c.assignees) ? c.assignees.map(str) : [];
  const kept = assignees.filter((id) => team.has(id)).slice(0, CARD_MODEL_LIMITS.assigneesPerCard) as UserId[];
  if (kept.length < assignees.length)
    notes.add(`Card "${title}"`, 'assignees who are not members of this team left out');
  const files = arr(c.attachments).length;
  if (files > 0) notes.add(`Card "${title}"`, `${files} file(s) not imported: the export holds no file contents`);
  const cardLabels = (Array.isArray(c.labels) ? c.labels.map(str) : [])
    .map((n) => labels.find((l) => sameLabelName(l.name, n))?.name)
    .filter((n): n is string => n !== undefined);
  return {
    title,
    description: bodyText(c.description, 10_000, notes, `Description of "${title}"`),
    archived: c.archived === true,
    labels: [...new Set(cardLabels)].slice(0, 20),
    startAt: instantOf(c.startAt),
    dueAt: instantOf(c.dueAt),
    dueDone: c.dueDone === true,
    dueDate: DueDate.is(c.dueDate) ? c.dueDate : null,
    assignees: kept,
    checklists: mapChecklists(c.checklists, notes),
    comments: mapComments(c.comments, notes),
  };
};

/** Maps our JSON export to a plan for a new board in this team. Pure. */
export const mapBoardroom = (json: unknown, team: readonly TeamPerson[]): E.Either<AppError, ImportPlan> => {
  if (!isBoardroomExport(json)) return E.left(notOurs());
  const notes = new Notes();
  const board = json.board as Obj;
  const labels = mapLabels(board.labels, notes);
  const members = new Set(team.map((p) => p.userId as string));
  const cardsByList = new Map<string, Obj[]>();
  for (const c of arr(json.cards)) cardsByList.set(str(c.listId), [...(cardsByList.get(str(c.listId)) ?? []), c]);
  const lists = byRank(arr(json.lists)).map((l) => ({
    title: titleText(l.title, 200, 'Untitled list', notes, 'List'),
    archived: l.archived === true,
    cards: byRank(cardsByList.get(str(l.id)) ?? []).map((c) => mapCard(c, members, labels, notes)),
  }));
  return E.right({
    title: titleText(board.title, 200, 'Imported board', notes, 'Board name'),
    labels,
    lists,
    members: { matched: [], unmatched: [] },
    skipped: notes.all(),
    attachments: 0,
  });
};
