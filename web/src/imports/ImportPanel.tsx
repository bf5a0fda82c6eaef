import { useEffect, useId, useRef, type ChangeEvent } from 'react';
import type { Importer, ImportSource } from './import-api';
import { ImportProgress } from './ImportProgress';
import { AlreadyImportedView, ImportedView, PreviewView, Problem, sentFraction } from './ImportSteps';
import { useImport, type ImportStep } from './use-import';

export const SOURCE_TITLES: Record<ImportSource, string> = {
  trello: 'Import from Trello',
  boardroom: 'Import a Boardroom export',
};

const FILE_LABELS: Record<ImportSource, string> = {
  trello: 'Trello export (JSON file)',
  boardroom: 'Boardroom export (JSON file)',
};

const HINTS: Record<ImportSource, string> = {
  trello:
    'In Trello: board menu → Print, export and share → Export as JSON. You see a preview before anything is imported.',
  boardroom: 'A board’s JSON export from Boardroom. You see a preview before anything is imported.',
};

interface ImportPanelProps {
  readonly id: string;
  readonly teamId: string;
  readonly source: ImportSource;
  readonly importer: Importer;
  readonly onImported: () => void;
  readonly onClose: () => void;
}

const busy = (step: ImportStep) => step.at === 'reading' || step.at === 'importing';
const finished = (step: ImportStep) => step.at === 'done' || step.at === 'duplicate';

/** One import, from picking the export through its preview to the new board and what was left out. */
export const ImportPanel = ({ id, teamId, source, importer, onImported, onClose }: ImportPanelProps) => {
  const headingId = useId();
  const { step, pick, run } = useImport(importer, source, onImported);
  const boardPath = (boardId: string) => `/app/teams/${teamId}/boards/${boardId}`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className="mt-3 rounded border border-slate-300 p-3"
      data-testid="import-panel"
    >
      <h3 id={headingId} className="font-semibold">
        {SOURCE_TITLES[source]}
      </h3>
      {!finished(step) && (
        <FileField
          source={source}
          disabled={busy(step)}
          waiting={step.at === 'pick'}
          problem={step.at === 'pick' ? step.problem : null}
          onPick={pick}
        />
      )}
      {step.at === 'reading' && <ImportProgress label="Reading the export…" fraction={sentFraction(step.fraction)} />}
      {(step.at === 'preview' || step.at === 'importing') && (
        <PreviewView
          preview={step.preview}
          importing={step.at === 'importing' ? step.fraction : null}
          problem={step.at === 'preview' ? step.problem : null}
          onImport={() => step.at === 'preview' && void run(step.file, step.preview)}
        />
      )}
      {step.at === 'done' && <ImportedView path={boardPath(step.board.id)} board={step.board} report={step.report} />}
      {step.at === 'duplicate' && <AlreadyImportedView path={boardPath(step.boardId)} message={step.message} />}
      <button
        type="button"
        className="mt-3 block rounded border border-slate-400 px-3 py-1 text-sm disabled:opacity-50"
        disabled={busy(step)}
        onClick={onClose}
      >
        {finished(step) ? 'Close' : 'Cancel'}
      </button>
    </section>
  );
};

interface FileFieldProps {
  readonly source: ImportSource;
  readonly disabled: boolean;
  /** Waiting for a file (first, or after one was refused): the field takes the focus. */
  readonly waiting: boolean;
  readonly problem: string | null;
  readonly onPick: (file: File) => Promise<void>;
}

/** The labelled file field; it has the focus when the panel opens and again when a file was refused. */
const FileField = ({ source, disabled, waiting, problem, onPick }: FileFieldProps) => {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (waiting) inputRef.current?.focus();
  }, [waiting, problem]);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void onPick(file);
  };
  return (
    <div className="mt-2 text-sm">
      <label className="block">
        {FILE_LABELS[source]}
        <input
          ref={inputRef}
          type="file"
          accept="application/json,.json"
          className="mt-1 block file:mr-2 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1"
          disabled={disabled}
          onChange={onChange}
        />
      </label>
      <p className="mt-1 text-xs text-slate-600">{HINTS[source]}</p>
      {problem && <Problem text={problem} />}
    </div>
  );
};
