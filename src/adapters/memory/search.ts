import * as A from 'fp-ts/Array';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import {
  KIND_ORDER,
  type BoardStore,
  type SearchCursor,
  type SearchHit,
  type SearchHitKind,
  type SearchQuery,
  type TeamSearch,
} from '../../application/ports';
import {
  cardBodyText,
  protectMentions,
  restoreMentions,
  type AppError,
  type BoardState,
  type Comment,
  type TeamId,
} from '../../domain';
import { matches, mentions, snippetOf, wordSet } from './search-match';

/** A searchable thing of a board: its title (weight A) and body (weight B), and how it is shown. */
interface Doc {
  readonly kind: SearchHitKind;
  readonly id: string;
  readonly state: BoardState;
  readonly cardId?: SearchHit['cardId'];
  readonly title: string;
  /** Text whose words weigh A: the board's or card's title; none for a comment. */
  readonly heading: string;
  readonly body: string;
  readonly at: string;
  readonly archived: boolean;
}

const docsOf = (state: BoardState, comments: readonly Comment[]): Doc[] => {
  const { board } = state;
  const cardArchived = (id: string) => {
    const card = state.cards[id];
    return board.archived || !!card?.archived || !!(card && state.lists[card.listId]?.archived);
  };
  const base = { state, archived: board.archived };
  return [
    { ...base, kind: 'board', id: board.id, title: board.title, heading: board.title, body: '', at: board.createdAt },
    ...Object.values(state.cards).map((card): Doc => {
      const archived = cardArchived(card.id);
      return {
        ...base,
        kind: 'card',
        id: card.id,
        cardId: card.id,
        title: card.title,
        archived,
        heading: card.title,
        body: cardBodyText(card),
        at: card.updatedAt,
      };
    }),
    ...comments.flatMap((c): Doc[] => {
      const card = state.cards[c.cardId];
      if (!card) return [];
      return [
        {
          ...base,
          kind: 'comment',
          id: c.id,
          cardId: card.id,
          title: card.title,
          heading: '',
          body: c.body,
          at: c.createdAt,
          archived: cardArchived(card.id),
        },
      ];
    }),
  ];
};

/** The descending sort key of a hit, as the Postgres adapter orders: score, time, kind, id. */
const keyOf = (score: number, d: Doc): SearchCursor => ({ score, at: d.at, kind: d.kind, id: d.id });

const compareDesc = (a: SearchCursor, b: SearchCursor): number => {
  const parts: [number | string, number | string][] = [
    [a.score, b.score],
    [a.at, b.at],
    [KIND_ORDER[a.kind], KIND_ORDER[b.kind]],
    [a.id, b.id],
  ];
  for (const [x, y] of parts) if (x !== y) return x < y ? 1 : -1;
  return 0;
};

const hitOf = (query: SearchQuery, d: Doc): SearchHit => {
  // A card's snippet comes from its description when the description holds a searched word.
  const text = d.kind === 'board' ? d.heading : d.kind === 'card' && !mentions(query, d.body) ? d.heading : d.body;
  return {
    kind: d.kind,
    id: d.id,
    boardId: d.state.board.id,
    ...(d.cardId !== undefined && { cardId: d.cardId }),
    title: d.title,
    // The Postgres adapter's marks are these characters, so it drops them from stored text; so does this.
    // Mentions as one word each while snippeting, so the snippet never cuts one (as the SQL does).
    snippet: restoreMentions(snippetOf(query, protectMentions(text.replaceAll('\u0002', '').replaceAll('\u0003', '')))),
    archived: d.archived,
  };
};

/**
 * Team search over the boards a `BoardStore` holds, reading every board of the team: right for the
 * memory store (tests, demos), which keeps nothing but the boards. Matches and orders as the Postgres
 * adapter does, with words as runs of letters and digits (see search-match).
 */
export class MemoryTeamSearch implements TeamSearch {
  constructor(private readonly boards: BoardStore) {}

  readonly search: TeamSearch['search'] = (teamId, query, page) =>
    pipe(
      this.docs(teamId),
      TE.map((docs) => {
        const ranked = docs
          .flatMap((d) => {
            if (!matches(query, wordSet(d.heading, d.body))) return [];
            return [{ d, key: keyOf(matches(query, wordSet(d.heading)) ? 2 : 1, d) }];
          })
          .filter((h) => page.after === null || compareDesc(h.key, page.after) > 0)
          .sort((x, y) => compareDesc(x.key, y.key));
        const shown = ranked.slice(0, page.limit);
        const last = shown[shown.length - 1];
        return {
          hits: shown.map((h) => hitOf(query, h.d)),
          next: ranked.length > page.limit && last ? last.key : null,
        };
      }),
    );

  private docs(teamId: TeamId): TE.TaskEither<AppError, Doc[]> {
    return pipe(
      this.boards.listBoards(teamId),
      TE.chain(
        TE.traverseArray((board) =>
          pipe(
            TE.Do,
            TE.apS('state', this.boards.snapshot(teamId, board.id)),
            TE.apS('comments', this.boards.boardComments(teamId, board.id)),
            TE.map(({ state, comments }) => docsOf(state, comments)),
          ),
        ),
      ),
      TE.map((perBoard) => A.flatten([...perBoard])),
    );
  }
}
