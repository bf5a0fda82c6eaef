import type { PresenceBus } from '../../src/application/ports';
import type { BoardId, PresenceEntry, TeamId, UserId } from '../../src/domain';
import { newId, ok, type Subject } from './fixtures';
import { eventually, sleep } from '../support/wait';

/** How long entries live in this suite: short, so lapsing takes a fraction of a second of real time. */
export const CONTRACT_TTL_MS = 400;

/** Resolves once `check` holds, polling every 10 ms; fails after two seconds. */
const soon = (check: () => boolean): Promise<void> => eventually(check, 2000, 10);

/** What every PresenceBus must do; run against each adapter (entries live `CONTRACT_TTL_MS`). */
export const registerPresenceBusContract = (name: string, open: () => Promise<Subject<PresenceBus>>) => {
  describe(`PresenceBus contract: ${name}`, () => {
    let subject: Subject<PresenceBus>;
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(() => subject.close());

    const board = () => ({ teamId: newId() as TeamId, boardId: newId() as BoardId });
    const entry = (on: { teamId: TeamId; boardId: BoardId }, over: Partial<PresenceEntry> = {}): PresenceEntry => ({
      ...on,
      connectionId: `i1:${newId()}`,
      userId: newId() as UserId,
      name: 'Ana',
      editing: null,
      changedAt: 1_000,
      ...over,
    });
    const list = (b: { teamId: TeamId; boardId: BoardId }) => ok(subject.port.list(b.teamId, b.boardId));
    const heard = () => {
      const boards: string[] = [];
      const stop = subject.port.onChange((teamId, boardId) => boards.push(`${teamId}/${boardId}`));
      return { boards, stop };
    };
    const keyOf = (b: { teamId: TeamId; boardId: BoardId }) => `${b.teamId}/${b.boardId}`;

    it('a board nobody has open lists no one', async () => {
      expect(await list(board())).toEqual([]);
    });

    it('an entry put on a board is listed there as it was put, and on no other board', async () => {
      const b = board();
      const ana = entry(b, { editing: newId() });
      await ok(subject.port.put([ana]));
      expect(await list(b)).toEqual([ana]);
      expect(await list({ ...b, boardId: newId() as BoardId })).toEqual([]);
      expect(await list({ ...b, teamId: newId() as TeamId })).toEqual([]);
    });

    it("putting a socket's entry again replaces it, and two tabs of one user are two entries", async () => {
      const b = board();
      const tab1 = entry(b);
      const tab2 = entry(b, { userId: tab1.userId });
      await ok(subject.port.put([tab1, tab2]));
      const editing = { ...tab1, editing: newId(), changedAt: 2_000 };
      await ok(subject.port.put([editing]));
      const listed = await list(b);
      expect(listed).toHaveLength(2);
      expect(listed).toEqual(expect.arrayContaining([editing, tab2]));
    });

    it("removing a socket's entry drops it at once and leaves the others", async () => {
      const b = board();
      const [ana, ben] = [entry(b), entry(b, { name: 'Ben' })];
      await ok(subject.port.put([ana, ben]));
      await ok(subject.port.remove({ teamId: b.teamId, boardId: b.boardId, connectionId: ana.connectionId }));
      expect(await list(b)).toEqual([ben]);
    });

    it('putting and removing are heard as changes of their board; refreshing is not', async () => {
      const [quiet, loud] = [board(), board()];
      const ear = heard();
      const ana = entry(quiet);
      await ok(subject.port.refresh([ana]));
      await ok(subject.port.put([entry(loud)]));
      await soon(() => ear.boards.includes(keyOf(loud)));
      expect(ear.boards).not.toContain(keyOf(quiet));
      await ok(subject.port.remove({ ...quiet, connectionId: ana.connectionId }));
      await soon(() => ear.boards.includes(keyOf(quiet)));
      ear.stop();
    });

    it('a listener that stopped hearing hears nothing more', async () => {
      const b = board();
      const ear = heard();
      ear.stop();
      const other = heard();
      await ok(subject.port.put([entry(b)]));
      await soon(() => other.boards.includes(keyOf(b)));
      expect(ear.boards).toEqual([]);
      other.stop();
    });

    it('an entry nobody stores again lapses after the expiry; a refreshed one lives on', async () => {
      const b = board();
      const [crashed, alive] = [entry(b), entry(b, { name: 'Ben' })];
      await ok(subject.port.put([crashed, alive]));
      await sleep(CONTRACT_TTL_MS * 0.6);
      await ok(subject.port.refresh([alive]));
      await sleep(CONTRACT_TTL_MS * 0.6);
      expect(await list(b)).toEqual([alive]);
      await sleep(CONTRACT_TTL_MS * 1.1);
      expect(await list(b)).toEqual([]);
    });
  });
};
