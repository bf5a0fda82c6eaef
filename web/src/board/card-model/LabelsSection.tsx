import { useState } from 'react';
import type { Card } from '../../../../src/domain/board';
import { nextLabelColor, sameLabelName, type BoardLabel } from '../../../../src/domain/card-model';
import { newId } from '../../sync/ids';
import type { BoardOpInput } from '../../sync/ops';
import { LabelChip, labelNamed } from './CardBadges';
import { useCardModel } from './context';
import { LabelForm } from './LabelForm';
import { LABEL_CHIP } from './palette';
import { Section } from './Section';

const quiet = 'rounded px-2 py-0.5 text-xs text-slate-800 underline';

interface LabelsSectionProps {
  readonly card: Card;
  readonly canWrite: boolean;
  readonly mutate: (op: BoardOpInput) => string;
}

/** "Delete label" asked in place: deleting takes the label off every card of the board. */
const DeleteLabel = ({ label, onDelete }: { label: BoardLabel; onDelete: () => void }) => {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="mt-2 text-sm text-red-800 underline" onClick={() => setAsking(true)}>
        Delete label…
      </button>
    );
  return (
    <div role="alert" className="mt-2 rounded border border-red-300 bg-red-50 p-2 text-sm text-red-950">
      <p className="wrap-anywhere">Delete the label “{label.name}”? It is taken off every card of this board.</p>
      <div className="mt-2 flex gap-2">
        <button type="button" className="rounded bg-red-700 px-3 py-1 text-white" onClick={onDelete}>
          Delete label
        </button>
        <button type="button" autoFocus className="rounded bg-white px-3 py-1 shadow" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
};

/** The card's labels: the board's label set as toggle buttons, plus creating, editing and deleting labels. */
export const LabelsSection = ({ card, canWrite, mutate }: LabelsSectionProps) => {
  const { labels } = useCardModel();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const onCard = (l: BoardLabel) => card.labels.some((n) => sameLabelName(n, l.name));
  const legacy = card.labels.filter((n) => !labelNamed(labels, n));
  const takenBy = (except?: string) => (name: string) =>
    labels.some((l) => l.id !== except && sameLabelName(l.name, name));

  if (!canWrite)
    return (
      <Section name="labels" title="Labels">
        {card.labels.length === 0 ? (
          <p className="text-sm text-slate-700">No labels.</p>
        ) : (
          <p className="flex flex-wrap gap-1 text-sm">
            {card.labels.map((n) => (
              <LabelChip key={n} name={n} labels={labels} />
            ))}
          </p>
        )}
      </Section>
    );

  const toggle = (l: BoardLabel) =>
    mutate(
      onCard(l)
        ? { kind: 'card.label.remove', cardId: card.id, label: l.name }
        : { kind: 'card.label.add', cardId: card.id, labelId: l.id },
    );
  return (
    <Section name="labels" title="Labels">
      {labels.length === 0 && <p className="text-sm text-slate-700">This board has no labels yet.</p>}
      <ul className="space-y-1">
        {labels.map((l) => (
          <li key={l.id}>
            <div className="flex items-center gap-2">
              <button
                type="button"
                aria-pressed={onCard(l)}
                className={`flex min-w-0 flex-1 items-center gap-2 rounded px-2 py-1 text-left text-sm ${LABEL_CHIP[l.color]}`}
                onClick={() => toggle(l)}
              >
                <span aria-hidden="true" className="w-4 font-bold">
                  {onCard(l) ? '✓' : ''}
                </span>
                <span className="wrap-anywhere">{l.name}</span>
              </button>
              <button
                type="button"
                className={quiet}
                aria-expanded={editing === l.id}
                onClick={() => setEditing(editing === l.id ? null : l.id)}
              >
                Edit<span className="sr-only"> label {l.name}</span>
              </button>
            </div>
            {editing === l.id && (
              <>
                <LabelForm
                  initial={l}
                  submitLabel="Save label"
                  taken={takenBy(l.id)}
                  onCancel={() => setEditing(null)}
                  onSubmit={(name, color) => {
                    const changes = { ...(name !== l.name && { name }), ...(color !== l.color && { color }) };
                    if (Object.keys(changes).length > 0) mutate({ kind: 'label.update', labelId: l.id, ...changes });
                    setEditing(null);
                  }}
                />
                <DeleteLabel
                  label={l}
                  onDelete={() => {
                    mutate({ kind: 'label.delete', labelId: l.id });
                    setEditing(null);
                  }}
                />
              </>
            )}
          </li>
        ))}
        {legacy.map((n) => (
          <li key={n} className="flex items-center gap-2 text-sm">
            <LabelChip name={n} labels={labels} />
            <span className="text-xs text-slate-700">(not in the board’s labels)</span>
            <button
              type="button"
              className={quiet}
              onClick={() => mutate({ kind: 'card.label.remove', cardId: card.id, label: n })}
            >
              Remove<span className="sr-only"> label {n}</span>
            </button>
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <LabelForm
          initial={{ name: '', color: nextLabelColor(labels.length) }}
          submitLabel="Create label"
          taken={takenBy()}
          onCancel={() => setEditing(null)}
          onSubmit={(name, color) => {
            const id = newId();
            // Created from a card, the label goes on it too: that is nearly always why it was made.
            mutate({ kind: 'label.create', id, name, color });
            mutate({ kind: 'card.label.add', cardId: card.id, labelId: id });
            setEditing(null);
          }}
        />
      ) : (
        <button type="button" className="mt-2 rounded bg-slate-200 px-3 py-1 text-sm" onClick={() => setEditing('new')}>
          Create label
        </button>
      )}
    </Section>
  );
};
