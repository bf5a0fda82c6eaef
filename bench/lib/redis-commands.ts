import { Redis } from 'ioredis';

/**
 * Counts the commands clients send Redis between `start` and `stop`, by command name, with MONITOR.
 * Unlike `INFO commandstats`, MONITOR tells a command a client sent (one round trip) from one a Lua
 * script ran (source `lua`): a token-bucket EVAL is one command, not the five it runs inside. MONITOR
 * costs Redis some CPU per command, so only scenarios with a modest command rate use it.
 */
export class RedisCommandCounter {
  private monitor: Redis | null = null;
  private readonly counts = new Map<string, number>();

  constructor(private readonly url: string) {}

  async start(): Promise<void> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    this.monitor = await redis.monitor();
    redis.disconnect();
    this.monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source === 'lua') return;
      const cmd = (args[0] ?? '').toLowerCase();
      this.counts.set(cmd, (this.counts.get(cmd) ?? 0) + 1);
    });
  }

  /** Commands sent since `start`, by command name, largest first. */
  async stop(): Promise<Record<string, number>> {
    // Lets MONITOR lines already on their way arrive before the count is read.
    await new Promise((resolve) => setTimeout(resolve, 50));
    this.monitor?.disconnect();
    this.monitor = null;
    return Object.fromEntries([...this.counts].sort((a, b) => b[1] - a[1]));
  }
}
