import { useId, useRef, useState } from 'react';
import type { Importer, ImportSource } from './import-api';
import { ImportPanel, SOURCE_TITLES } from './ImportPanel';

const SOURCES: readonly ImportSource[] = ['trello', 'boardroom'];

interface ImportBoardProps {
  readonly teamId: string;
  readonly teamName: string;
  readonly importer: Importer;
  /** A board was imported: the team's board list should show it. */
  readonly onImported: () => void;
}

/** The team's import actions: each opens a panel for one export; closing it gives focus back to its button. */
export const ImportBoard = ({ teamId, teamName, importer, onImported }: ImportBoardProps) => {
  const panelId = useId();
  const [source, setSource] = useState<ImportSource | null>(null);
  const openers = useRef<Partial<Record<ImportSource, HTMLButtonElement | null>>>({});
  const close = () => {
    const opener = source === null ? null : openers.current[source];
    setSource(null);
    opener?.focus();
  };

  return (
    <div className="mt-3">
      <div className="flex flex-wrap gap-2">
        {SOURCES.map((s) => (
          <button
            key={s}
            ref={(el) => {
              openers.current[s] = el;
            }}
            type="button"
            className="rounded border border-slate-400 px-3 py-1 text-sm"
            aria-expanded={source === s}
            aria-controls={source === s ? panelId : undefined}
            onClick={() => setSource(source === s ? null : s)}
          >
            {SOURCE_TITLES[s]}
            <span className="sr-only"> into {teamName}</span>
          </button>
        ))}
      </div>
      {source !== null && (
        <ImportPanel
          key={source}
          id={panelId}
          teamId={teamId}
          source={source}
          importer={importer}
          onImported={onImported}
          onClose={close}
        />
      )}
    </div>
  );
};
