import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import type { ImportedBoard, ImportPreview, ImportReport } from './import-api';
import { ImportProgress } from './ImportProgress';
import { ImportCountList, ImportMembers, ImportNotes } from './ImportSummary';

const buttonCls = 'rounded bg-indigo-700 px-3 py-1 text-white disabled:opacity-50';
const linkCls = 'text-indigo-700 underline wrap-anywhere';

/** A ref that takes the focus when its element appears: each step hands the reader what comes next. */
const useFocusOnMount = <T extends HTMLElement>() => {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
};

/** Upload progress until the whole file is sent; then null, the server's part, which nothing measures. */
export const sentFraction = (fraction: number): number | null => (fraction < 1 ? fraction : null);

export const Problem = ({ text }: { text: string }) => (
  <p role="alert" className="mt-2 text-sm text-red-700 wrap-anywhere">
    {text}
  </p>
);

interface PreviewViewProps {
  readonly preview: ImportPreview;
  /** The import's upload progress while it runs, null before. */
  readonly importing: number | null;
  readonly problem: string | null;
  readonly onImport: () => void;
}

/** What the export holds, and the Import button; after a refused import, the button again to retry. */
export const PreviewView = ({ preview, importing, problem, onImport }: PreviewViewProps) => {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const importRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (problem !== null) importRef.current?.focus();
  }, [problem]);
  return (
    <div className="mt-3">
      <h4 ref={headingRef} tabIndex={-1} className="font-semibold wrap-anywhere">
        Preview of <bdi>“{preview.boardName}”</bdi>
      </h4>
      <ImportCountList counts={preview} />
      <ImportMembers members={preview.members} />
      <ImportNotes title="Warnings" notes={preview.warnings} testId="import-warnings" />
      {importing === null && problem !== null && <Problem text={problem} />}
      {importing !== null ? (
        <ImportProgress
          label={importing < 1 ? 'Uploading the export…' : 'Importing…'}
          fraction={sentFraction(importing)}
        />
      ) : (
        <button ref={importRef} type="button" className={`${buttonCls} mt-3`} onClick={onImport}>
          Import
        </button>
      )}
    </div>
  );
};

/** The new board, a link to it, and the report: what was made, who was not found, what was left out. */
export const ImportedView = ({ path, board, report }: { path: string; board: ImportedBoard; report: ImportReport }) => {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="mt-3">
      <h4 ref={headingRef} tabIndex={-1} className="font-semibold">
        Imported
      </h4>
      <Link className={linkCls} to={path}>
        Open <bdi>{board.title}</bdi>
      </Link>
      <ImportCountList counts={report} />
      <ImportMembers members={report.members} />
      <ImportNotes
        title="Not imported"
        notes={report.skipped.map((s) => `${s.what}: ${s.reason}`)}
        testId="import-skipped"
      />
    </div>
  );
};

/** The same export went into this team before: the server says so; lead to that board rather than make another. */
export const AlreadyImportedView = ({ path, message }: { path: string; message: string }) => {
  const linkRef = useFocusOnMount<HTMLAnchorElement>();
  return (
    <div className="mt-3 text-sm">
      <p role="alert" className="text-red-800 wrap-anywhere">
        {message}
      </p>
      <Link ref={linkRef} className={linkCls} to={path}>
        Open the board it was imported into
      </Link>
    </div>
  );
};
