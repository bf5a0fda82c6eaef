import type { Card } from '../../../../src/domain/board';
import { checklistProgress, sameLabelName, type BoardLabel } from '../../../../src/domain/card-model';
import { personOf, useCardModel, type Person } from './context';
import { dueText, type DueStatus } from './dates';
import { avatarColor, initialsOf, LABEL_CHIP, LEGACY_CHIP } from './palette';

/** The label of the board's set a card's label name stands for, if any. */
export const labelNamed = (labels: readonly BoardLabel[], name: string): BoardLabel | undefined =>
  labels.find((l) => sameLabelName(l.name, name));

/** One label as a coloured chip with its name; a name outside the board's set is neutral. */
export const LabelChip = ({ name, labels }: { name: string; labels: readonly BoardLabel[] }) => {
  const label = labelNamed(labels, name);
  return (
    <span
      data-testid="label-chip"
      data-color={label?.color ?? 'none'}
      className={`rounded px-1.5 font-medium wrap-anywhere ${label ? LABEL_CHIP[label.color] : LEGACY_CHIP}`}
    >
      {name}
    </span>
  );
};

/** A person's initials in their colour; the full name is the accessible name (unless named beside it) and the tooltip. */
export const Avatar = ({ person, decorative = false }: { person: Person; decorative?: boolean }) => (
  <span
    {...(decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': person.name })}
    title={person.name}
    data-testid="avatar"
    className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${avatarColor(person.id)} h-6 w-6 text-[0.65rem]`}
  >
    {initialsOf(person.name)}
  </span>
);

const DUE_STYLE: Readonly<Record<DueStatus, string>> = {
  none: '',
  done: 'bg-green-200 text-green-950',
  overdue: 'bg-red-700 text-white',
  soon: 'bg-amber-200 text-amber-950',
  later: 'bg-slate-100 text-slate-800',
};

/** The due badge: status in words (and an icon-like mark), not colour alone. */
export const DueBadge = ({ card }: { card: Card }) => {
  const { now, zone } = useCardModel();
  const due = dueText(card, now, zone);
  if (!due) return null;
  return (
    <span data-testid="due-badge" data-status={due.status} className={`rounded px-1.5 ${DUE_STYLE[due.status]}`}>
      {due.status === 'done' ? '✓ ' : due.status === 'overdue' ? '! ' : ''}
      {due.text}
    </span>
  );
};

/** "3/7" checklist items done; green with a check mark when all are. */
export const ChecklistBadge = ({ card }: { card: Card }) => {
  const { done, total } = checklistProgress(card.checklists);
  if (total === 0) return null;
  const complete = done === total;
  return (
    <span
      data-testid="checklist-badge"
      data-complete={complete}
      title={`Checklist items done: ${done} of ${total}`}
      className={`rounded px-1.5 ${complete ? 'bg-green-200 text-green-950' : 'bg-slate-100 text-slate-800'}`}
    >
      <span aria-hidden="true">{complete ? '✓ ' : '☐ '}</span>
      {done}/{total}
    </span>
  );
};

/**
 * What a card front shows besides its title: labels, dates, checklist progress and assignees. No
 * visually hidden text here: a 1px clipped box reads as overflow to the card's no-overflow check, and
 * every part already says itself in visible text (avatars by their accessible name).
 */
export const CardBadges = ({ card }: { card: Card }) => {
  const { labels, people } = useCardModel();
  return (
    <>
      {card.labels.length > 0 && (
        <span className="flex w-full flex-wrap gap-1">
          {card.labels.map((l) => (
            <LabelChip key={l} name={l} labels={labels} />
          ))}
        </span>
      )}
      <DueBadge card={card} />
      <ChecklistBadge card={card} />
      {card.assignees.length > 0 && (
        <span className="ml-auto flex -space-x-1">
          {card.assignees.map((id) => (
            <Avatar key={id} person={personOf(people, id)} />
          ))}
        </span>
      )}
    </>
  );
};
