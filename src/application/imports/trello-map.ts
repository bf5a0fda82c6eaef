import * as E from 'fp-ts/Either';
import { CARD_MODEL_LIMITS, validation, type AppError, type UserId } from '../../domain';
import type { ImportPlan, PlanCard, PlanChecklist, PlanList, TeamPerson } from './import-plan';
import { bodyText, Notes, titleText } from './import-text';
import {
  arr,
  attachmentLines,
  byPos,
  instantOf,
  isObj,
  mapChecklists,
  mapComments,
  mapLabels,
  matchMembers,
  str,
  type Obj,
} from './trello-parts';

/** The Trello board an export describes: its id, or null when `json` is not a Trello board export. */
export const trelloBoardId = (json: unknown): string | null =>
  isObj(json) && typeof json.id === 'string' && Array.isArray(json.lists) && Array.isArray(json.cards) ? json.id : null;

const notTrello = (): AppError =>
  validation(
    'This is not a Trello board export (Board menu → Print, export and share → Export as JSON)',
    'invalid_import',
  );

interface CardContext {
  readonly notes: Notes;
  readonly labelNames: Map<string, string>;
  readonly members: Map<string, string>;
  readonly checklists: Map<string, PlanChecklist[]>;
  readonly comments: Map<string, string[]>;
  links: number;
}

/** The label names a Trello card carries (by `idLabels`, else its `labels`), at most 20. */
const cardLabels = (c: Obj, ctx: CardContext, title: string): string[] => {
  const ids = Array.isArray(c.idLabels) ? c.idLabels.map(str) : arr(c.labels).map((l) => str(l.id));
  const names = [...new Set(ids.flatMap((id) => ctx.labelNames.get(id) ?? []))];
  if (names.length > 20) ctx.notes.add(`Card "${title}"`, `${names.length - 20} labels past the limit of 20 left out`);
  return names.slice(0, 20);
};

const cardAssignees = (c: Obj, ctx: CardContext): UserId[] => {
  const ids = Array.isArray(c.idMembers) ? c.idMembers.map(str) : [];
  const users = [...new Set(ids.flatMap((id) => ctx.members.get(id) ?? []))] as UserId[];
  return users.slice(0, CARD_MODEL_LIMITS.assigneesPerCard);
};

/** The description with the card's attachments appended as a "Links" list, within 10,000 characters. */
const describe = (c: Obj, ctx: CardContext, title: string): string => {
  const { lines, links } = attachmentLines(c.attachments, ctx.notes, title);
  ctx.links += links;
  const desc = str(c.desc);
  const full = lines.length === 0 ? desc : `${desc}${desc ? '\n\n' : ''}Links:\n${lines.join('\n')}`;
  return bodyText(full, 10_000, ctx.notes, `Description of "${title}"`);
};

const mapCard = (c: Obj, ctx: CardContext): PlanCard => {
  const title = titleText(c.name, 200, 'Untitled card', ctx.notes, `Card "${str(c.name).slice(0, 40)}"`);
  let startAt = instantOf(c.start);
  const dueAt = instantOf(c.due);
  if (startAt !== null && dueAt !== null && startAt > dueAt) {
    ctx.notes.add(`Card "${title}"`, 'start date after the due date left out');
    startAt = null;
  }
  return {
    title,
    description: describe(c, ctx, title),
    archived: c.closed === true,
    labels: cardLabels(c, ctx, title),
    startAt,
    dueAt,
    dueDone: dueAt !== null && c.dueComplete === true,
    dueDate: null,
    assignees: cardAssignees(c, ctx),
    checklists: ctx.checklists.get(str(c.id)) ?? [],
    comments: ctx.comments.get(str(c.id)) ?? [],
  };
};

/** Lists in `pos` order, each with its cards in `pos` order; cards of no list are reported. */
const mapLists = (root: Obj, ctx: CardContext): PlanList[] => {
  const cardsByList = new Map<string, Obj[]>();
  for (const c of arr(root.cards)) cardsByList.set(str(c.idList), [...(cardsByList.get(str(c.idList)) ?? []), c]);
  const lists = byPos(arr(root.lists)).map((l) => {
    const cards = byPos(cardsByList.get(str(l.id)) ?? []).map((c) => mapCard(c, ctx));
    cardsByList.delete(str(l.id));
    return {
      title: titleText(l.name, 200, 'Untitled list', ctx.notes, `List "${str(l.name).slice(0, 40)}"`),
      archived: l.closed === true,
      cards,
    };
  });
  for (const orphans of cardsByList.values())
    for (const c of orphans) ctx.notes.add(`Card "${str(c.name).slice(0, 40)}"`, 'its list is not in the export');
  return lists;
};

/**
 * Maps a Trello board export (JSON as "Export as JSON" writes it) to an import plan. Pure: the team's
 * members come in to match people, nothing is read or written.
 */
export const mapTrello = (json: unknown, team: readonly TeamPerson[]): E.Either<AppError, ImportPlan> => {
  if (trelloBoardId(json) === null) return E.left(notTrello());
  const root = json as Obj;
  const notes = new Notes();
  const { labels, nameById } = mapLabels(root.labels, notes);
  const { byId, matched, unmatched } = matchMembers(root.members, team);
  const ctx: CardContext = {
    notes,
    labelNames: nameById,
    members: byId,
    checklists: mapChecklists(root.checklists, notes),
    comments: mapComments(root.actions, notes),
    links: 0,
  };
  const lists = mapLists(root, ctx);
  return E.right({
    title: titleText(root.name, 200, 'Imported board', notes, 'Board name'),
    labels,
    lists,
    members: { matched, unmatched },
    skipped: notes.all(),
    attachments: ctx.links,
  });
};
