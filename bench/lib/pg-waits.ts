import { Client } from 'pg';

/**
 * Samples what the application's Postgres backends are doing (pg_stat_activity) every 20 ms, to say
 * where a write's time goes: on CPU, waiting for a lock, for the WAL flush (fsync), or for the
 * application's next statement (ClientRead: the round trips).
 */
export class WaitSampler {
  private readonly counts = new Map<string, number>();
  private total = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;
  private client: Client | null = null;

  constructor(private readonly adminUrl: string) {}

  async start(): Promise<void> {
    this.client = new Client({ connectionString: this.adminUrl });
    await this.client.connect();
    this.timer = setInterval(() => void this.tick(), 20);
  }

  /** The share of samples per `state / wait event`, largest first (idle connections left out). */
  async stop(): Promise<Record<string, string>> {
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.client?.end();
    const top = [...this.counts].sort((a, b) => b[1] - a[1]).slice(0, 8);
    return Object.fromEntries(top.map(([k, n]) => [k, `${Math.round((n / Math.max(1, this.total)) * 100)} %`]));
  }

  private async tick(): Promise<void> {
    if (this.busy || !this.client) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ state: string; w: string | null }>(
        `SELECT state, wait_event_type || ':' || wait_event AS w FROM pg_stat_activity
          WHERE application_name LIKE 'boardroom%' AND state <> 'idle'`,
      );
      for (const r of rows) {
        const key = `${r.state} / ${r.w ?? 'on CPU'}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        this.total += 1;
      }
    } finally {
      this.busy = false;
    }
  }
}
