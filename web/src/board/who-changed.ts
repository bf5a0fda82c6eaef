import { useEffect, useState } from 'react';
import type { ActivityEntry } from '../../../src/domain/activity';
import type { BoardEventRecord } from '../../../src/domain/events';
import type { ApiClient } from '../api/client';
import { conflictsOf, type CardDraft, type FieldName } from './card-draft';

/**
 * The name of the person who last changed `field` of the card since `afterSeq`, read from the board's
 * event log (which says who, by id) and its activity feed (which says who, by name); null if unknown.
 */
export const whoChanged = async (
  api: ApiClient,
  base: string,
  cardId: string,
  field: FieldName,
  afterSeq: number,
): Promise<string | null> => {
  const { events } = await api.request<{ events: BoardEventRecord[] }>(
    'GET',
    `${base}/events?after=${afterSeq}&limit=1000`,
  );
  const last = [...events]
    .reverse()
    .find((ev) => ev.kind === 'card.updated' && ev.data.cardId === cardId && field in ev.data.changes);
  if (!last) return null;
  const { entries } = await api.request<{ entries: ActivityEntry[] }>(
    'GET',
    `${base}/activity?before=${last.seq + 1}&limit=1`,
  );
  return entries.find((e) => e.seq === last.seq)?.actor.name ?? null;
};

/** Who made each conflicting change, looked up once per conflicting value; absent while unknown. */
export const useWhoChanged = (
  api: ApiClient,
  base: string,
  cardId: string,
  sinceSeq: number,
  draft: CardDraft,
): Partial<Record<FieldName, string>> => {
  const [names, setNames] = useState<Partial<Record<FieldName, string>>>({});
  // Changes when a field enters a conflict or the conflicting value changes again, not on every keystroke.
  const key = JSON.stringify(conflictsOf(draft).map((f) => [f, draft[f].theirs]));
  useEffect(() => {
    let live = true;
    for (const [field] of JSON.parse(key) as [FieldName, string][]) {
      whoChanged(api, base, cardId, field, sinceSeq)
        .then((name) => live && name && setNames((n) => ({ ...n, [field]: name })))
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [api, base, cardId, sinceSeq, key]);
  return names;
};
