import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { can } from '../../../src/domain/roles';
import { api, useSession } from '../api/session';
import { ActivityDrawerPanel, ActivityToggle, useActivityDrawer } from '../board/ActivityDrawer';
import { ArchivePanel, ArchiveToggle, useArchiveDrawer } from '../board/ArchivePanel';
import { BoardArchivedBanner, BoardHeading } from '../board/BoardHeader';
import { BoardTools } from '../board/BoardTools';
import { BoardView } from '../board/BoardView';
import { CardDetail } from '../board/CardDetail';
import { ExportButtons } from '../board/ExportButtons';
import { WatchToggle } from '../board/WatchToggle';
import { CardModelProvider, useTeamPeople } from '../board/card-model/context';
import { FilterBar, useBoardFilter } from '../board/FilterBar';
import { SearchBox } from '../search/SearchBox';
import { useCardFromUrl } from '../search/useCardFromUrl';
import { openBoard, type OpenBoard } from '../sync/open-board';
import { showPresenceOf } from '../presence/active';
import { PresenceAvatars } from '../presence/PresenceAvatars';
import { deviceStorage } from '../sync/storage';
import { Layout } from './Layout';
import { usePageTitle } from './usePageTitle';

/** Stands in for the board store during the first render, before the board is opened. */
const EMPTY = createStore(() => ({ view: null, confirmed: null, access: 'unknown' })) as unknown as OpenBoard['store'];

const wsUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

const StatusBar = ({ board }: { board: OpenBoard }) => {
  const connection = useStore(board.store, (s) => s.connection);
  const pending = useStore(board.store, (s) => s.pending.length);
  const notice = useStore(board.store, (s) => s.notice);
  const dismiss = useStore(board.store, (s) => s.dismissNotice);
  return (
    <>
      <p role="status" data-testid="connection" data-state={connection} className="text-sm text-slate-600">
        {connection === 'offline'
          ? `Offline: your changes are kept on this device and will sync when you reconnect${pending ? ` (${pending} waiting)` : ''}.`
          : pending
            ? `Saving ${pending} change${pending === 1 ? '' : 's'}…`
            : connection === 'online'
              ? 'All changes saved.'
              : 'Connecting…'}
      </p>
      {notice && (
        <div role="alert" className="my-2 flex items-center gap-2 rounded bg-red-100 px-3 py-2 text-sm text-red-900">
          {notice}
          <button type="button" className="ml-auto underline" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
};

/** What an unknown board, another team's board or a board one was removed from shows: no board at all. */
const NoAccess = () => (
  <Layout>
    <h1 className="text-xl font-semibold">Board not found or you don't have access</h1>
    <p className="mt-2 text-slate-700">
      The link may be wrong, the board may have been deleted, or you may no longer be a member of its team.
    </p>
    <Link to="/app" className="mt-4 inline-block underline">
      Back to your boards
    </Link>
  </Layout>
);

/** What the team page says after a board is gone: deleted here, or by someone else while it was open. */
const deletedNotice = (title: string, byMe: boolean) =>
  byMe ? `The board “${title}” was deleted.` : `The board “${title}” was deleted by someone else.`;

/** One board, live: everyone's changes appear as they happen, yours at once. */
export const BoardPage = () => {
  const { teamId = '', boardId = '' } = useParams();
  const user = useSession((s) => s.user);
  const role = useSession((s) => s.teams.find((t) => t.id === teamId)?.role ?? 'viewer');
  const [board, setBoard] = useState<OpenBoard | null>(null);
  // `?card=<id>` (search results, the "assigned to me" page) opens that card once the board has it.
  const [openCard, setOpenCard] = useState<string | null>(null);
  const activity = useActivityDrawer();
  const archive = useArchiveDrawer();
  useCardFromUrl(setOpenCard);
  const userId = user?.id;
  const people = useTeamPeople(api, teamId);
  const filter = useBoardFilter(userId ?? null);
  const navigate = useNavigate();
  const title = useRef('');
  // Set while this page deletes the board, so the socket's word of it does not say "someone else".
  const deleting = useRef(false);
  useEffect(() => {
    if (userId === undefined) return;
    const b = openBoard({
      api,
      teamId,
      boardId,
      userId,
      storage: deviceStorage(),
      wsUrl: wsUrl(),
      // Removed or demoted while viewing: the role shown (and so what may be edited) follows at once.
      onAccessLost: () =>
        void useSession
          .getState()
          .reloadTeams()
          .catch(() => undefined),
      onMembership: (team, newRole) => useSession.getState().setRole(team, newRole),
      onBoardDeleted: () => {
        if (!deleting.current) navigate('/app', { state: { notice: deletedNotice(title.current, false) } });
      },
    });
    setBoard(b);
    return () => b.close();
  }, [teamId, boardId, userId, navigate]);
  useEffect(
    () =>
      board && userId ? showPresenceOf({ store: board.presence, me: userId, setEditing: board.setEditing }) : undefined,
    [board, userId],
  );
  const view = useStore(board?.store ?? EMPTY, (s) => s.view);
  const seq = useStore(board?.store ?? EMPTY, (s) => s.confirmed?.seq ?? 0);
  usePageTitle(view?.board.title ?? 'Loading board');
  title.current = view?.board.title ?? title.current;
  const access = useStore(board?.store ?? EMPTY, (s) => s.access);
  if (!board) return null;
  if (access === 'denied') return <NoAccess />;
  const canWrite = can(role, 'card.write');
  const canManage = can(role, 'board.manage');
  const base = `/api/teams/${teamId}/boards/${boardId}`;
  const card = openCard && view ? view.cards[openCard] : undefined;

  const page = (
    <Layout wide>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <Link to="/app" className="text-sm underline">
          All boards
        </Link>
        <BoardHeading
          store={board.store}
          canManage={canManage}
          onDelete={async () => {
            deleting.current = true;
            await api.request('DELETE', base).catch((err: unknown) => {
              deleting.current = false;
              throw err;
            });
            navigate('/app', { state: { notice: deletedNotice(title.current, true) } });
          }}
        />
        {!canWrite && <span className="rounded bg-slate-300 px-2 text-xs">View only</span>}
        <SearchBox api={api} teamId={teamId} />
        <span className="ml-auto flex items-center gap-2">
          <PresenceAvatars />
          <WatchToggle api={api} base={base} />
          <ExportButtons api={api} base={base} title={view?.board.title ?? 'board'} />
          <ArchiveToggle drawer={archive} />
          <ActivityToggle drawer={activity} />
        </span>
      </div>
      <StatusBar board={board} />
      <FilterBar store={board.store} {...filter} />
      <BoardArchivedBanner store={board.store} canManage={canManage} />
      <div className="mt-2 flex items-start gap-4">
        <div className="min-w-0 flex-1">
          <BoardView store={board.store} canWrite={canWrite} onOpenCard={setOpenCard} narrow={filter.narrow} />
        </div>
        <ArchivePanel drawer={archive} store={board.store} canWrite={canWrite} />
        <ActivityDrawerPanel drawer={activity} api={api} base={base} seq={seq} />
      </div>
      {card && (
        <CardDetail
          key={card.id}
          card={card}
          canWrite={canWrite}
          api={api}
          base={base}
          seq={seq}
          mutate={board.store.getState().mutate}
          onClose={() => setOpenCard(null)}
        />
      )}
      <BoardTools key={board.boardId} store={board.store} canWrite={canWrite} onOpenCard={setOpenCard} />
    </Layout>
  );
  return (
    <CardModelProvider labels={view?.board.labels} people={people} me={userId ?? null}>
      {page}
    </CardModelProvider>
  );
};
