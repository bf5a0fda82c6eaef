import { useCallback, useRef, useState } from 'react';
import {
  importProblem,
  type ImportedBoard,
  type Importer,
  type ImportPreview,
  type ImportReport,
  type ImportSource,
} from './import-api';

/** Where an import stands: one file at a time, preview first, then the import itself. */
export type ImportStep =
  | { readonly at: 'pick'; readonly problem: string | null }
  | { readonly at: 'reading'; readonly fraction: number }
  | { readonly at: 'preview'; readonly file: File; readonly preview: ImportPreview; readonly problem: string | null }
  | { readonly at: 'importing'; readonly preview: ImportPreview; readonly fraction: number }
  | { readonly at: 'done'; readonly board: ImportedBoard; readonly report: ImportReport }
  | { readonly at: 'duplicate'; readonly boardId: string; readonly message: string };

const START: ImportStep = { at: 'pick', problem: null };

/**
 * The steps of one import panel. Answers that arrive after the panel was closed or another file was
 * picked are dropped: each upload carries the attempt it belongs to.
 */
export const useImport = (importer: Importer, source: ImportSource, onImported: () => void) => {
  const [step, setStep] = useState<ImportStep>(START);
  const attempt = useRef(0);

  const pick = useCallback(
    async (file: File) => {
      const mine = ++attempt.current;
      const current = (s: ImportStep) => (attempt.current === mine ? setStep(s) : undefined);
      current({ at: 'reading', fraction: 0 });
      try {
        const preview = await importer.preview(source, file, (fraction) => current({ at: 'reading', fraction }));
        current({ at: 'preview', file, preview, problem: null });
      } catch (err) {
        current({ at: 'pick', problem: importProblem(err) });
      }
    },
    [importer, source],
  );

  const run = useCallback(
    async (file: File, preview: ImportPreview) => {
      const mine = ++attempt.current;
      const current = (s: ImportStep) => (attempt.current === mine ? setStep(s) : undefined);
      current({ at: 'importing', preview, fraction: 0 });
      try {
        const outcome = await importer.run(source, file, (fraction) => current({ at: 'importing', preview, fraction }));
        if (outcome.kind === 'duplicate')
          return current({ at: 'duplicate', boardId: outcome.boardId, message: outcome.message });
        current({ at: 'done', board: outcome.board, report: outcome.report });
        if (attempt.current === mine) onImported();
      } catch (err) {
        current({ at: 'preview', file, preview, problem: importProblem(err) });
      }
    },
    [importer, source, onImported],
  );

  const reset = useCallback(() => {
    attempt.current++;
    setStep(START);
  }, []);

  return { step, pick, run, reset };
};
