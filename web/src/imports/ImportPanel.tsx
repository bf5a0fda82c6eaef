import { useEffect, useId, useRef, type ChangeEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Importer, ImportSource } from './import-api';
import { ImportProgress } from './ImportProgress';
import { ImportCountList, ImportMembers, ImportNotes } from './ImportSummary';
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

const buttonCls = 'rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50';
const linkCls = 'text-indigo-700 underline wrap-anywhere';

interface ImportPanelProps {
  readonly id: string;
  readonly teamId: string;
  readonly source: ImportSource;
  readonly importer: Importer;
  readonly onImported: () => void;
  readonly onClose: () => void;
}

const busy = (step: ImportStep) => step.at === 'reading' || step.at === 'importing';

/** One import, from picking the export through its preview to the new board and what was left out. */
export const ImportPanel = ({ id, teamId, source, importer, onImported, onClose }: ImportPanelProps) => {
  const headingId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const existingRef = useRef<HTMLAnchorElement>(null);
  const { step, pick, run } = useImport(importer, source, onImported);
  const boardPath = (boardId: string) => `/app/teams/${teamId}/boards/${boardId}`;

  // Focus follows the step: the file field, then the preview or the outcome a person reads next.
  useEffect(() => {
    if (step.at === 'pick') inputRef.current?.focus();
    if (step.at === 'preview' || step.at === 'done') resultRef.current?.focus();
    if (step.at === 'duplicate') existingRef.current?.focus();
  }, [step.at]);

  const onPick = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file) void pick(file);
  };

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
      {step.at !== 'done' && step.at !== 'duplicate' && (
        <div className="mt-2 text-sm">
          <label className="block">
            {FILE_LABELS[source]}
            <input
              ref={inputRef}
              type="file"
              accept="application/json,.json"
              className="mt-1 block"
              disabled={busy(step)}
              onChange={onPick}
            />
          </label>
          <p className="mt-1 text-xs text-slate-600">{HINTS[source]}</p>
        </div>
      )}
      {step.at === 'pick' && step.problem && <Problem text={step.problem} />}
      {step.at === 'reading' && <ImportProgress label="Reading the export…" fraction={upload(step.fraction)} />}
      {(step.at === 'preview' || step.at === 'importing') && (
        <div className="mt-3">
          <h4 ref={resultRef} tabIndex={-1} className="font-semibold wrap-anywhere">
            Preview of <bdi>“{step.preview.boardName}”</bdi>
          </h4>
          <ImportCountList counts={step.preview} />
          <ImportMembers members={step.preview.members} />
          <ImportNotes title="Warnings" notes={step.preview.warnings} testId="import-warnings" />
          {step.at === 'preview' && step.problem && <Problem text={step.problem} />}
          {step.at === 'importing' ? (
            <ImportProgress
              label={step.fraction < 1 ? 'Uploading the export…' : 'Importing…'}
              fraction={upload(step.fraction)}
            />
          ) : (
            <button type="button" className={`${buttonCls} mt-3`} onClick={() => void run(step.file, step.preview)}>
              Import
            </button>
          )}
        </div>
      )}
      {step.at === 'done' && (
        <div className="mt-3">
          <h4 ref={resultRef} tabIndex={-1} className="font-semibold">
            Imported
          </h4>
          <Link className={linkCls} to={boardPath(step.board.id)}>
            Open <bdi>{step.board.title}</bdi>
          </Link>
          <ImportCountList counts={step.report} />
          <ImportMembers members={step.report.members} />
          <ImportNotes
            title="Not imported"
            notes={step.report.skipped.map((s) => `${s.what}: ${s.reason}`)}
            testId="import-skipped"
          />
        </div>
      )}
      {step.at === 'duplicate' && (
        <div className="mt-3 text-sm">
          <p role="alert" className="text-red-800 wrap-anywhere">
            <strong>Already imported.</strong> {step.message}
          </p>
          <Link ref={existingRef} className={linkCls} to={boardPath(step.boardId)}>
            Open the board it was imported into
          </Link>
        </div>
      )}
      <button
        type="button"
        className="mt-3 block rounded border border-slate-400 px-3 py-1 text-sm disabled:opacity-50"
        disabled={busy(step)}
        onClick={onClose}
      >
        {step.at === 'done' || step.at === 'duplicate' ? 'Close' : 'Cancel'}
      </button>
    </section>
  );
};

/** Upload progress until the whole file is sent; then null, the server's part, which nothing measures. */
const upload = (fraction: number): number | null => (fraction < 1 ? fraction : null);

const Problem = ({ text }: { text: string }) => (
  <p role="alert" className="mt-2 text-sm text-red-700 wrap-anywhere">
    {text}
  </p>
);
