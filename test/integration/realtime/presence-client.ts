import WebSocket from 'ws';

export type Viewer = { userId: string; name: string; editing: string | null };
type Frame = Record<string, unknown> & { type: string };

/** A socket on one board that announces its presence and keeps the latest presence frame it was sent. */
export class PresenceClient {
  /** The viewers of the latest presence frame, or null before the first. */
  viewers: Viewer[] | null = null;
  readonly errors: string[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly ws: WebSocket,
    private readonly teamId: string,
    private readonly boardId: string,
  ) {
    ws.on('message', (data) => this.receive(JSON.parse(data.toString()) as Frame));
    ws.on('error', () => undefined);
  }

  /** Opens a socket, authenticates and subscribes to the board (without announcing anything yet). */
  static async open(url: string, token: string, teamId: string, boardId: string): Promise<PresenceClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new PresenceClient(ws, teamId, boardId);
    let subscribed = false;
    ws.on('message', (data) => {
      if ((JSON.parse(data.toString()) as Frame).type === 'subscribed') subscribed = true;
    });
    client.send({ type: 'auth', token });
    client.send({ type: 'subscribe', teamId, boardId });
    await client.until(() => subscribed);
    return client;
  }

  /** Says the board is open here, with `editing` the card whose dialog is open. */
  announce(editing: string | null = null): void {
    this.send({ type: 'presence', teamId: this.teamId, boardId: this.boardId, editing });
  }

  /** Announces presence on any board, subscribed or not (what a hostile client could send). */
  announceOn(teamId: string, boardId: string, editing: string | null): void {
    this.send({ type: 'presence', teamId, boardId, editing });
  }

  /** The names of the latest viewers, in the order the server sent them. */
  names(): string[] {
    return this.viewers?.map((v) => v.name) ?? [];
  }

  /** Resolves once `check` holds (checked after every frame and every 50 ms). */
  until(check: () => boolean, ms = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        clearInterval(poll);
        reject(new Error(`timed out; viewers: ${JSON.stringify(this.viewers)}`));
      }, ms);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        clearInterval(poll);
        this.waiters.delete(waiter);
        resolve();
      };
      const poll = setInterval(waiter, 50);
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.ws.close();
  }

  private send(frame: Frame): void {
    this.ws.send(JSON.stringify(frame));
  }

  private receive(frame: Frame): void {
    if (frame.type === 'presence' && frame.boardId === this.boardId) this.viewers = frame.viewers as Viewer[];
    if (frame.type === 'error') this.errors.push(JSON.stringify(frame.error));
    for (const waiter of [...this.waiters]) waiter();
  }
}
