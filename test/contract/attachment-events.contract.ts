import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { BoardStore } from '../../src/application/ports';
import { applyEvent, commands, type Attachment, type BoardState, type Card } from '../../src/domain';
import { boardWorld } from './board-fixtures';
import { newId, ok, ticker, type Subject } from './fixtures';

/**
 * Attachment events on a BoardStore: what the store projects (SQL on Postgres) must equal the shared
 * reducer's fold of the same log, for every attachment change and the cover that follows them.
 */
export const registerAttachmentEventsContract = (name: string, factory: () => Promise<Subject<BoardStore>>) => {
  describe(`BoardStore attachment events: ${name}`, () => {
    let subject: Subject<BoardStore>;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(() => subject.close());

    it('adding, covering and removing files projects exactly as the reducer folds them', async () => {
      const w = await boardWorld(subject.port);
      const todo = await w.addList('To Do');
      const card = await w.addCard(todo.id, 'Logo');
      const at = ticker(Date.parse('2025-05-01T00:00:00.000Z'));
      const file = (contentType: string, fileName: string): Attachment => ({
        id: newId(),
        name: fileName,
        size: 1234,
        contentType,
        createdAt: at(),
        createdBy: w.actor,
        hasThumbnail: contentType.startsWith('image/'),
      });
      const [shot, spec, draft] = [
        file('image/png', 'shot.png'),
        file('application/pdf', 'spec.pdf'),
        file('image/jpeg', 'draft.jpg'),
      ];
      const onCard = (decide: (c: Card, board: BoardState['board']) => ReturnType<typeof commands.addAttachment>) =>
        w.mutate((tx) =>
          pipe(
            tx.card(card.id),
            TE.chainEitherK((c) => decide(c, tx.board)),
          ),
        );
      for (const a of [shot, spec, draft]) await onCard((c, board) => commands.addAttachment(board, c, a));
      await onCard((c, board) => commands.updateCard(board, c, { coverAttachmentId: draft.id }, at()));
      await onCard((c, board) => commands.removeAttachment(board, c, spec.id));
      await onCard((c, board) => commands.removeAttachment(board, c, draft.id));
      await onCard((c, board) => commands.updateCard(board, c, { coverAttachmentId: shot.id }, at()));

      const log = await ok(subject.port.eventsAfter(w.teamId, w.boardId, 0, 100));
      const folded = log.reduce<BoardState | null>(applyEvent, null);
      const snapshot = await ok(subject.port.snapshot(w.teamId, w.boardId));
      expect(snapshot).toEqual(folded);
      expect(snapshot.cards[card.id]).toMatchObject({ attachments: [shot], coverAttachmentId: shot.id });
    });
  });
};
