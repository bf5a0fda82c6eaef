import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Notification } from '../../../src/domain/notification';
import type { NotificationsReadFrame } from '../../../src/domain/wire-server';
import type { ApiClient } from '../api/client';

/** `GET /api/me/notifications` (SPEC-15). */
interface InboxPage {
  readonly notifications: Notification[];
  readonly unread: number;
  readonly nextCursor: string | null;
}

export interface InboxState {
  readonly items: readonly Notification[];
  readonly unread: number;
  readonly nextCursor: string | null;
  readonly loaded: boolean;
  /** The last read of the list failed (offline, server down). */
  readonly failed: boolean;
  /** Reads the newest page again (on sign-in and after the socket was down). */
  readonly load: () => Promise<void>;
  readonly loadMore: () => Promise<void>;
  /** A notification the socket delivered; one already listed is not counted twice. */
  readonly receive: (n: Notification) => void;
  readonly markRead: (ids: readonly string[]) => Promise<void>;
  readonly markAllRead: () => Promise<void>;
  /** The person marked notifications read in another tab (the socket's `notifications.read`): show it. */
  readonly readElsewhere: (frame: NotificationsReadFrame) => void;
  /** Forgets everything (sign-out). */
  readonly clear: () => void;
}

const PATH = '/api/me/notifications';
const EMPTY = { items: [], unread: 0, nextCursor: null, loaded: false, failed: false };

/** The signed-in person's notifications, their unread count, and marking them read. */
export const createInbox = (api: ApiClient): StoreApi<InboxState> =>
  createStore<InboxState>()((set, get) => {
    const readNow = (keep: (n: Notification) => boolean) => {
      const at = new Date().toISOString();
      set({ items: get().items.map((n) => (n.readAt === null && !keep(n) ? { ...n, readAt: at } : n)) });
    };
    const post = async (body: object) => {
      const r = await api.request<{ unread: number }>('POST', `${PATH}/read`, { body });
      set({ unread: r.unread });
    };
    return {
      ...EMPTY,
      load: async () => {
        const page = await api.request<InboxPage>('GET', PATH).catch((err: unknown) => {
          set({ failed: true });
          throw err;
        });
        set({
          items: page.notifications,
          unread: page.unread,
          nextCursor: page.nextCursor,
          loaded: true,
          failed: false,
        });
      },
      loadMore: async () => {
        const cursor = get().nextCursor;
        if (cursor === null) return;
        const page = await api.request<InboxPage>('GET', `${PATH}?cursor=${encodeURIComponent(cursor)}`);
        const known = new Set(get().items.map((n) => n.id));
        const more = page.notifications.filter((n) => !known.has(n.id));
        set({ items: [...get().items, ...more], unread: page.unread, nextCursor: page.nextCursor });
      },
      receive: (n) => {
        if (get().items.some((m) => m.id === n.id)) return;
        set({ items: [n, ...get().items], unread: get().unread + (n.readAt === null ? 1 : 0) });
      },
      markRead: async (ids) => {
        const unread = ids.filter((id) => get().items.some((n) => n.id === id && n.readAt === null));
        if (unread.length === 0) return;
        readNow((n) => !unread.includes(n.id));
        set({ unread: Math.max(0, get().unread - unread.length) });
        await post({ ids: unread });
      },
      markAllRead: async () => {
        readNow(() => false);
        set({ unread: 0 });
        await post({ all: true });
      },
      readElsewhere: (frame) => {
        if ('all' in frame) readNow(() => false);
        else readNow((n) => !frame.ids.includes(n.id));
        // The server's count covers pages this tab has not loaded, and anything marked meanwhile.
        set({ unread: frame.unread });
      },
      clear: () => set(EMPTY),
    };
  });
