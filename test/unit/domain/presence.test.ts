import {
  mergeViewers,
  type BoardId,
  type CardId,
  type PresenceEntry,
  type TeamId,
  type UserId,
} from '../../../src/domain';

const TEAM = '00000000-0000-4000-8000-00000000000a' as TeamId;
const BOARD = '00000000-0000-4000-8000-00000000000b' as BoardId;
const ANA = '00000000-0000-4000-8000-0000000000a1' as UserId;
const BEN = '00000000-0000-4000-8000-0000000000b1' as UserId;
const CARD_1 = '00000000-0000-4000-8000-0000000000c1' as CardId;
const CARD_2 = '00000000-0000-4000-8000-0000000000c2' as CardId;

const entry = (connectionId: string, userId: UserId, name: string, editing: CardId | null, changedAt: number) =>
  ({ teamId: TEAM, boardId: BOARD, connectionId, userId, name, editing, changedAt }) satisfies PresenceEntry;

describe('merging presence entries into viewers', () => {
  it('a user with several tabs is one viewer, editing the card of the latest tab that has one open', () => {
    const viewers = mergeViewers([
      entry('a:1', ANA, 'Ana', CARD_1, 1),
      entry('b:7', ANA, 'Ana', null, 3),
      entry('a:2', ANA, 'Ana', CARD_2, 2),
    ]);
    expect(viewers).toEqual([{ userId: ANA, name: 'Ana', editing: CARD_2 }]);
  });

  it('a user none of whose tabs has a card open edits nothing', () => {
    expect(mergeViewers([entry('a:1', BEN, 'Ben', null, 1), entry('a:2', BEN, 'Ben', null, 2)])).toEqual([
      { userId: BEN, name: 'Ben', editing: null },
    ]);
  });

  it('viewers come in the same order whatever order the entries were read in', () => {
    const entries = [entry('a:1', BEN, 'Ben', null, 1), entry('b:1', ANA, 'Ana', CARD_1, 1)];
    expect(mergeViewers(entries).map((v) => v.name)).toEqual(['Ana', 'Ben']);
    expect(mergeViewers([...entries].reverse())).toEqual(mergeViewers(entries));
  });

  it('no entries, no viewers', () => {
    expect(mergeViewers([])).toEqual([]);
  });
});
