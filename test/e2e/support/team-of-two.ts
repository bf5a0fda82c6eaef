import type { Page } from 'playwright-core';
import { joinTeam, signUp, type TestUser } from './harness';

/** A card on a board page, by (part of) its title. */
export const card = (page: Page, title: string) => page.locator('[data-testid="card"]', { hasText: title });

/** The open dialog of a page (the card dialog). */
export const dialog = (page: Page) => page.getByRole('dialog');

/** Two browser users of one new team: Alice owns it, Bob is a member. */
export interface TeamOfTwo {
  readonly alice: TestUser;
  readonly bob: TestUser;
  readonly teamId: string;
}

/** Signs Alice and Bob up on the server at `base` and makes a team `name` of the two of them. */
export const teamOfTwo = async (base: string, name: string): Promise<TeamOfTwo> => {
  const [alice, bob] = await Promise.all([signUp(base, 'Alice'), signUp(base, 'Bob')]);
  const { team } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name });
  await joinTeam(alice, bob, team.id, 'member');
  return { alice, bob, teamId: team.id };
};
