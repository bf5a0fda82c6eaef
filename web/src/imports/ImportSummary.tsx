import type { ImportCounts } from './import-api';

const COUNTED = [
  ['lists', 'Lists'],
  ['cards', 'Cards'],
  ['labels', 'Labels'],
  ['checklists', 'Checklists'],
  ['checkItems', 'Checklist items'],
  ['comments', 'Comments'],
  ['attachments', 'Attachments'],
] as const;

/** How many of each thing an export holds or an import made, as a term/number list. */
export const ImportCountList = ({ counts }: { counts: ImportCounts }) => (
  <dl className="mt-2 grid w-fit grid-cols-[auto_auto] gap-x-8 text-sm" data-testid="import-counts">
    {COUNTED.map(([key, label]) => (
      <div key={key} className="contents">
        <dt className="text-slate-600">{label}</dt>
        <dd className="text-right font-medium tabular-nums">{counts[key]}</dd>
      </div>
    ))}
  </dl>
);

/** Which of the export's people were found on the team, and which were not (their cards keep no member). */
export const ImportMembers = ({ members }: { members: ImportCounts['members'] }) => (
  <div className="mt-3 text-sm">
    <h4 className="font-semibold">Members</h4>
    {members.matched.length === 0 && members.unmatched.length === 0 && (
      <p className="text-slate-600">The export names no members.</p>
    )}
    {members.matched.length > 0 && (
      <>
        <p>Found on this team ({members.matched.length}):</p>
        <ul className="ml-5 list-disc" data-testid="matched-members">
          {members.matched.map((m, i) => (
            <li key={i} className="wrap-anywhere">
              <bdi>{m.trelloName}</bdi> → <bdi>{m.name}</bdi>
            </li>
          ))}
        </ul>
      </>
    )}
    {members.unmatched.length > 0 && (
      <>
        <p>Not on this team ({members.unmatched.length}), left off their cards:</p>
        <ul className="ml-5 list-disc" data-testid="unmatched-members">
          {members.unmatched.map((m, i) => (
            <li key={i} className="wrap-anywhere">
              <bdi>{m.trelloName}</bdi> <span className="text-slate-600">(@{m.username})</span>
            </li>
          ))}
        </ul>
      </>
    )}
  </div>
);

/** Notes shown at most: an export of thousands of cards can skip thousands of things. */
export const NOTES_SHOWN = 50;

/** Notes from the server (preview warnings, what the import skipped); nothing when there are none. */
export const ImportNotes = ({ title, notes, testId }: { title: string; notes: readonly string[]; testId: string }) =>
  notes.length === 0 ? null : (
    <div className="mt-3 text-sm">
      <h4 className="font-semibold">
        {title} ({notes.length})
      </h4>
      <ul className="ml-5 list-disc text-amber-900" data-testid={testId}>
        {notes.slice(0, NOTES_SHOWN).map((n, i) => (
          <li key={i} className="wrap-anywhere">
            {n}
          </li>
        ))}
      </ul>
      {notes.length > NOTES_SHOWN && <p className="text-slate-600">…and {notes.length - NOTES_SHOWN} more.</p>}
    </div>
  );
