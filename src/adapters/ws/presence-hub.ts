import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { Logger } from 'pino';
import type { PresenceBus, PresenceKey } from '../../application/ports';
import { mergeViewers, type BoardId, type PresenceEntry, type TeamId } from '../../domain';
import { encode } from './frames';
import type { FrameData } from './socket';

export interface PresenceTimings {
  /** Local entries are stored again this often, and boards re-read, so lapsed entries (a crashed instance's) drop out. */
  readonly heartbeatMs: number;
  /** A board's presence is written, read and sent at most once per this many ms, however often sockets change it. */
  readonly coalesceMs: number;
}

export const DEFAULT_PRESENCE_TIMINGS: PresenceTimings = { heartbeatMs: 5_000, coalesceMs: 200 };

/** A socket that announced presence on a board: it is sent that board's presence frames. */
export interface PresenceMember {
  readonly deliver: (frame: FrameData) => void;
}

interface Local {
  entry: PresenceEntry;
  readonly member: PresenceMember;
  /** The text of the last frame the member was sent, so a frame is sent only when it says something new. */
  sent: string | null;
}

interface BoardPresence {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
  readonly locals: Map<string, Local>;
  /** Local entries changed since the last write. */
  readonly dirty: Set<string>;
  lastRun: number;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  again: boolean;
}

const key = (teamId: string, boardId: string) => `${teamId}/${boardId}`;

/**
 * One per instance: this instance's sockets' presence, written to the presence bus and read back
 * from it with every instance's. Per board, writes, reads and frames are coalesced to one round per
 * `coalesceMs`, so a client flipping its state in a loop costs others one frame per round at most;
 * a heartbeat keeps live entries from lapsing and re-reads boards, so lapsed ones vanish.
 */
export class PresenceHub {
  private readonly boards = new Map<string, BoardPresence>();
  private readonly instance = randomUUID();
  private sockets = 0;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly stopHearing: () => void;

  constructor(
    private readonly bus: PresenceBus,
    private readonly logger: Logger,
    private readonly timings: PresenceTimings,
  ) {
    this.stopHearing = bus.onChange((teamId, boardId) => {
      const board = this.boards.get(key(teamId, boardId));
      if (board) this.schedule(board);
    });
    this.heartbeat = setInterval(() => this.beat(), timings.heartbeatMs);
    this.heartbeat.unref();
  }

  /** A socket id unique across instances. */
  newConnectionId(): string {
    return `${this.instance}:${++this.sockets}`;
  }

  /** Sets a local socket's entry; it and everyone on the board hear the board's presence soon. */
  set(entry: PresenceEntry, member: PresenceMember): void {
    const k = key(entry.teamId, entry.boardId);
    const board = this.boards.get(k) ?? this.open(entry.teamId, entry.boardId);
    const local = board.locals.get(entry.connectionId);
    if (local) local.entry = entry;
    else board.locals.set(entry.connectionId, { entry, member, sent: null });
    board.dirty.add(entry.connectionId);
    this.schedule(board);
  }

  /** Removes a local socket's entry at once (the socket closed or left the board). */
  leave(k: PresenceKey): void {
    const board = this.boards.get(key(k.teamId, k.boardId));
    if (!board?.locals.delete(k.connectionId)) return;
    board.dirty.delete(k.connectionId);
    void this.bus
      .remove(k)()
      .then((r) => E.isLeft(r) && this.logger.debug({ board: key(k.teamId, k.boardId) }, 'presence not removed'));
    if (board.locals.size > 0) return this.schedule(board);
    if (board.timer) clearTimeout(board.timer);
    this.boards.delete(key(k.teamId, k.boardId));
  }

  /** Stops the heartbeat and stops hearing the bus. */
  stop(): void {
    clearInterval(this.heartbeat);
    this.stopHearing();
    for (const board of this.boards.values()) if (board.timer) clearTimeout(board.timer);
  }

  private open(teamId: TeamId, boardId: BoardId): BoardPresence {
    const board: BoardPresence = {
      teamId,
      boardId,
      locals: new Map(),
      dirty: new Set(),
      lastRun: -Infinity,
      timer: null,
      running: false,
      again: false,
    };
    this.boards.set(key(teamId, boardId), board);
    return board;
  }

  private beat(): void {
    const entries = [...this.boards.values()].flatMap((b) => [...b.locals.values()].map((l) => l.entry));
    if (entries.length === 0) return;
    void this.bus.refresh(entries)();
    for (const board of this.boards.values()) this.schedule(board);
  }

  private schedule(board: BoardPresence): void {
    if (board.running) {
      board.again = true;
      return;
    }
    if (board.timer) return;
    const wait = Math.max(0, board.lastRun + this.timings.coalesceMs - Date.now());
    board.timer = setTimeout(() => {
      board.timer = null;
      void this.round(board);
    }, wait);
  }

  /** One round: write what changed here, read everyone's, send the frame to whoever has not had it. */
  private async round(board: BoardPresence): Promise<void> {
    if (this.boards.get(key(board.teamId, board.boardId)) !== board) return;
    board.running = true;
    board.lastRun = Date.now();
    try {
      const dirty = [...board.dirty].flatMap((id) => board.locals.get(id)?.entry ?? []);
      board.dirty.clear();
      if (dirty.length > 0 && E.isLeft(await this.bus.put(dirty)())) this.logger.debug('presence not written');
      const listed = await this.bus.list(board.teamId, board.boardId)();
      // Unreadable now: everyone keeps the last frame they had; the heartbeat tries again.
      if (E.isRight(listed)) this.send(board, listed.right);
    } finally {
      board.running = false;
      if (board.again) {
        board.again = false;
        this.schedule(board);
      }
    }
  }

  private send(board: BoardPresence, listed: readonly PresenceEntry[]): void {
    // Local entries as this instance holds them now win over what was read (a write may still be in flight).
    const entries = new Map(listed.map((e) => [e.connectionId, e]));
    for (const [id, local] of board.locals) entries.set(id, local.entry);
    const viewers = mergeViewers([...entries.values()]);
    const text = encode({ type: 'presence', teamId: board.teamId, boardId: board.boardId, viewers });
    const bytes = Buffer.from(text);
    for (const local of board.locals.values()) {
      if (local.sent === text) continue;
      local.sent = text;
      local.member.deliver(bytes);
    }
  }
}
