import type { Pool } from 'pg';

/** One board's batch as `boardroom_commit` takes it (shard migration 0005). */
export type CommitParameter = { readonly team: string; readonly board: string } & Record<string, unknown>;

/** An event row as `boardroom_commit` returns it in JSON (`at` as text). */
export interface MissedEventJson {
  readonly team_id: string;
  readonly board_id: string;
  readonly seq: number;
  readonly kind: string;
  readonly data: unknown;
  readonly actor: string;
  readonly client_id: string | null;
  readonly mid: string | null;
  readonly at: string;
  readonly schema_version: number;
}

/** What `boardroom_commit` answers for one board's batch. */
export type CommitReply =
  | { readonly status: 'committed'; readonly seq: number }
  | { readonly status: 'fenced' }
  | { readonly status: 'no_board' }
  | { readonly status: 'seq_moved'; readonly seq: number; readonly missed: readonly MissedEventJson[] | null }
  | {
      readonly status: 'refused';
      readonly replays?: readonly { index: number; board: string; seq: number; fingerprint: string | null }[];
      readonly clashes?: readonly number[];
    };

export interface GroupCommitOptions {
  /** Commit statements one shard has in flight at once; batches that arrive meanwhile wait and go together. */
  readonly inFlight: number;
  /** The most boards' batches one statement carries. */
  readonly maxBoards: number;
}

export const DEFAULT_GROUP_COMMIT: GroupCommitOptions = { inFlight: 2, maxBoards: 64 };

interface Waiting {
  readonly param: CommitParameter;
  readonly resolve: (reply: CommitReply) => void;
  readonly reject: (err: unknown) => void;
}

const ONE = 'SELECT boardroom_commit($1::jsonb) AS reply';
const MANY = 'SELECT boardroom_commit_many($1::jsonb) AS replies';

/**
 * Group commit across the boards of one shard. The engine already sends a board's queued ops in one
 * batch; this sends the batches of many boards (any teams on the shard) in one statement, one
 * transaction, one WAL flush, whenever `inFlight` statements are already out. An idle shard sees no
 * wait: a batch goes at once while fewer are in flight. Each board is still checked and answered on
 * its own (`boardroom_commit_many` calls `boardroom_commit` per board, in team and board order so two
 * statements never wait on each other's locks). A statement that fails whole (a unique key tripped by
 * a race, a lost connection) is retried board by board, so one board's trouble is only its own.
 */
export class GroupCommitter {
  private readonly waiting: Waiting[] = [];
  private running = 0;

  constructor(
    private readonly pool: Pick<Pool, 'query'>,
    private readonly options: GroupCommitOptions = DEFAULT_GROUP_COMMIT,
  ) {}

  readonly commit = (param: CommitParameter): Promise<CommitReply> =>
    new Promise((resolve, reject) => {
      this.waiting.push({ param, resolve, reject });
      this.pump();
    });

  /** Statements in flight and batches waiting for one (metrics, tests). */
  readonly load = (): { readonly inFlight: number; readonly waiting: number } => ({
    inFlight: this.running,
    waiting: this.waiting.length,
  });

  private pump(): void {
    while (this.running < this.options.inFlight && this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.options.maxBoards);
      this.running++;
      void this.send(group).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private async send(group: readonly Waiting[]): Promise<void> {
    if (group.length === 1) return this.sendOne(group[0]!);
    let replies: CommitReply[];
    try {
      const r = await this.pool.query<{ replies: CommitReply[] }>(MANY, [JSON.stringify(group.map((w) => w.param))]);
      replies = r.rows[0]!.replies;
    } catch {
      // Rolled back whole: each board on its own, so the error lands only where it belongs.
      await Promise.all(group.map((w) => this.sendOne(w)));
      return;
    }
    group.forEach((w, i) => w.resolve(replies[i]!));
  }

  private async sendOne(w: Waiting): Promise<void> {
    try {
      const r = await this.pool.query<{ reply: CommitReply }>(ONE, [JSON.stringify(w.param)]);
      w.resolve(r.rows[0]!.reply);
    } catch (err) {
      w.reject(err);
    }
  }
}

const committers = new WeakMap<object, GroupCommitter>();

/** The one committer of a shard's pool: every store over that pool (one per fence epoch) shares it. */
export const groupCommitterOf = (pool: Pick<Pool, 'query'>): GroupCommitter => {
  const found = committers.get(pool);
  if (found) return found;
  const made = new GroupCommitter(pool);
  committers.set(pool, made);
  return made;
};
