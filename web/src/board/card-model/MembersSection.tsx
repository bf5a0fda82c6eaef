import type { Card } from '../../../../src/domain/board';
import type { BoardOpInput } from '../../sync/ops';
import { Avatar } from './CardBadges';
import { personOf, useCardModel, type Person } from './context';
import { Section } from './Section';

interface MembersSectionProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly mutate: (op: BoardOpInput) => string;
}

/** Who is on the card: each team member as a toggle button; someone who left the team can still be taken off. */
export const MembersSection = ({ card, canWrite, mutate }: MembersSectionProps) => {
  const { people, me } = useCardModel();
  const assigned = new Set<string>(card.assignees);
  const former = card.assignees.filter((id) => !people.some((p) => p.id === id)).map((id) => personOf(people, id));
  // The viewer first: assigning oneself is the common case.
  const everyone: Person[] = [...people.filter((p) => p.id === me), ...people.filter((p) => p.id !== me), ...former];

  if (!canWrite)
    return (
      <Section name="members" title="Members">
        {card.assignees.length === 0 ? (
          <p className="text-sm text-slate-700">Nobody is assigned.</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {card.assignees.map((id) => (
              <li key={id} className="flex items-center gap-1">
                <Avatar person={personOf(people, id)} decorative />
                <bdi>{personOf(people, id).name}</bdi>
              </li>
            ))}
          </ul>
        )}
      </Section>
    );

  return (
    <Section name="members" title="Members">
      {everyone.length === 0 && <p className="text-sm text-slate-700">Loading the team’s members…</p>}
      <ul className="flex flex-wrap gap-2">
        {everyone.map((p) => {
          const on = assigned.has(p.id);
          return (
            <li key={p.id}>
              <button
                type="button"
                aria-pressed={on}
                className={`flex items-center gap-1 rounded-full border py-0.5 pr-2 pl-0.5 text-sm ${on ? 'border-indigo-700 bg-indigo-50 text-indigo-950' : 'border-slate-300 bg-white text-slate-800'}`}
                onClick={() =>
                  mutate({ kind: on ? 'card.member.remove' : 'card.member.add', cardId: card.id, userId: p.id })
                }
              >
                <Avatar person={p} decorative />
                <bdi>{p.name}</bdi>
                {p.id === me && <span className="text-xs">(you)</span>}
                <span aria-hidden="true">{on ? ' ✓' : ''}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </Section>
  );
};
