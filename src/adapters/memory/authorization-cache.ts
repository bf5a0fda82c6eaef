import type { AuthorizationCache, Clock, VerifiedSession } from '../../application/ports';
import type { Member, TeamId, UserId } from '../../domain';

/** How long an entry is trusted and how many of each kind are kept. */
export interface AuthorizationCacheSettings {
  /** Milliseconds an entry is answered from memory: the longest a lost control message can go unnoticed. */
  readonly ttlMs: number;
  /** Entries kept per kind (sessions, memberships); the least recently used go first. */
  readonly maxEntries: number;
}

export const DEFAULT_AUTHORIZATION_CACHE: AuthorizationCacheSettings = { ttlMs: 5_000, maxEntries: 50_000 };

interface Entry<V> {
  readonly value: V;
  readonly until: number;
}

/** A bounded map in least-recently-used order (a Map iterates in insertion order; a hit re-inserts). */
class Lru<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(private readonly max: number) {}

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    if (entry.until <= now) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, entry: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches; revocations are rare, so a scan of a bounded map is fine. */
  deleteWhere(match: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (match(entry.value)) this.entries.delete(key);
  }
}

const memberKey = (teamId: TeamId, userId: UserId): string => `${teamId}:${userId}`;

/** The per-instance authorization cache in process memory (one per running server). */
export class MemoryAuthorizationCache implements AuthorizationCache {
  private readonly sessions: Lru<VerifiedSession>;
  private readonly members: Lru<Member>;
  /** Bumped by every forget; a fill whose ticket is older is dropped. */
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly settings: AuthorizationCacheSettings = DEFAULT_AUTHORIZATION_CACHE,
  ) {
    this.sessions = new Lru(settings.maxEntries);
    this.members = new Lru(settings.maxEntries);
  }

  readonly ticket = (): number => this.generation;

  readonly session = (jti: string): VerifiedSession | undefined => this.sessions.get(jti, this.now());

  readonly rememberSession = (ticket: number, jti: string, session: VerifiedSession): void => {
    if (ticket === this.generation) this.sessions.set(jti, this.entry(session));
  };

  readonly membership = (teamId: TeamId, userId: UserId): Member | undefined =>
    this.members.get(memberKey(teamId, userId), this.now());

  readonly rememberMembership = (ticket: number, member: Member): void => {
    if (ticket === this.generation) this.members.set(memberKey(member.teamId, member.userId), this.entry(member));
  };

  readonly forgetMembership = (teamId: TeamId, userId: UserId): void => {
    this.generation += 1;
    this.members.delete(memberKey(teamId, userId));
  };

  readonly forgetSession = (familyId: string): void => {
    this.generation += 1;
    this.sessions.deleteWhere((s) => s.familyId === familyId);
  };

  readonly forgetUser = (userId: UserId): void => {
    this.generation += 1;
    this.sessions.deleteWhere((s) => s.userId === userId);
    this.members.deleteWhere((m) => m.userId === userId);
  };

  private now(): number {
    return this.clock.now().getTime();
  }

  private entry<V>(value: V): Entry<V> {
    return { value, until: this.now() + this.settings.ttlMs };
  }
}
