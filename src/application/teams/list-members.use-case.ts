import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Application } from '../api';
import { authorize } from '../authorization';
import type { AppDeps } from '../deps';
import { memberViews } from './member-view';

/** The team's members, oldest first; any member may see them. */
export const listMembers =
  (deps: AppDeps): Application['teams']['listMembers'] =>
  (actor, teamId) =>
    pipe(
      authorize(deps)(actor, teamId, 'team.read'),
      TE.chain(() => deps.teams.listMembers(teamId)),
      TE.chain(memberViews(deps)),
    );
