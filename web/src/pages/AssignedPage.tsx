import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api, messageOf, useSession } from '../api/session';
import { ChecklistBadge, DueBadge, LabelChip } from '../board/card-model/CardBadges';
import { ASSIGNED_BOARD_CAP, assignedCards, type AssignedCard, type BoardSnapshot } from '../board/card-model/assigned';
import { CardModelProvider } from '../board/card-model/context';
import { viewerZone } from '../board/card-model/dates';
import { Layout } from './Layout';
import { usePageTitle } from './usePageTitle';

interface BoardSummary {
  readonly id: string;
  readonly title: string;
  readonly archived: boolean;
}

interface Loaded {
  readonly rows: readonly AssignedCard[];
  /** Open boards of the team, and how many of them were read. */
  readonly boards: number;
  readonly read: number;
}

/**
 * Reads the team's open boards (up to the cap) with the same routes the board page uses, so what
 * one may see is decided by the server exactly as there.
 */
const loadAssigned = async (teamId: string, me: string): Promise<Loaded> => {
  const { boards } = await api.request<{ boards: BoardSummary[] }>('GET', `/api/teams/${teamId}/boards`);
  const open = boards.filter((b) => !b.archived);
  const snapshots = await Promise.all(
    open
      .slice(0, ASSIGNED_BOARD_CAP)
      .map((b) => api.request<BoardSnapshot>('GET', `/api/teams/${teamId}/boards/${b.id}`).catch(() => null)),
  );
  const read = snapshots.filter((s): s is BoardSnapshot => s !== null);
  return { rows: assignedCards(read, me, viewerZone()), boards: open.length, read: read.length };
};

const Row = ({ teamId, row }: { teamId: string; row: AssignedCard }) => (
  <li className="rounded border border-slate-200 bg-white p-2 shadow-sm" data-testid="assigned-card">
    <Link
      className="font-medium text-indigo-700 underline wrap-anywhere"
      to={`/app/teams/${teamId}/boards/${row.board.id}?card=${row.card.id}`}
    >
      {row.card.title}
    </Link>
    <p className="text-sm text-slate-700 wrap-anywhere">
      <bdi>{row.board.title}</bdi> › <bdi>{row.listTitle}</bdi>
    </p>
    <p className="mt-1 flex flex-wrap items-center gap-1 text-xs">
      {row.card.labels.map((l) => (
        <LabelChip key={l} name={l} labels={row.board.labels} />
      ))}
      <DueBadge card={row.card} />
      <ChecklistBadge card={row.card} />
    </p>
  </li>
);

/** The cards assigned to the signed-in user across one team's boards. */
export const AssignedPage = () => {
  const { teamId = '' } = useParams();
  const me = useSession((s) => s.user?.id ?? null);
  const team = useSession((s) => s.teams.find((t) => t.id === teamId));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle('Assigned to me');
  useEffect(() => {
    if (me === null) return;
    let live = true;
    loadAssigned(teamId, me)
      .then((l) => live && setLoaded(l))
      .catch((err: unknown) => live && setError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [teamId, me]);

  return (
    <CardModelProvider labels={[]} people={[]} me={me}>
      <Layout>
        <Link to="/app" className="text-sm underline">
          All boards
        </Link>
        <h1 className="mt-2 text-xl font-semibold">
          Assigned to me
          {team && (
            <span className="font-normal">
              {' '}
              in <bdi>{team.name}</bdi>
            </span>
          )}
        </h1>
        {error && (
          <p role="alert" className="mt-2 text-red-800">
            {error}
          </p>
        )}
        {!loaded && !error && <p className="mt-2 text-slate-700">Loading your cards…</p>}
        {loaded && (
          <>
            <p role="status" className="mt-2 text-sm text-slate-700">
              {loaded.rows.length} card{loaded.rows.length === 1 ? '' : 's'} assigned to you
              {loaded.read < loaded.boards
                ? `, from the first ${loaded.read} of ${loaded.boards} boards (open a board to see the rest).`
                : '.'}
            </p>
            {loaded.rows.length === 0 && <p className="mt-2">Nothing is assigned to you on this team’s boards.</p>}
            <ul className="mt-3 space-y-2">
              {loaded.rows.map((r) => (
                <Row key={r.card.id} teamId={teamId} row={r} />
              ))}
            </ul>
          </>
        )}
      </Layout>
    </CardModelProvider>
  );
};
