import * as E from 'fp-ts/Either';
import type { ImportPlan, TeamPerson } from '../../../src/application/imports/import-plan';
import { importBoardId } from '../../../src/application/imports/import-plan';
import { paletteColor } from '../../../src/application/imports/trello-parts';
import { mapTrello } from '../../../src/application/imports/trello-map';
import { Title, Uuid, type UserId } from '../../../src/domain';
import { bigExport, richExport } from '../../support/trello-export';

const mia: TeamPerson = { userId: '0190a000-0000-7000-8000-000000000001' as UserId, name: 'Mia', email: 'mia@x.io' };

const plan = (json: unknown, team: TeamPerson[] = [mia]): ImportPlan => {
  const mapped = mapTrello(json, team);
  if (E.isLeft(mapped)) throw new Error(mapped.left.message);
  return mapped.right;
};

describe('mapping a Trello export', () => {
  test('lists and cards come in pos order, closed ones archived', () => {
    const p = plan(richExport('Mia'));
    expect(p.lists.map((l) => [l.title, l.archived, l.cards.map((c) => [c.title, c.archived])])).toEqual([
      [
        'To do',
        false,
        [
          ['First', false],
          ['Second', true],
        ],
      ],
      ['Old stuff', true, [['Third', false]]],
      ['Done', false, []],
    ]);
  });

  test("Trello's colours map to the nearest of our palette", () => {
    expect(['green', 'red_dark', 'sky_light', 'black', 'black_dark', null, 'chartreuse'].map(paletteColor)).toEqual([
      'green',
      'red',
      'sky',
      'grey',
      'grey',
      'grey',
      'grey',
    ]);
  });

  test('a colour-only label is named after its colour, and equal names become one label', () => {
    const json = richExport('Mia');
    json.labels.push({ id: 'dup', name: 'BUG', color: 'green' });
    expect(plan(json).labels).toEqual([
      { name: 'Bug', color: 'red' },
      { name: 'Black', color: 'grey' },
    ]);
  });

  test('members are matched by e-mail first, then by a unique name; the rest are listed', () => {
    const json = richExport('nobody');
    json.members = [
      { id: 'a', fullName: 'Someone', username: 'zz', email: 'MIA@x.io' },
      { id: 'b', fullName: 'Pat', username: 'pat' },
    ];
    const twoPats: TeamPerson[] = [
      mia,
      { userId: 'u2' as UserId, name: 'Pat', email: 'pat@x.io' },
      { userId: 'u3' as UserId, name: 'pat', email: 'pat@y.io' },
    ];
    expect(plan(json, twoPats).members).toEqual({
      matched: [{ trelloName: 'Someone', userId: mia.userId, name: 'Mia' }],
      unmatched: [{ trelloName: 'Pat', username: 'pat' }],
    });
  });

  test('checklists and items keep their order and state; comments are oldest first with author and date', () => {
    const card = plan(richExport('Mia')).lists[0]!.cards[0]!;
    expect(card.checklists).toEqual([
      {
        title: 'Steps',
        items: [
          { title: 'One', done: true },
          { title: 'Two', done: false },
        ],
      },
      { title: 'Later', items: [{ title: 'Ship', done: false }] },
    ]);
    expect(card.comments[0]).toMatch(/^Someone Else wrote on 2024-01-01T10:00:00.000Z/);
    expect(card.comments[1]).toMatch(/^Mia wrote on 2024-02-02T10:00:00.000Z/);
  });

  test('NUL and control characters are stripped, HTML stays text, over-long names are cut and reported', () => {
    const json = bigExport(1, 1);
    json.name = `<img src=x onerror=alert(1)>\u0000Board\u0007`;
    json.cards[0]!.name = 'x'.repeat(100_000);
    json.cards[0]!.desc = 'line one\u0000\nline two\u001b[31m \uD800 end';
    const p = plan(json);
    expect(p.title).toBe('<img src=x onerror=alert(1)>Board');
    const card = p.lists[0]!.cards[0]!;
    expect(card.title).toHaveLength(200);
    expect(Title.is(card.title)).toBe(true);
    expect(card.description).toBe('line one\nline two[31m \uFFFD end');
    expect(p.skipped).toContainEqual({
      what: expect.stringMatching(/^Card "x+"$/),
      reason: expect.stringMatching(/cut to 200/),
    });
  });

  test('a name of only invisible characters gets a placeholder', () => {
    const json = bigExport(1, 1);
    json.lists[0]!.name = '\u0000\u200b  ';
    expect(plan(json).lists[0]!.title).toBe('Untitled list');
  });

  test('something that is not a Trello board export is refused as invalid_import', () => {
    for (const json of [null, [], 'text', { name: 'x' }, { id: 'a', lists: {}, cards: [] }]) {
      const mapped = mapTrello(json, []);
      expect(E.isLeft(mapped) && mapped.left.code).toBe('invalid_import');
    }
  });

  test('the board id of an import is a valid UUID made of the digest', () => {
    const id = importBoardId('f'.repeat(64));
    expect(Uuid.is(id)).toBe(true);
    expect(importBoardId('f'.repeat(64))).toBe(id);
    expect(importBoardId('e'.repeat(64))).not.toBe(id);
  });
});
