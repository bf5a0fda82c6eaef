import { useEffect } from 'react';
import { useStore } from 'zustand';
import { api, useSession } from '../api/session';
import { connectInbox } from './inbox-live';
import { createInbox, type InboxState } from './inbox-store';

/** The page's one inbox, shared by the bell in every page's header. */
export const inbox = createInbox(api);

export const useInbox = <T>(select: (s: InboxState) => T): T => useStore(inbox, select);

const wsUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;

/** Keeps the inbox live while someone is signed in (and the server has confirmed it is them). */
export const useInboxLive = (): void => {
  const userId = useSession((s) => (s.status === 'authenticated' && s.confirmed ? s.user?.id : undefined));
  useEffect(() => {
    if (userId === undefined) return;
    const reload = () =>
      void inbox
        .getState()
        .load()
        .catch(() => undefined);
    reload();
    const stop = connectInbox({
      url: wsUrl(),
      token: () => (api.userId === userId ? api.token : null),
      refresh: () => api.refresh(),
      onNotification: (n) => {
        if (n.userId === userId) inbox.getState().receive(n);
      },
      onRead: (frame) => inbox.getState().readElsewhere(frame),
      onReady: reload,
    });
    return () => {
      stop();
      inbox.getState().clear();
    };
  }, [userId]);
};
