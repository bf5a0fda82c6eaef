import { useEffect } from 'react';

/** The browser tab names the page first, then the app: "Sprint 12 · Boardroom"; null while unknown. */
export const usePageTitle = (title: string | null): void => {
  useEffect(() => {
    document.title = title ? `${title} · Boardroom` : 'Boardroom';
  }, [title]);
};
