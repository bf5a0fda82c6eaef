import { csvField } from '../../../src/application/boards/board-export';
import type { CommentBody, Description } from '../../../src/domain';
import { joinAs, ok, quickApp, teamWithBoard, title } from './fixtures';

const setUp = async (boardTitle?: string) => {
  const { app, deps } = quickApp();
  const w = await teamWithBoard(app, boardTitle);
  const todo = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('To Do') }, null))).value;
  const done = (await ok(app.lists.create(w.owner, w.teamId, w.boardId, { title: title('Done') }, null))).value;
  return { app, deps, w, todo: todo.id, done: done.id };
};

describe('board activity', () => {
  it("reads as sentences with the actor's name, newest first", async () => {
    const { app, w, todo, done } = await setUp();
    const bob = await joinAs(app, w, 'Bob', 'member');
    const card = await ok(app.cards.create(bob, w.teamId, w.boardId, { listId: todo, title: title('X') }, null));
    await ok(app.cards.move(w.owner, w.teamId, w.boardId, card.value.id, { toListId: done }, null));
    const page = await ok(app.boards.activity(w.owner, w.teamId, w.boardId, { limit: 2 }));
    expect(page.entries.map((e) => e.text)).toEqual(['Alice moved "X" from To Do to Done', 'Bob added "X" to To Do']);
    expect(page.entries[1]!.actor).toEqual({ id: bob.userId, name: 'Bob' });
  });

  it('pages back through older entries until the start', async () => {
    const { app, w } = await setUp();
    const first = await ok(app.boards.activity(w.owner, w.teamId, w.boardId, { limit: 2 }));
    expect(first.entries.map((e) => e.seq)).toEqual([3, 2]);
    expect(first.nextBefore).toBe(2);
    const second = await ok(app.boards.activity(w.owner, w.teamId, w.boardId, { before: 2, limit: 2 }));
    expect(second.entries.map((e) => e.text)).toEqual(['Alice created the board "Roadmap"']);
    expect(second.nextBefore).toBeNull();
  });
});

describe('board export', () => {
  it('CSV has a header row, one quoted-as-needed row per card and CRLF line ends', async () => {
    const { app, w, todo, done } = await setUp('Q3 Roadmap: "Big" plans!');
    await ok(
      app.cards.create(
        w.owner,
        w.teamId,
        w.boardId,
        {
          listId: todo,
          title: title('Say "hi", then leave'),
          description: 'line one\nline two' as Description,
          labels: ['ux', 'web'],
        },
        null,
      ),
    );
    await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId: done, title: title('Plain') }, null));
    const file = await ok(app.boards.export(w.owner, w.teamId, w.boardId, 'csv'));
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(file.filename).toBe('q3-roadmap-big-plans.csv');
    const createdAt = '2025-01-15T09:00:00.000Z';
    expect([...file.chunks].join('')).toBe(
      'list,title,description,labels,dueDate,archived,createdAt,comments,startAt,dueAt,dueDone,checklist,members\r\n' +
        `To Do,"Say ""hi"", then leave","line one\nline two",ux; web,,false,${createdAt},,,,false,,\r\n` +
        `Done,Plain,,,,false,${createdAt},,,,false,,\r\n`,
    );
  });

  it('cells that a spreadsheet would run as formulas are neutralised', async () => {
    const { app, w, todo } = await setUp();
    await ok(
      app.cards.create(w.owner, w.teamId, w.boardId, { listId: todo, title: title('=HYPERLINK("http://evil")') }, null),
    );
    const card = await ok(
      app.cards.create(w.owner, w.teamId, w.boardId, { listId: todo, title: title('@SUM(A1)') }, null),
    );
    await ok(
      app.comments.create(w.owner, w.teamId, w.boardId, card.value.id, { body: '+1 agreed' as CommentBody }, null),
    );
    const file = await ok(app.boards.export(w.owner, w.teamId, w.boardId, 'csv'));
    const rows = [...file.chunks].join('').split('\r\n');
    expect(rows[1]).toMatch(/^To Do,"'=HYPERLINK\(""http:\/\/evil""\)",/);
    expect(rows[2]).toMatch(/^To Do,'@SUM\(A1\),/);
    expect(rows[2]).toContain('Alice (2025-01-15T09:00:00.000Z): +1 agreed');
  });

  it('every formula-starting character gets a leading quote', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx'].map(csvField)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\tx",
      `"'\rx"`,
    ]);
    expect(csvField('safe = fine')).toBe('safe = fine');
  });

  it('formulas behind spaces or line breaks, and full-width formula characters, are neutralised too', () => {
    expect(['\uFF1D1+1', '\uFF0Bcmd', '\uFF0D2', '\uFF20SUM(A1)', ' =1', '\n=1', '\u3000@a'].map(csvField)).toEqual([
      "'\uFF1D1+1",
      "'\uFF0Bcmd",
      "'\uFF0D2",
      "'\uFF20SUM(A1)",
      "' =1",
      `"'\n=1"`,
      "'\u3000@a",
    ]);
    expect(csvField('a =1')).toBe('a =1');
  });

  it('JSON holds the board, lists and cards in order, each card with its comments', async () => {
    const { app, w, todo, done } = await setUp();
    const a = await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId: done, title: title('A') }, null));
    await ok(app.cards.create(w.owner, w.teamId, w.boardId, { listId: todo, title: title('B') }, null));
    await ok(app.comments.create(w.owner, w.teamId, w.boardId, a.value.id, { body: 'Nice' as CommentBody }, null));
    const file = await ok(app.boards.export(w.owner, w.teamId, w.boardId, 'json'));
    expect(file).toMatchObject({ contentType: 'application/json', filename: 'roadmap.json' });
    expect([...file.chunks].join('')).toContain('\n  "board"');
    const parsed = JSON.parse([...file.chunks].join(''));
    expect(parsed.board.title).toBe('Roadmap');
    expect(parsed.lists.map((l: { title: string }) => l.title)).toEqual(['To Do', 'Done']);
    expect(parsed.cards.map((c: { title: string }) => c.title)).toEqual(['B', 'A']);
    expect(parsed.cards[1].comments).toMatchObject([{ body: 'Nice', authorName: 'Alice' }]);
    expect([...file.chunks].join('')).toBe(JSON.stringify(parsed, null, 2));
  });

  it("an export reads the board's comments once, however many cards it has", async () => {
    const { app, deps, w, todo } = await setUp();
    for (let i = 0; i < 12; i++) {
      const card = await ok(
        app.cards.create(w.owner, w.teamId, w.boardId, { listId: todo, title: title(`C${i}`) }, null),
      );
      await ok(app.comments.create(w.owner, w.teamId, w.boardId, card.value.id, { body: 'x' as CommentBody }, null));
    }
    const perCard = jest.spyOn(deps.boards, 'comments');
    const perBoard = jest.spyOn(deps.boards, 'boardComments');
    const csv = [...(await ok(app.boards.export(w.owner, w.teamId, w.boardId, 'csv'))).chunks];
    expect(csv).toHaveLength(13);
    expect(perCard).not.toHaveBeenCalled();
    expect(perBoard).toHaveBeenCalledTimes(1);
  });

  it('the JSON of a board without cards is the same pretty-printed document, produced in pieces', async () => {
    const { app, w } = await setUp();
    const file = await ok(app.boards.export(w.owner, w.teamId, w.boardId, 'json'));
    const text = [...file.chunks].join('');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(JSON.parse(text).cards).toEqual([]);
  });
});
