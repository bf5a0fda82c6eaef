import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore, NotificationOutbox, OutboxEntry } from '../../src/application/ports';
import { commands, mentionToken, unavailable, type Card, type CardId } from '../../src/domain';
import { boardWorld, type BoardWorld } from './board-fixtures';
import { newId, ok, type Subject } from './fixtures';

/** The outbox is filled by committing to the board store of the same shard. */
export interface OutboxPorts {
  readonly boards: BoardStore;
  readonly outbox: NotificationOutbox;
}

const kinds = (entries: readonly OutboxEntry[]) => entries.map((e) => e.record.kind);

/** The NotificationOutbox contract, run against every adapter. */
export const registerNotificationOutboxContract = (
  name: string,
  factory: () => Promise<Subject<OutboxPorts>>,
): void => {
  describe(`NotificationOutbox contract: ${name}`, () => {
    let subject: Subject<OutboxPorts>;
    let outbox: NotificationOutbox;

    beforeEach(async () => {
      subject = await factory();
      outbox = subject.port.outbox;
    });
    afterEach(() => subject.close());

    /** Everything queued now, handled and removed. */
    const take = async (): Promise<OutboxEntry[]> => {
      const seen: OutboxEntry[] = [];
      await ok(outbox.drain(100, (entries) => TE.fromIO(() => void seen.push(...entries))));
      return seen;
    };
    const assign = (w: BoardWorld, cardId: CardId, userId = newId()) =>
      w.mutate((tx) =>
        pipe(
          tx.card(cardId),
          TE.chainEitherK((card) => commands.assignMember(tx.board, card, userId)),
        ),
      );
    const comment = (w: BoardWorld, card: Card, body: string) =>
      w.mutate((tx) =>
        pipe(
          tx.card(card.id),
          TE.chainEitherK((c) =>
            commands.createComment(tx.board, c, { id: newId(), body, author: w.actor, at: c.updatedAt }),
          ),
        ),
      );
    const cardWithAssignees = async () => {
      const w = await boardWorld(subject.port.boards, 'Launch');
      const list = await w.addList('Doing');
      const card = await w.addCard(list.id, 'Ship it');
      return { w, card };
    };

    it('keeps the committed events that may notify, with the board title and the card’s assignees', async () => {
      const { w, card } = await cardWithAssignees();
      const [bob, cid] = [newId(), newId()];
      await assign(w, card.id, bob);
      await assign(w, card.id, cid);
      await comment(w, card, `hello ${mentionToken(bob)}`);
      const entries = await take();
      expect(kinds(entries)).toEqual(['card.member.added', 'card.member.added', 'comment.created']);
      const last = entries[2]!;
      expect(last).toMatchObject({ boardTitle: 'Launch', record: { teamId: w.teamId, boardId: w.boardId } });
      expect([...last.assignees].sort()).toEqual([bob, cid].sort());
      expect(await take()).toEqual([]);
    });

    it('keeps nothing for events that cannot notify anyone', async () => {
      const { w, card } = await cardWithAssignees();
      await w.mutate((tx) =>
        pipe(
          tx.card(card.id),
          TE.chainEitherK((c) => commands.updateCard(tx.board, c, { title: 'Renamed' }, c.updatedAt)),
        ),
      );
      expect(await take()).toEqual([]);
    });

    it('leaves entries whose handling failed for the next drain', async () => {
      const { w, card } = await cardWithAssignees();
      await assign(w, card.id);
      const failed = await outbox.drain(10, () => TE.left(unavailable('catalog down')))();
      expect(failed).toMatchObject({ _tag: 'Left' });
      expect(kinds(await take())).toEqual(['card.member.added']);
    });

    it('never hands an entry another drain holds to a second drain', async () => {
      const { w, card } = await cardWithAssignees();
      await assign(w, card.id);
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const seenByFirst: OutboxEntry[] = [];
      const first = outbox.drain(10, (entries) =>
        pipe(
          TE.fromIO(() => void seenByFirst.push(...entries)),
          TE.chain(() => TE.fromTask(() => held)),
        ),
      )();
      for (let i = 0; i < 100 && seenByFirst.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(seenByFirst).toHaveLength(1);
      expect(await take()).toEqual([]);
      release();
      expect(await first).toEqual({ _tag: 'Right', right: 1 });
      expect(await take()).toEqual([]);
    });
  });
};
