import { Link } from 'react-router-dom';
import type { Notification } from '../../../src/domain/notification';
import { api } from '../api/session';
import { MentionText } from '../mentions/MentionText';
import type { Mentionable } from '../mentions/mention-query';
import { describe, groupByCard, type NotificationGroup } from './group';
import { inbox, useInbox } from './inbox';
import { useTeamsPeople } from './people';

const when = (at: string) => new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const ignore = () => undefined;

const Item = ({ n, people }: { n: Notification; people: readonly Mentionable[] }) => (
  <li data-testid="notification" data-unread={n.readAt === null} className="mt-1 flex gap-2 text-sm">
    {n.readAt === null && <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-indigo-700" />}
    <div className="min-w-0 flex-1">
      <p>
        {n.readAt === null && <span className="sr-only">Unread: </span>}
        <span className="font-medium">{describe(n)}</span>{' '}
        <time dateTime={n.at} className="text-xs text-slate-600">
          {when(n.at)}
        </time>
      </p>
      {n.excerpt && (
        <p className="text-slate-700 whitespace-pre-wrap wrap-anywhere">
          <MentionText text={n.excerpt} people={people} />
        </p>
      )}
    </div>
    {n.readAt === null && (
      <button
        type="button"
        className="shrink-0 self-start text-xs underline"
        onClick={() => void inbox.getState().markRead([n.id]).catch(ignore)}
      >
        Mark read<span className="sr-only">: {describe(n)}</span>
      </button>
    )}
  </li>
);

const Group = ({ g, people, onOpen }: { g: NotificationGroup; people: readonly Mentionable[]; onOpen: () => void }) => (
  <li className="border-b border-slate-200 py-2 last:border-0">
    <Link
      to={g.href}
      className="font-medium text-indigo-800 underline wrap-anywhere"
      onClick={() => {
        void inbox
          .getState()
          .markRead(g.items.map((n) => n.id))
          .catch(ignore);
        onOpen();
      }}
    >
      {g.title}
    </Link>
    {g.boardTitle && <span className="ml-1 text-xs text-slate-600">on {g.boardTitle}</span>}
    <ul>
      {g.items.map((n) => (
        <Item key={n.id} n={n} people={people} />
      ))}
    </ul>
  </li>
);

/** The inbox: notifications grouped by card, newest first, each group a link to its card. */
export const InboxPanel = ({ id, onOpen }: { id: string; onOpen: () => void }) => {
  const items = useInbox((s) => s.items);
  const unread = useInbox((s) => s.unread);
  const more = useInbox((s) => s.nextCursor !== null);
  const loaded = useInbox((s) => s.loaded);
  const failed = useInbox((s) => s.failed);
  const people = useTeamsPeople(
    api,
    items.map((n) => n.teamId),
  );
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="absolute top-full right-0 z-30 mt-2 max-h-[70vh] w-96 max-w-[95vw] overflow-y-auto rounded-lg bg-white p-3 text-slate-900 shadow-xl"
    >
      <div className="flex items-center gap-2">
        <h2 id={`${id}-title`} className="font-semibold">
          Notifications
        </h2>
        {unread > 0 && (
          <button
            type="button"
            className="ml-auto text-sm underline"
            onClick={() => void inbox.getState().markAllRead().catch(ignore)}
          >
            Mark all read
          </button>
        )}
      </div>
      {items.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">
          {loaded ? 'Nothing yet.' : failed ? 'Could not load your notifications.' : 'Loading…'}
        </p>
      )}
      <ul>
        {groupByCard(items).map((g) => (
          <Group key={g.key} g={g} people={people} onOpen={onOpen} />
        ))}
      </ul>
      {more && (
        <button
          type="button"
          className="mt-2 text-sm underline"
          onClick={() => void inbox.getState().loadMore().catch(ignore)}
        >
          Show older
        </button>
      )}
    </section>
  );
};
