import * as E from 'fp-ts/Either';
import { commands } from '../../../src/domain';
import { makeBoard, makeCard, makeList, uuid } from './fixtures';

const bob = uuid(0xb0b);
const archived = makeBoard({ archived: true });
const card = makeCard(makeList(archived), { assignees: [bob] });

describe('taking a person who left the team off a card', () => {
  it('an ordinary unassign is refused on an archived board', () => {
    expect(E.isLeft(commands.unassignMember(archived, card, bob))).toBe(true);
  });

  it('a departed member is taken off a card of an archived board too, as an ordinary event', () => {
    const decided = commands.unassignDeparted(archived, card, bob);
    expect(decided).toEqual(
      E.right({ kind: 'card.member.removed', data: { cardId: card.id, title: card.title, userId: bob } }),
    );
  });

  it('a card they are not on, or of another board, is not found', () => {
    expect(commands.unassignDeparted(archived, { ...card, assignees: [] }, bob)).toMatchObject({
      left: { kind: 'not_found' },
    });
    const other = makeBoard({ id: uuid(2) });
    expect(E.isLeft(commands.unassignDeparted(other, card, bob))).toBe(true);
  });
});
