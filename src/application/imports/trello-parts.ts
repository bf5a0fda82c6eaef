import {
  CARD_MODEL_LIMITS,
  Instant,
  canonicalInstant,
  normalizeEmail,
  sameLabelName,
  type LabelColor,
} from '../../domain';
import type { MemberMatches, PlanChecklist, PlanLabel, TeamPerson } from './import-plan';
import { bodyText, nameText, titleText, type Notes } from './import-text';

/** The parts of a Trello export the importer reads; anything else in it is ignored. */
export type Obj = Record<string, unknown>;
export const isObj = (u: unknown): u is Obj => typeof u === 'object' && u !== null && !Array.isArray(u);
export const arr = (u: unknown): Obj[] => (Array.isArray(u) ? u.filter(isObj) : []);
export const str = (u: unknown): string => (typeof u === 'string' ? u : '');
const num = (u: unknown): number => (typeof u === 'number' && Number.isFinite(u) ? u : 0);

/** Items in Trello's `pos` order; equal positions keep the export's order. */
export const byPos = <T extends Obj>(items: readonly T[]): T[] =>
  items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => num(a.item.pos) - num(b.item.pos) || a.i - b.i)
    .map(({ item }) => item);

/**
 * Trello's label colours (each also in a `_dark` and `_light` shade) to the nearest of our palette: the
 * same hue where we have it, black to grey, no colour to grey.
 */
const TRELLO_COLORS: Readonly<Record<string, LabelColor>> = {
  green: 'green',
  yellow: 'yellow',
  orange: 'orange',
  red: 'red',
  purple: 'purple',
  blue: 'blue',
  sky: 'sky',
  lime: 'lime',
  pink: 'pink',
  black: 'grey',
};

export const paletteColor = (trello: unknown): LabelColor =>
  TRELLO_COLORS[str(trello).replace(/_(dark|light)$/, '')] ?? 'grey';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The board's labels, named (a colour-only Trello label takes its colour's name), one per name. */
export const mapLabels = (raw: unknown, notes: Notes): { labels: PlanLabel[]; nameById: Map<string, string> } => {
  const labels: PlanLabel[] = [];
  const nameById = new Map<string, string>();
  for (const l of arr(raw)) {
    const color = paletteColor(l.color);
    const fallback = capitalized(str(l.color).replace(/_/g, ' ') || 'Label');
    const name = titleText(l.name, 40, fallback.slice(0, 40), notes, `Label "${str(l.name).slice(0, 40)}"`);
    const same = labels.find((x) => sameLabelName(x.name, name));
    if (same) {
      nameById.set(str(l.id), same.name);
      continue;
    }
    if (labels.length >= CARD_MODEL_LIMITS.labelsPerBoard) {
      notes.add(`Label "${name}"`, `a board holds at most ${CARD_MODEL_LIMITS.labelsPerBoard} labels`);
      continue;
    }
    labels.push({ name, color });
    nameById.set(str(l.id), name);
  }
  return { labels, nameById };
};

/** A Trello instant (`due`, `start`) as ours, or null when absent or not a valid instant. */
export const instantOf = (raw: unknown): string | null =>
  typeof raw === 'string' && Instant.is(raw) ? canonicalInstant(raw) : null;

/**
 * Trello members matched to team members: by e-mail when the export has one, else by username or full
 * name equal to a team member's name (ignoring case), only when exactly one team member fits.
 */
export const matchMembers = (
  raw: unknown,
  team: readonly TeamPerson[],
): MemberMatches & { byId: Map<string, string> } => {
  const matched: MemberMatches['matched'][number][] = [];
  const unmatched: MemberMatches['unmatched'][number][] = [];
  const byId = new Map<string, string>();
  for (const m of arr(raw)) {
    const trelloName = nameText(m.fullName, nameText(m.username, 'Unknown'));
    const username = nameText(m.username, '');
    const email = str(m.email) ? normalizeEmail(str(m.email)) : '';
    const names = [trelloName, username].filter((n) => n !== '').map((n) => n.toLocaleLowerCase());
    const byEmail = email ? team.filter((p) => normalizeEmail(p.email) === email) : [];
    const byName = team.filter((p) => names.includes(p.name.toLocaleLowerCase()));
    const fits = byEmail.length === 1 ? byEmail : byName;
    if (fits.length === 1) {
      matched.push({ trelloName, userId: fits[0]!.userId, name: fits[0]!.name });
      byId.set(str(m.id), fits[0]!.userId);
    } else unmatched.push({ trelloName, username });
  }
  return { matched, unmatched, byId };
};

/** Checklists by card id, each in `pos` order with its items in `pos` order, cut to our limits. */
export const mapChecklists = (raw: unknown, notes: Notes): Map<string, PlanChecklist[]> => {
  const byCard = new Map<string, PlanChecklist[]>();
  for (const c of byPos(arr(raw))) {
    const cardId = str(c.idCard);
    const lists = byCard.get(cardId) ?? [];
    const title = titleText(c.name, 200, 'Checklist', notes, `Checklist "${str(c.name).slice(0, 40)}"`);
    if (lists.length >= CARD_MODEL_LIMITS.checklistsPerCard) {
      notes.add(`Checklist "${title}"`, `a card holds at most ${CARD_MODEL_LIMITS.checklistsPerCard} checklists`);
      continue;
    }
    const all = byPos(arr(c.checkItems));
    if (all.length > CARD_MODEL_LIMITS.itemsPerChecklist)
      notes.add(
        `Checklist "${title}"`,
        `${all.length - CARD_MODEL_LIMITS.itemsPerChecklist} items past the limit of ${CARD_MODEL_LIMITS.itemsPerChecklist} left out`,
      );
    const items = all.slice(0, CARD_MODEL_LIMITS.itemsPerChecklist).map((i) => ({
      title: titleText(i.name, 200, 'Item', notes, `Checklist item "${str(i.name).slice(0, 40)}"`),
      done: i.state === 'complete',
    }));
    byCard.set(cardId, [...lists, { title, items }]);
  }
  return byCard;
};

/** `commentCard` actions by card id, oldest first, each naming its author and date in the text. */
export const mapComments = (actions: unknown, notes: Notes): Map<string, string[]> => {
  const comments = arr(actions)
    .filter((a) => a.type === 'commentCard' && isObj(a.data) && isObj(a.data.card))
    .sort((a, b) => str(a.date).localeCompare(str(b.date)));
  const byCard = new Map<string, string[]>();
  for (const a of comments) {
    const data = a.data as Obj;
    const creator = isObj(a.memberCreator) ? a.memberCreator : {};
    const author = nameText(creator.fullName, nameText(creator.username, 'Someone'));
    const when = instantOf(a.date) ?? 'an unknown date';
    const head = `${author} wrote on ${when} (imported from Trello):\n\n`;
    const text = bodyText(data.text, 5_000 - head.length, notes, `Comment by ${author}`);
    const cardId = str((data.card as Obj).id);
    byCard.set(cardId, [...(byCard.get(cardId) ?? []), head + (text.trim() === '' ? '(empty)' : text)]);
  }
  return byCard;
};

/** A card's link attachments as Markdown list lines; uploaded files are linked too (their bytes stay on Trello). */
export const attachmentLines = (raw: unknown, notes: Notes, card: string): { lines: string[]; links: number } => {
  const lines: string[] = [];
  let links = 0;
  for (const a of arr(raw)) {
    const url = nameText(a.url, '');
    if (!/^https?:\/\//i.test(url)) continue;
    const name = nameText(a.name, url).replace(/[[\]]/g, '');
    if (a.isUpload === true) {
      notes.add(
        `Attachment "${name}" on "${card}"`,
        'uploaded file not copied; its Trello link is kept in the description',
      );
      lines.push(`- [${name}](${url}) (file on Trello)`);
    } else {
      lines.push(`- [${name}](${url})`);
      links += 1;
    }
  }
  return { lines, links };
};
