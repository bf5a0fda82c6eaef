import { useState } from 'react';

/**
 * A text shown as a button that turns into a field: Enter or leaving the field saves. (Escape closes
 * the card dialog around it, which listens first, and nothing is saved.)
 */
export const InlineText = ({
  text,
  label,
  className = '',
  onSave,
}: {
  text: string;
  /** The field's accessible name, e.g. "Checklist title". */
  label: string;
  className?: string;
  onSave: (text: string) => void;
}) => {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(text);
  if (!editing)
    return (
      <button
        type="button"
        className={`min-w-0 text-left wrap-anywhere ${className}`}
        aria-label={`${label}: ${text} (edit)`}
        onClick={() => {
          setValue(text);
          setEditing(true);
        }}
      >
        {text}
      </button>
    );
  const done = () => {
    setEditing(false);
    const next = value.trim();
    if (next && next !== text) onSave(next.slice(0, 200));
  };
  return (
    <input
      type="text"
      aria-label={label}
      autoFocus
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onBlur={done}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          done();
        }
      }}
      className={`min-w-0 flex-1 rounded border border-slate-300 px-1 ${className}`}
    />
  );
};
