import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../src/domain/activity';
import type { ApiClient } from '../api/client';

/** The board's recent activity, newest first, re-read whenever the confirmed board advances. */
export const ActivityPanel = ({ api, base, seq }: { api: ApiClient; base: string; seq: number }) => {
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
    <aside aria-labelledby="activity-title" className="w-80 shrink-0 rounded-lg bg-white p-3 shadow">
      <h2 id="activity-title" className="mb-2 font-semibold">
        Activity
      </h2>
      <ol className="space-y-2 text-sm" data-testid="activity">
        {entries.map((e) => (
          <li key={e.seq}>
            <span>{e.text}</span>
            <time className="block text-xs text-slate-500" dateTime={e.at}>
              {new Date(e.at).toLocaleString()}
            </time>
          </li>
        ))}
        {entries.length === 0 && <li className="text-slate-500">Nothing yet.</li>}
      </ol>
    </aside>
  );
};
