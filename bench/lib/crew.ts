import { call, pool, signUp, type Session } from './rest';

/**
 * The bench's users: an owner and members of one team. Every mutation is charged to its user's budget
 * (20/s, bursts of 60), so load is spread over many users, as it would be in real use.
 */
export class Crew {
  private next = 0;

  private constructor(
    readonly owner: Session,
    readonly teamId: string,
    readonly members: readonly Session[],
  ) {}

  /**
   * Signs up `size` members (argon2 makes this a few seconds) and brings them into one new team by
   * invitation. One person may send 100 invitations an hour, so every 90th member joins as an admin
   * and sends the next 90.
   */
  static async create(baseUrl: string, size: number): Promise<Crew> {
    const owner = await signUp(baseUrl, 'bench-owner');
    const { team } = await call<{ team: { id: string } }>(owner, 'POST', '/api/teams', { name: 'Bench' });
    const joining: { member: Session; email: string }[] = [];
    await pool(size, 4, async (i) => {
      const email = `bench-${i}-${Date.now()}@bench.example`;
      joining[i] = { member: await signUp(baseUrl, `bench-${i}`, email), email };
    });
    let inviter = owner;
    for (const [i, { member, email }] of joining.entries()) {
      const nextInviter = (i + 1) % 90 === 0;
      const { invitation } = await call<{ invitation: { id: string } }>(
        inviter,
        'POST',
        `/api/teams/${team.id}/invitations`,
        { email, role: nextInviter ? 'admin' : 'member' },
      );
      await call(member, 'POST', `/api/me/invitations/${invitation.id}/accept`);
      if (nextInviter) inviter = member;
    }
    return new Crew(
      owner,
      team.id,
      joining.map((j) => j.member),
    );
  }

  /** The next member, round robin. */
  session(): Session {
    const s = this.members[this.next++ % this.members.length] as Session;
    return s;
  }

  /** `n` members' tokens, round robin. */
  tokens(n: number): string[] {
    return Array.from({ length: n }, () => this.session().token);
  }
}
