/**
 * Trello exports made up for tests (the real ones are in test/fixtures/trello): ids are 24 hex digits
 * as Trello's are, and the shape follows what "Export as JSON" writes.
 */

let counter = 0;
/** A fresh Trello-style id (24 hex digits). */
export const trelloId = (): string => (0x5f000000 + counter++).toString(16).padStart(24, 'a');

export interface TrelloExport {
  id: string;
  name: string;
  lists: Record<string, unknown>[];
  cards: Record<string, unknown>[];
  labels: Record<string, unknown>[];
  members: Record<string, unknown>[];
  checklists: Record<string, unknown>[];
  actions: Record<string, unknown>[];
}

/** A board with `cards` plain cards spread over `lists` lists (what the size tests and the bench import). */
export const bigExport = (cards: number, lists = 10, extras = false): TrelloExport => {
  const board = trelloId();
  const listIds = Array.from({ length: lists }, () => trelloId());
  const out: TrelloExport = {
    id: board,
    name: `Big board ${cards}`,
    lists: listIds.map((id, i) => ({ id, name: `List ${i}`, closed: false, idBoard: board, pos: (i + 1) * 16384 })),
    cards: [],
    labels: [{ id: trelloId(), idBoard: board, name: 'Bug', color: 'red' }],
    members: [],
    checklists: [],
    actions: [],
  };
  for (let i = 0; i < cards; i++) {
    const id = trelloId();
    out.cards.push({
      id,
      name: `Card ${i}`,
      desc: extras ? `Description of card ${i}` : '',
      closed: false,
      idList: listIds[i % lists],
      idBoard: board,
      pos: i * 16384,
      idLabels: i % 3 === 0 ? [out.labels[0]!.id] : [],
      idMembers: [],
      due: i % 5 === 0 ? '2030-01-02T10:00:00.000Z' : null,
      dueComplete: false,
      start: null,
      attachments: [],
    });
    if (extras && i % 4 === 0) {
      out.checklists.push({
        id: trelloId(),
        idCard: id,
        name: 'Todo',
        pos: 1,
        checkItems: [
          { id: trelloId(), name: 'First', state: 'complete', pos: 1 },
          { id: trelloId(), name: 'Second', state: 'incomplete', pos: 2 },
        ],
      });
    }
    if (extras && i % 10 === 0) {
      out.actions.push({
        id: trelloId(),
        type: 'commentCard',
        date: '2024-05-01T12:00:00.000Z',
        data: { text: `Comment on ${i}`, card: { id, name: `Card ${i}` } },
        memberCreator: { id: trelloId(), fullName: 'Tess Trello', username: 'tess' },
      });
    }
  }
  return out;
};

/**
 * A small board with one of everything the importer maps: lists out of `pos` order, a closed list and
 * card, named and colour-only labels, dates, checklists, comments, a link and an uploaded file, and two
 * members (one named like `teamMemberName`, one unknown).
 */
export const richExport = (teamMemberName: string): TrelloExport => {
  const board = trelloId();
  const [todo, done, old] = [trelloId(), trelloId(), trelloId()];
  const [bug, plain] = [trelloId(), trelloId()];
  const [known, stranger] = [trelloId(), trelloId()];
  const [first, second, third] = [trelloId(), trelloId(), trelloId()];
  const card = (id: string, name: string, idList: string, pos: number, more: Record<string, unknown> = {}) => ({
    id,
    name,
    desc: '',
    closed: false,
    idList,
    pos,
    idLabels: [],
    idMembers: [],
    due: null,
    dueComplete: false,
    start: null,
    attachments: [],
    ...more,
  });
  const comment = (cardId: string, text: string, date: string, fullName: string) => ({
    id: trelloId(),
    type: 'commentCard',
    date,
    idMemberCreator: known,
    data: { text, card: { id: cardId } },
    memberCreator: { id: known, fullName, username: 'x' },
  });
  return {
    id: board,
    name: 'Product roadmap',
    lists: [
      { id: done, name: 'Done', closed: false, pos: 300 },
      { id: todo, name: 'To do', closed: false, pos: 100 },
      { id: old, name: 'Old stuff', closed: true, pos: 200 },
    ],
    labels: [
      { id: bug, name: 'Bug', color: 'red_dark' },
      { id: plain, name: '', color: 'black' },
    ],
    members: [
      { id: known, fullName: teamMemberName, username: 'known1' },
      { id: stranger, fullName: 'Stranger Danger', username: 'stranger' },
    ],
    cards: [
      card(second, 'Second', todo, 2000, { closed: true }),
      card(first, 'First', todo, 1000, {
        desc: 'Read the spec',
        idLabels: [bug, plain],
        idMembers: [known, stranger],
        start: '2030-01-01T09:00:00.000Z',
        due: '2030-01-05T17:00:00.000Z',
        dueComplete: true,
        attachments: [
          { id: trelloId(), name: 'Spec', url: 'https://example.com/spec', isUpload: false },
          { id: trelloId(), name: 'photo.png', url: 'https://trello.com/1/cards/x/photo.png', isUpload: true },
        ],
      }),
      card(third, 'Third', old, 1),
    ],
    checklists: [
      {
        id: trelloId(),
        idCard: first,
        name: 'Later',
        pos: 20,
        checkItems: [{ id: trelloId(), name: 'Ship', state: 'incomplete', pos: 1 }],
      },
      {
        id: trelloId(),
        idCard: first,
        name: 'Steps',
        pos: 10,
        checkItems: [
          { id: trelloId(), name: 'Two', state: 'incomplete', pos: 2 },
          { id: trelloId(), name: 'One', state: 'complete', pos: 1 },
        ],
      },
    ],
    actions: [
      comment(first, 'Second comment', '2024-02-02T10:00:00.000Z', teamMemberName),
      comment(first, 'First comment', '2024-01-01T10:00:00.000Z', 'Someone Else'),
      { id: trelloId(), type: 'updateCard', date: '2024-01-01T10:00:00.000Z', data: { card: { id: first } } },
    ],
  };
};
