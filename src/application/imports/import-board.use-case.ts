import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError, Board, BoardId, Member, TeamId, Title } from '../../domain';
import type { Actor } from '../api';
import type { ImportBoard, ImportOutcome } from './import-types';
import { authorize } from '../authorization';
import { createBoard } from '../boards/create-board.use-case';
import type { AppDeps } from '../deps';
import { mapBoardroom } from './boardroom-map';
import { importBoardId, previewOf, reportOf, type ImportPlan, type TeamPerson } from './import-plan';
import { planOps, type PlannedOps } from './plan-ops';
import { mapTrello } from './trello-map';
import { undoImport, writeOps } from './write-plan';

const teamPeople =
  (deps: AppDeps) =>
  (teamId: TeamId): TE.TaskEither<AppError, TeamPerson[]> =>
    pipe(
      deps.teams.listMembers(teamId),
      TE.chain((members) => deps.users.findMany(members.map((m) => m.userId))),
      TE.map((users) => users.map((u) => ({ userId: u.id, name: u.name, email: u.email }))),
    );

const MAPPERS = { trello: mapTrello, boardroom: mapBoardroom } as const;

interface Prepared {
  readonly member: Member;
  readonly plan: ImportPlan;
  readonly ops: PlannedOps;
  readonly boardId: BoardId;
}

const alreadyImported = (deps: AppDeps, teamId: TeamId, boardId: BoardId): TE.TaskEither<AppError, boolean> =>
  pipe(
    deps.boards.board(teamId, boardId),
    TE.map(() => true),
    TE.orElse((e) => (e.kind === 'not_found' ? TE.right(false) : TE.left(e))),
  );

const previewing = (deps: AppDeps, teamId: TeamId, p: Prepared): TE.TaskEither<AppError, ImportOutcome> =>
  pipe(
    alreadyImported(deps, teamId, p.boardId),
    TE.map((seen) => {
      const preview = previewOf(p.plan);
      const warnings = seen
        ? ['This export was already imported into this team', ...preview.warnings]
        : preview.warnings;
      return { kind: 'preview', preview: { ...preview, warnings } };
    }),
  );

/** Creates the board, then writes every op; a failure part-way deletes the board again. */
const importing = (deps: AppDeps, actor: Actor, teamId: TeamId, p: Prepared): TE.TaskEither<AppError, ImportOutcome> =>
  pipe(
    createBoard(deps)(actor, teamId, { title: p.plan.title as Title, id: p.boardId }, null),
    TE.map((m): ImportOutcome | Board => m.value),
    TE.orElse((e) =>
      e.kind === 'conflict' && e.code === 'already_exists'
        ? TE.right<AppError, ImportOutcome | Board>({ kind: 'duplicate', boardId: p.boardId })
        : TE.left(e),
    ),
    TE.chain((made) => {
      if ('kind' in made) return TE.right(made);
      const target = { teamId, boardId: p.boardId };
      return async () => {
        const written = await writeOps(deps, p.member, target, p.ops);
        if (E.isRight(written)) return E.right({ kind: 'imported', board: made, report: reportOf(p.plan) });
        await undoImport(deps, target).catch(() => undefined);
        return written;
      };
    }),
  );

/** `POST /api/teams/:teamId/imports/{trello|boardroom}`: members and up; viewers are refused. */
export const importBoard =
  (deps: AppDeps): ImportBoard =>
  (actor, teamId, source, read, options) =>
    pipe(
      TE.Do,
      TE.apS('member', authorize(deps)(actor, teamId, 'board.create')),
      TE.chain(({ member }) =>
        pipe(
          read(),
          TE.bindTo('upload'),
          TE.bind('people', () => teamPeople(deps)(teamId)),
          TE.chainEitherK(({ upload, people }) =>
            pipe(
              MAPPERS[source](upload.json, people),
              E.chain((plan) =>
                pipe(
                  planOps(plan, () => deps.ids.next()),
                  E.map((ops): Prepared => ({ member, plan, ops, boardId: importBoardId(upload.sha256) })),
                ),
              ),
            ),
          ),
        ),
      ),
      TE.chain((p) => (options.preview ? previewing(deps, teamId, p) : importing(deps, actor, teamId, p))),
    );
