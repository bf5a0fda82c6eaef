import { useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ApiClient } from '../api/client';
import { useSlashToFocus } from './keyboard';
import { resultHref, type SearchResult } from './search-api';
import { SnippetText } from './SnippetText';
import { useTeamSearch } from './useTeamSearch';

const KIND_LABEL: Record<SearchResult['kind'], string> = { board: 'Board', card: 'Card', comment: 'Comment' };

const ResultItem = ({ teamId, result, onOpen }: { teamId: string; result: SearchResult; onOpen: () => void }) => (
  <li>
    <Link
      to={resultHref(teamId, result)}
      onClick={onOpen}
      className="block rounded px-2 py-1.5 hover:bg-slate-100 focus:bg-slate-100 focus:outline-none"
    >
      <span className="flex items-center gap-2 text-xs text-slate-500">
        {KIND_LABEL[result.kind]}
        {result.archived && <span className="rounded bg-slate-200 px-1">Archived</span>}
      </span>
      {result.snippet.text === result.title ? (
        <span className="block font-medium wrap-anywhere">
          <SnippetText snippet={result.snippet} />
        </span>
      ) : (
        <>
          <span className="block font-medium wrap-anywhere">{result.title}</span>
          <span className="block text-sm text-slate-700 wrap-anywhere" data-testid="search-snippet">
            <SnippetText snippet={result.snippet} />
          </span>
        </>
      )}
    </Link>
  </li>
);

/**
 * The team's search box: results appear under it as the user types, link to the board or card they
 * name, and page with "More results". `/` focuses it from anywhere but a text field; Escape closes.
 */
export const SearchBox = ({ api, teamId }: { api: ApiClient; teamId: string }) => {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const panelId = useId();
  useSlashToFocus(input);
  const search = useTeamSearch(api, teamId, text);
  const showPanel = open && text.trim() !== '';
  const close = () => setOpen(false);

  return (
    <div
      // A line of its own on a phone; beside the title on wider screens.
      className="relative w-full sm:w-auto"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          close();
          input.current?.focus();
        }
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) close();
      }}
    >
      <input
        ref={input}
        type="search"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        placeholder="Search this team ( / )"
        aria-label="Search this team"
        aria-controls={panelId}
        aria-expanded={showPanel}
        maxLength={200}
        className="w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900 sm:w-56"
      />
      {showPanel && (
        <div
          id={panelId}
          role="region"
          aria-label="Search results"
          className="absolute left-0 z-20 mt-1 max-h-[70vh] w-full sm:w-96 overflow-y-auto rounded bg-white p-2 text-slate-900 shadow-lg"
        >
          {search.error && (
            <p role="alert" className="px-2 text-sm text-red-800">
              {search.error}
            </p>
          )}
          {search.answered && !search.error && search.results.length === 0 && (
            <p className="px-2 text-sm text-slate-600">Nothing found.</p>
          )}
          <ul>
            {search.results.map((r) => (
              <ResultItem key={`${r.kind}:${r.id}`} teamId={teamId} result={r} onOpen={close} />
            ))}
          </ul>
          {search.nextCursor !== null && (
            <button type="button" className="mt-1 w-full rounded px-2 py-1 text-sm underline" onClick={search.more}>
              More results
            </button>
          )}
          <p aria-live="polite" className="sr-only">
            {search.loading ? 'Searching…' : search.answered ? `${search.results.length} results shown` : ''}
          </p>
        </div>
      )}
    </div>
  );
};
