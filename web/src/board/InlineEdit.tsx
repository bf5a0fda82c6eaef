import { useState, type FormEvent } from 'react';

/** A small "add" form: a text field and a button, cleared after each submit. */
export const AddForm = ({ label, onAdd }: { label: string; onAdd: (title: string) => void }) => {
  const [value, setValue] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const title = value.trim();
    if (!title) return;
    onAdd(title.slice(0, 200));
    setValue('');
  };
  return (
    <form onSubmit={submit} className="mt-2 flex gap-1">
      <input
        aria-label={label}
        placeholder={label}
        value={value}
        maxLength={200}
        onChange={(e) => setValue(e.target.value)}
        className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
      />
      <button type="submit" className="rounded bg-indigo-700 px-2 py-1 text-sm text-white">
        Add
      </button>
    </form>
  );
};

/** A title that turns into a text field when clicked (only for people who may write). */
export const EditableTitle = ({
  title,
  label,
  canWrite,
  onRename,
}: {
  title: string;
  label: string;
  canWrite: boolean;
  onRename: (title: string) => void;
}) => {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  if (!canWrite || !editing) {
    return (
      <h2 className="min-w-0 flex-1 font-semibold wrap-anywhere">
        {canWrite ? (
          <button
            type="button"
            className="text-left wrap-anywhere"
            aria-label={`${label}: ${title}`}
            onClick={() => {
              setValue(title);
              setEditing(true);
            }}
          >
            {title}
          </button>
        ) : (
          title
        )}
      </h2>
    );
  }
  const done = () => {
    setEditing(false);
    const next = value.trim();
    if (next && next !== title) onRename(next.slice(0, 200));
  };
  return (
    <input
      aria-label={label}
      autoFocus
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={done}
      onKeyDown={(e) => {
        if (e.key === 'Enter') done();
        if (e.key === 'Escape') setEditing(false);
      }}
      maxLength={200}
      className="min-w-0 flex-1 rounded border border-slate-300 px-1 text-sm font-semibold"
    />
  );
};
