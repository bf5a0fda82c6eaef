import { useId, useState, type FormEvent } from 'react';
import { LABEL_COLORS, type LabelColor } from '../../../../src/domain/card-model';
import { LABEL_CHIP } from './palette';

const input = 'mt-1 w-full rounded border border-slate-300 px-2 py-1';

interface LabelFormProps {
  readonly initial: { readonly name: string; readonly color: LabelColor };
  readonly submitLabel: string;
  readonly onSubmit: (name: string, color: LabelColor) => void;
  readonly onCancel: () => void;
  /** A name another label of the board already has (ignoring case): said before sending a sure refusal. */
  readonly taken: (name: string) => boolean;
}

/** A label's name and colour: a text field and the palette as radio buttons (arrow keys move between them). */
export const LabelForm = ({ initial, submitLabel, onSubmit, onCancel, taken }: LabelFormProps) => {
  const id = useId();
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState<LabelColor>(initial.color);
  const clash = name.trim() !== '' && taken(name.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (name.trim() === '' || clash) return;
    onSubmit(name.trim(), color);
  };
  return (
    // Not a <form>: the card dialog's fields are already one, and forms do not nest.
    <div
      role="group"
      aria-labelledby={`${id}-legend`}
      className="mt-2 rounded border border-slate-300 p-2"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.target as HTMLInputElement).type === 'text') submit(e);
      }}
    >
      <p id={`${id}-legend`} className="text-sm font-medium">
        {submitLabel}
      </p>
      <label className="mt-1 block text-sm">
        Label name
        <input
          type="text"
          className={input}
          value={name}
          maxLength={50}
          autoFocus
          aria-invalid={clash}
          aria-describedby={clash ? `${id}-clash` : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      {clash && (
        <p id={`${id}-clash`} className="text-sm text-red-800">
          This board already has a label with that name.
        </p>
      )}
      <fieldset className="mt-2">
        <legend className="text-sm">Colour</legend>
        <div className="mt-1 flex flex-wrap gap-1">
          {LABEL_COLORS.map((c) => (
            <label
              key={c}
              className={`cursor-pointer rounded px-2 py-0.5 text-xs has-[:checked]:ring-2 has-[:checked]:ring-indigo-700 has-[:focus-visible]:outline-2 ${LABEL_CHIP[c]}`}
            >
              <input
                type="radio"
                name={`${id}-color`}
                value={c}
                checked={color === c}
                onChange={() => setColor(c)}
                className="sr-only"
              />
              {color === c ? '✓ ' : ''}
              {c}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          className="rounded bg-indigo-700 px-3 py-1 text-sm text-white disabled:opacity-50"
          disabled={name.trim() === '' || clash}
          onClick={submit}
        >
          {submitLabel}
        </button>
        <button type="button" className="rounded bg-slate-200 px-3 py-1 text-sm" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
};
