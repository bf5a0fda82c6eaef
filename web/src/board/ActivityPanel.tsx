import { useEffect, useState, type Ref } from 'react';
import type { ActivityEntry } from '../../../src/domain/activity';
import type { ApiClient } from '../api/client';

interface ActivityPanelProps {
  readonly api: ApiClient;
  readonly base: string;
  readonly seq: number;
  /** Given when the panel is a drawer over the board: it then shows a Close button. */
  readonly onClose?: () => void;
  readonly closeRef?: Ref<HTMLButtonElement>;
}

/** The board's recent activity, newest first, re-read whenever the confirmed board advances. */
export const ActivityPanel = ({ api, base, seq, onClose, closeRef }: ActivityPanelProps) => {
  const [entries, setEntries] = useState<readonly ActivityEntry[]>([]);
  useEffect(() => {
    const t = setTimeout(() => {
      api
        .request<{ entries: ActivityEntry[] }>('GET', `${base}/activity?limit=50`)
        .then((r) => setEntries(r.entries))
        .catch(() => undefined);
    }, 250);
    return () => clearTimeout(t);
  }, [api, base, seq]);
  return (
    <>
      <div className="mb-2 flex items-center">
        <h2 id="activity-title" className="font-semibold">
          Activity
        </h2>
        {onClose && (
          <button
            type="button"
            ref={closeRef}
            className="ml-auto rounded px-2 py-1 text-sm underline"
            onClick={onClose}
            aria-label="Close activity"
          >
            Close
          </button>
        )}
      </div>
      <ol className="space-y-2 text-sm break-words" data-testid="activity">
        {entries.map((e) => (
          <li key={e.seq}>
            <span>{e.text}</span>
            <time className="block text-xs text-slate-600" dateTime={e.at}>
              {new Date(e.at).toLocaleString()}
            </time>
          </li>
        ))}
        {entries.length === 0 && <li className="text-slate-600">Nothing yet.</li>}
      </ol>
    </>
  );
};
