import type { MailQueue, UserRepository } from '../../src/application/ports';
import type { Notification, UserId } from '../../src/domain';
import { newId, ok, type Subject } from './fixtures';
import { aUser } from './user-repository.contract';

export interface MailQueuePorts {
  readonly users: UserRepository;
  readonly queue: MailQueue;
}

const T0 = Date.parse('2025-05-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

/** A comment notification for `userId` on `cardId`. */
export const aNotification = (userId: UserId, cardId = newId(), over: Partial<Notification> = {}): Notification => ({
  id: newId(),
  userId,
  kind: 'comment',
  key: `comment:${newId()}`,
  teamId: newId(),
  boardId: newId(),
  cardId,
  actor: { id: newId(), name: 'Ada' },
  title: 'Fix the login page',
  boardTitle: 'Roadmap',
  excerpt: 'Looks good',
  at: at(0).toISOString(),
  readAt: null,
  ...over,
});

/** The MailQueue contract, run against every adapter. */
export const registerMailQueueContract = (name: string, factory: () => Promise<Subject<MailQueuePorts>>): void => {
  describe(`MailQueue contract: ${name}`, () => {
    let subject: Subject<MailQueuePorts>;
    let queue: MailQueue;
    // Every test's batches are due at its own time, far from the others', so a claim sees only its own.
    let base = 0;
    const person = async () => (await ok(subject.port.users.create(aUser(), 'h'))).id;
    const claimAt = (s: number, limit = 100, leaseMs = 60_000, claimId = `c-${newId()}`) =>
      ok(queue.claimDue(at(base + s), limit, leaseMs, claimId));

    beforeAll(async () => {
      subject = await factory();
      queue = subject.port.queue;
    });
    beforeEach(async () => {
      base += 100_000;
      // Whatever earlier tests left due is claimed and sent first, so each test starts with an empty queue.
      for (const b of await claimAt(0, 10_000)) await ok(queue.complete(b, at(base)));
    });
    afterAll(() => subject.close());

    it('a notification is queued once however often it is enqueued, and never again once sent', async () => {
      const u = await person();
      const n = aNotification(u);
      const item = { notification: n, batchKey: `card:${n.cardId}`, dueAt: at(base + 60) };
      expect(await ok(queue.enqueue([item, item], at(base)))).toBe(1);
      expect(await ok(queue.enqueue([item], at(base + 1)))).toBe(0);
      const [batch] = await claimAt(60);
      expect(batch?.items).toEqual([n]);
      await ok(queue.complete(batch!, at(base + 61)));
      expect(await ok(queue.enqueue([{ ...item, dueAt: at(base + 62) }], at(base + 62)))).toBe(0);
      expect(await claimAt(10_000)).toEqual([]);
    });

    it('pruning forgets items sent before the cut-off, never unsent ones; a forgotten one can be queued again', async () => {
      const u = await person();
      const [sent, unsent] = [aNotification(u), aNotification(u)];
      const item = (n: Notification, s: number) => ({
        notification: n,
        batchKey: `card:${n.cardId}`,
        dueAt: at(base + s),
      });
      await ok(queue.enqueue([item(sent, 10)], at(base)));
      const [batch] = await claimAt(10);
      await ok(queue.complete(batch!, at(base + 11)));
      await ok(queue.enqueue([item(unsent, 50_000)], at(base + 12)));

      await ok(queue.pruneSent(at(base + 11)));
      expect(await ok(queue.enqueue([item(sent, 20)], at(base + 20)))).toBe(0);
      expect(await ok(queue.pruneSent(at(base + 30)))).toBeGreaterThanOrEqual(1);

      expect(await ok(queue.enqueue([item(sent, 40)], at(base + 40)))).toBe(1);
      expect(await ok(queue.enqueue([item(unsent, 50_000)], at(base + 40)))).toBe(0);
      expect((await claimAt(40)).flatMap((b) => b.items)).toEqual([sent]);
    });

    it('a batch is due at its earliest item and holds every unsent item of that person and key, oldest first', async () => {
      const [u, v] = [await person(), await person()];
      const card = newId();
      const first = aNotification(u, card);
      const second = aNotification(u, card);
      const otherCard = aNotification(u);
      const otherPerson = aNotification(v, card);
      await ok(queue.enqueue([{ notification: first, batchKey: `card:${card}`, dueAt: at(base + 60) }], at(base)));
      await ok(
        queue.enqueue(
          [
            { notification: second, batchKey: `card:${card}`, dueAt: at(base + 90) },
            { notification: otherCard, batchKey: `card:${otherCard.cardId}`, dueAt: at(base + 80) },
            { notification: otherPerson, batchKey: `card:${card}`, dueAt: at(base + 60) },
          ],
          at(base + 30),
        ),
      );
      expect(await claimAt(59)).toEqual([]);
      const due = await claimAt(60);
      expect(due.map((b) => [b.userId, b.batchKey, b.items]).sort()).toEqual(
        [
          [u, `card:${card}`, [first, second]],
          [v, `card:${card}`, [otherPerson]],
        ].sort(),
      );
      expect((await claimAt(80)).map((b) => b.items)).toEqual([[otherCard]]);
    });

    it('a claimed batch is not claimed again until its lease ends (its sender died) or it is released', async () => {
      const u = await person();
      const n = aNotification(u);
      await ok(queue.enqueue([{ notification: n, batchKey: 'digest:hourly', dueAt: at(base) }], at(base)));
      const [held] = await claimAt(0, 10, 30_000);
      expect(held?.items).toEqual([n]);
      expect(await claimAt(29)).toEqual([]);
      const [again] = await claimAt(30, 10, 30_000);
      expect(again?.items).toEqual([n]);
      await ok(queue.release(again!, at(base + 100)));
      expect(await claimAt(99)).toEqual([]);
      expect((await claimAt(100)).map((b) => b.items)).toEqual([[n]]);
    });

    it('an item queued while its batch is being sent goes out in the next batch', async () => {
      const u = await person();
      const card = newId();
      const first = aNotification(u, card);
      const late = aNotification(u, card);
      await ok(queue.enqueue([{ notification: first, batchKey: `card:${card}`, dueAt: at(base) }], at(base)));
      const [held] = await claimAt(0);
      await ok(queue.enqueue([{ notification: late, batchKey: `card:${card}`, dueAt: at(base + 60) }], at(base + 1)));
      await ok(queue.complete(held!, at(base + 2)));
      expect(await claimAt(59)).toEqual([]);
      expect((await claimAt(60)).map((b) => b.items)).toEqual([[late]]);
    });

    it("a change of digest mode moves the person's unsent items to their new batches, and only theirs", async () => {
      const [u, v] = [await person(), await person()];
      const [a1, a2] = [aNotification(u), aNotification(u)];
      const other = aNotification(v);
      const daily = (n: Notification) => ({ notification: n, batchKey: 'digest:daily', dueAt: at(base + 50_000) });
      await ok(queue.enqueue([daily(a1), daily(a2), daily(other)], at(base)));
      const perCard = (n: Notification) => ({ batchKey: `card:${n.cardId}`, dueAt: at(base + 60) });
      expect(await ok(queue.rebatch(u, perCard, at(base + 10)))).toBe(2);
      expect(await claimAt(59)).toEqual([]);
      const due = await claimAt(60);
      expect(due.map((b) => [b.userId, b.batchKey, b.items]).sort()).toEqual(
        [
          [u, `card:${a1.cardId}`, [a1]],
          [u, `card:${a2.cardId}`, [a2]],
        ].sort(),
      );
      for (const b of due) await ok(queue.complete(b, at(base + 61)));
      expect((await claimAt(50_000)).map((b) => [b.userId, b.items])).toEqual([[v, [other]]]);
    });

    it('rebatching leaves an item whose batch stays as it was, and a batch a sender holds goes out as claimed', async () => {
      const u = await person();
      const [held, waiting, stays] = [aNotification(u), aNotification(u), aNotification(u)];
      await ok(queue.enqueue([{ notification: held, batchKey: 'digest:hourly', dueAt: at(base) }], at(base)));
      const [claimed] = await claimAt(0);
      await ok(
        queue.enqueue(
          [
            { notification: waiting, batchKey: 'digest:daily', dueAt: at(base + 50_000) },
            { notification: stays, batchKey: `card:${stays.cardId}`, dueAt: at(base + 30) },
          ],
          at(base + 1),
        ),
      );
      const place = (n: Notification) =>
        n.id === stays.id
          ? { batchKey: `card:${n.cardId}`, dueAt: at(base + 5_000) }
          : { batchKey: n.id === held.id ? 'digest:daily' : 'digest:hourly', dueAt: at(base + 3_600) };
      expect(await ok(queue.rebatch(u, place, at(base + 2)))).toBe(1);
      await ok(queue.complete(claimed!, at(base + 4)));
      expect(claimed!.items).toEqual([held]);
      const [stayed] = await claimAt(30);
      expect(stayed?.items).toEqual([stays]);
      await ok(queue.complete(stayed!, at(base + 31)));
      expect(await claimAt(3_599)).toEqual([]);
      expect((await claimAt(3_600)).map((b) => [b.batchKey, b.items])).toEqual([['digest:hourly', [waiting]]]);
    });

    it('senders claiming at the same time never get the same batch', async () => {
      const users = await Promise.all(Array.from({ length: 12 }, person));
      const items = users.map((u) => {
        const n = aNotification(u);
        return { notification: n, batchKey: `card:${n.cardId}`, dueAt: at(base) };
      });
      await ok(queue.enqueue(items, at(base)));
      const claims = await Promise.all(Array.from({ length: 4 }, (_, i) => claimAt(0, 5, 60_000, `sender-${i}`)));
      const ids = claims.flat().flatMap((b) => b.items.map((n) => n.id));
      expect(new Set(ids).size).toBe(ids.length);
      const rest = await claimAt(0);
      expect([...ids, ...rest.flatMap((b) => b.items.map((n) => n.id))].sort()).toEqual(
        items.map((i) => i.notification.id).sort(),
      );
    });
  });
};
