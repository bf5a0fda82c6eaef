import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { MemberRow } from '../api/teams';
import type { Mentionable } from '../mentions/mention-query';

/**
 * The members of the teams an inbox names, for mention chips in excerpts. Read once per team while the
 * panel is open; a team the viewer left answers nothing (its mentions then show as "@unknown").
 */
export const useTeamsPeople = (api: ApiClient, teamIds: readonly string[]): readonly Mentionable[] => {
  const [people, setPeople] = useState<ReadonlyMap<string, readonly Mentionable[]>>(new Map());
  const wanted = [...new Set(teamIds)].sort().join(',');
  useEffect(() => {
    let live = true;
    for (const teamId of wanted.split(',').filter(Boolean)) {
      api
        .request<{ members: MemberRow[] }>('GET', `/api/teams/${teamId}/members`)
        .then((r) => {
          const members = r.members.map((m) => ({ id: m.userId, name: m.user.name }));
          if (live) setPeople((p) => new Map(p).set(teamId, members));
        })
        .catch(() => undefined);
    }
    return () => {
      live = false;
    };
  }, [api, wanted]);
  return [...people.values()].flat();
};
