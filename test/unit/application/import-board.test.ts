import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type { BoardEngine } from '../../../src/application/engine/board-engine';
import { importBoard } from '../../../src/application/imports/import-board.use-case';
import { unavailable } from '../../../src/domain';
import { richExport } from '../../support/trello-export';
import { ok, quickApp, signUp, title } from './fixtures';

const upload =
  (json: unknown, sha256 = 'a'.repeat(64)) =>
  () =>
    TE.right({ json, sha256 });

describe('the import use case', () => {
  test('a write that fails part-way leaves no board, and the same file then imports afresh', async () => {
    const { app, deps } = quickApp();
    const owner = await signUp(app, 'Alice');
    const team = await ok(app.teams.create(owner, { name: title('Acme') }));
    let submitted = 0;
    // The store fails once, after the labels, lists and cards were committed.
    const flaky = {
      ...deps.engine,
      read: deps.engine.read,
      submit: (ctx: never, decide: never, read: never) =>
        ++submitted === 9 ? TE.left(unavailable('shard down')) : deps.engine.submit(ctx, decide, read),
    } as unknown as BoardEngine;
    const run = importBoard({ ...deps, engine: flaky });
    const file = upload(richExport('Nobody'));
    const result = await run(owner, team.id, 'trello', file, { preview: false })();
    expect(E.isLeft(result) && result.left.kind).toBe('unavailable');
    expect(await ok(app.boards.list(owner, team.id))).toEqual([]);

    const again = await ok(run(owner, team.id, 'trello', file, { preview: false }));
    expect(again.kind).toBe('imported');
    const [board] = await ok(app.boards.list(owner, team.id));
    expect((await ok(app.boards.get(owner, team.id, board!.id))).cards).toHaveLength(3);
  });

  test('a member whose import fails leaves no board either, though members may not delete boards', async () => {
    const { app, deps } = quickApp();
    const owner = await signUp(app, 'Alice');
    const team = await ok(app.teams.create(owner, { name: title('Acme') }));
    const mo = await signUp(app, 'Mo');
    await ok(
      deps.teams.addMember({ teamId: team.id, userId: mo.userId, role: 'member', addedAt: '2025-01-01T00:00:00.000Z' }),
    );
    let submitted = 0;
    const flaky = {
      ...deps.engine,
      submit: (ctx: never, decide: never, read: never) =>
        ++submitted === 4 ? TE.left(unavailable('shard down')) : deps.engine.submit(ctx, decide, read),
    } as unknown as BoardEngine;
    const result = await importBoard({ ...deps, engine: flaky })(mo, team.id, 'trello', upload(richExport('x')), {
      preview: false,
    })();
    expect(E.isLeft(result)).toBe(true);
    expect(await ok(app.boards.list(owner, team.id))).toEqual([]);
  });

  test('a preview reads the upload but writes nothing', async () => {
    const { app, deps } = quickApp();
    const owner = await signUp(app, 'Alice');
    const team = await ok(app.teams.create(owner, { name: title('Acme') }));
    const result = await ok(importBoard(deps)(owner, team.id, 'trello', upload(richExport('x')), { preview: true }));
    expect(result.kind).toBe('preview');
    expect(await ok(app.boards.list(owner, team.id))).toEqual([]);
  });

  test('the upload is not read for someone who may not import', async () => {
    const { app, deps } = quickApp();
    const owner = await signUp(app, 'Alice');
    const stranger = await signUp(app, 'Sam');
    const team = await ok(app.teams.create(owner, { name: title('Acme') }));
    let read = false;
    const reading = () => {
      read = true;
      return TE.right({ json: richExport('x'), sha256: 'b'.repeat(64) });
    };
    const result = await importBoard(deps)(stranger, team.id, 'trello', reading, { preview: false })();
    expect(E.isLeft(result) && result.left.kind).toBe('not_found');
    expect(read).toBe(false);
  });
});
