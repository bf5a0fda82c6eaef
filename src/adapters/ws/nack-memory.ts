import type { WireError } from './frames';

export interface NackMemoryLimits {
  /** Nacked mutation ids kept per client id; the oldest are forgotten first. */
  readonly perClient: number;
  /** Client ids kept; the least recently active are forgotten first. */
  readonly clients: number;
}

export const DEFAULT_NACK_LIMITS: NackMemoryLimits = { perClient: 256, clients: 4096 };

/** Whose mutation ids a nack belongs to: one user's client on one team. */
export interface NackScope {
  readonly userId: string;
  readonly teamId: string;
  readonly clientId: string;
}

/**
 * Recent nacks by (user, team, client id, mid), so a resent mutation id that was refused is refused again
 * the same way instead of being tried anew. Acks need no memory here: the board store's dedupe is
 * durable. This one is per instance and bounded (docs/protocol.md states the limits). The user is
 * part of the key, so nobody can send a bad mutation under someone else's client id and mid and
 * make that user's real one be refused.
 */
export class NackMemory {
  private readonly byClient = new Map<string, Map<string, WireError>>();

  constructor(private readonly limits: NackMemoryLimits = DEFAULT_NACK_LIMITS) {}

  /** The nack this mutation id got before, if it is still remembered. */
  recall(scope: NackScope, mid: string): WireError | undefined {
    return this.byClient.get(clientKey(scope))?.get(mid);
  }

  /** Remembers a nack, forgetting the oldest entries past the limits. */
  remember(scope: NackScope, mid: string, error: WireError): void {
    const key = clientKey(scope);
    const mids = this.byClient.get(key) ?? new Map<string, WireError>();
    // Re-inserting moves the client to the back of the eviction order.
    this.byClient.delete(key);
    this.byClient.set(key, mids);
    mids.set(mid, error);
    evictOldest(mids, this.limits.perClient);
    evictOldest(this.byClient, this.limits.clients);
  }
}

// Client ids are printable ASCII, user and team ids UUIDs: NUL cannot occur inside a part.
const clientKey = ({ userId, teamId, clientId }: NackScope) => `${userId}\u0000${teamId}\u0000${clientId}`;

const evictOldest = <K, V>(map: Map<K, V>, max: number): void => {
  for (const key of map.keys()) {
    if (map.size <= max) return;
    map.delete(key);
  }
};
