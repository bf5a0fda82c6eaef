import { randomUUID } from 'node:crypto';
import { BoardClient } from '../realtime/board-client';
import type { SeededTeam } from '../support';
import { sleep } from '../../support/wait';

/** One write the service acknowledged: the seq it answered and the origin it was sent with. */
export interface Ack {
  readonly via: 'rest' | 'ws';
  readonly kind: string;
  readonly seq: number;
  readonly clientId: string;
  readonly mid: string;
  /** From the first attempt to the acknowledgement, retries included. */
  readonly latencyMs: number;
}

export type Team = SeededTeam;

/** A write the service refused (it was then retried with the same key / mid). */
export interface Refusal {
  readonly via: 'rest' | 'ws';
  readonly kind: string;
  /** HTTP status, or the WS nack's error code. */
  readonly status: number | string;
  readonly code: string;
  /** When, on performance.now()'s clock. */
  readonly at: number;
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

/**
 * Steady card creates, moves and comments on one board over REST and WS, like people working during
 * a move. Every write is retried with the same Idempotency-Key / mid until acknowledged, as clients
 * do; only acknowledged writes are recorded.
 */
export class LoadGenerator {
  readonly acks: Ack[] = [];
  /** Every refusal a client saw, each followed by a retry. */
  readonly refusals: Refusal[] = [];
  retries = 0;
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private n = 0;

  constructor(
    private readonly team: Team,
    private readonly restUrls: readonly string[],
    private readonly wsClients: readonly BoardClient[],
  ) {}

  start(): void {
    this.running = true;
    this.restUrls.forEach((url, i) => this.loops.push(this.restLoop(url, i)));
    this.wsClients.forEach((c) => this.loops.push(this.wsLoop(c)));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** A random write as its REST path and body and as the equivalent WS op. */
  private op(): { kind: string; path: string; rest: Record<string, unknown>; ws: Record<string, unknown> } {
    const t = this.team;
    const r = Math.random();
    if (r < 0.35) {
      const rest = { id: randomUUID(), listId: pick(t.lists), title: `Load ${++this.n}` };
      return {
        kind: 'card.create',
        path: 'cards',
        rest,
        ws: { kind: 'card.create', listId: rest.listId, title: rest.title },
      };
    }
    const cardId = pick(t.cards);
    if (r < 0.7) {
      const toListId = pick(t.lists);
      return {
        kind: 'card.move',
        path: `cards/${cardId}/move`,
        rest: { toListId },
        ws: { kind: 'card.move', cardId, toListId },
      };
    }
    const body = `note ${++this.n}`;
    return {
      kind: 'comment.create',
      path: `cards/${cardId}/comments`,
      rest: { body },
      ws: { kind: 'comment.create', cardId, body },
    };
  }

  private async restLoop(url: string, worker: number): Promise<void> {
    const t = this.team;
    while (this.running) {
      const op = this.op();
      const key = `load-${worker}-${randomUUID()}`;
      const started = performance.now();
      for (let attempt = 0; ; attempt++) {
        const res = await fetch(`${url}/api/teams/${t.teamId}/boards/${t.boardId}/${op.path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(op.rest),
        });
        const body = (await res.json()) as { seq?: number; error?: { code: string } };
        if (res.ok && typeof body.seq === 'number') {
          const latencyMs = performance.now() - started;
          this.acks.push({
            via: 'rest',
            kind: op.kind,
            seq: body.seq,
            clientId: `http:${t.userId}`,
            mid: key,
            latencyMs,
          });
          if (op.kind === 'card.create') t.cards.push(op.rest.id as string);
          break;
        }
        if (res.status !== 503 || attempt > 50)
          throw new Error(`REST ${op.kind} failed: ${res.status} ${JSON.stringify(body)}`);
        this.refusals.push({
          via: 'rest',
          kind: op.kind,
          status: res.status,
          code: body.error?.code ?? '',
          at: performance.now(),
        });
        this.retries++;
        await sleep(20);
      }
      await sleep(5);
    }
  }

  private async wsLoop(client: BoardClient): Promise<void> {
    while (this.running) {
      const { kind, ws: frameOp } = this.op();
      const mid = `${client.clientId}-${randomUUID()}`;
      const started = performance.now();
      for (let attempt = 0; ; attempt++) {
        const answer = await client.mutateWith(mid, frameOp);
        if (answer.type === 'ack') {
          this.acks.push({
            via: 'ws',
            kind,
            seq: answer.seq,
            clientId: client.clientId,
            mid,
            latencyMs: performance.now() - started,
          });
          break;
        }
        if (attempt > 50) throw new Error(`WS ${kind} failed: ${JSON.stringify(answer.error)}`);
        const code = (answer.error as { code?: string } | undefined)?.code ?? '';
        this.refusals.push({ via: 'ws', kind, status: code, code, at: performance.now() });
        this.retries++;
        await sleep(20);
      }
      await sleep(5);
    }
  }
}
