import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Opens the card a link names (`?card=<id>`, as search results link), then drops the parameter so
 * closing the dialog and reloading do not open it again.
 */
export const useCardFromUrl = (open: (cardId: string) => void): void => {
  const [params, setParams] = useSearchParams();
  const cardId = params.get('card');
  useEffect(() => {
    if (cardId === null) return;
    open(cardId);
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('card');
        return next;
      },
      { replace: true },
    );
  }, [cardId, open, setParams]);
};
