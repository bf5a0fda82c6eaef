import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { BoardLabel } from '../../../../src/domain/card-model';
import type { ApiClient } from '../../api/client';
import type { MemberRow } from '../../api/teams';
import { viewerZone } from './dates';

/** A team member as cards show them. */
export interface Person {
  readonly id: string;
  readonly name: string;
}

/**
 * What card fronts and the card dialog need beyond the card itself: the board's label set, the team's
 * people (to name assignees), the viewer, their zone and the time (for overdue badges).
 */
export interface CardModelEnv {
  readonly labels: readonly BoardLabel[];
  readonly people: readonly Person[];
  readonly me: string | null;
  readonly zone: string;
  readonly now: number;
}

export const CardModelContext = createContext<CardModelEnv>({
  labels: [],
  people: [],
  me: null,
  zone: viewerZone(),
  now: Date.now(),
});

export const useCardModel = (): CardModelEnv => useContext(CardModelContext);

/** The name of a person on a card; someone no longer in the team is still shown, as a former member. */
export const personOf = (people: readonly Person[], id: string): Person =>
  people.find((p) => p.id === id) ?? { id, name: 'Former member' };

/** The time, renewed every minute: "due soon" turns "overdue" without a reload. */
const useMinuteClock = (): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
};

/** The team's members (empty while loading or offline: avatars then show initials of "Former member"). */
export const useTeamPeople = (api: ApiClient, teamId: string): readonly Person[] => {
  const [people, setPeople] = useState<readonly Person[]>([]);
  useEffect(() => {
    let live = true;
    api
      .request<{ members: MemberRow[] }>('GET', `/api/teams/${teamId}/members`)
      .then((res) => live && setPeople(res.members.map((m) => ({ id: m.userId, name: m.user.name }))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, teamId]);
  return people;
};

interface ProviderProps {
  readonly labels: readonly BoardLabel[] | undefined;
  readonly people: readonly Person[];
  readonly me: string | null;
  readonly children: ReactNode;
}

export const CardModelProvider = ({ labels, people, me, children }: ProviderProps) => {
  const now = useMinuteClock();
  const value = useMemo(
    () => ({ labels: labels ?? [], people, me, zone: viewerZone(), now }),
    [labels, people, me, now],
  );
  return <CardModelContext.Provider value={value}>{children}</CardModelContext.Provider>;
};
