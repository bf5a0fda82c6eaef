import type { Page } from 'playwright-core';
import { E2E_PUBLIC_URL, signUp, type TestUser, joinTeam } from './support/harness';
import { browserSuite } from './support/suite';
import { linkFromMail } from './support/outbox';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1200, height: 900 });

const { newPage } = suite;

const logIn = async (page: Page, email: string, password: string) => {
  await page.goto(`${suite.server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
};

/**
 * Access tokens carry whole seconds, and every token issued up to the second of a password change or
 * reset is refused (docs/security.md), so a sign-in right after one waits for the next second.
 */
const nextSecond = () => new Promise((r) => setTimeout(r, 1100));

test('a forgotten password is reset with the mailed link; the new one logs in and the old one fails', async () => {
  const user: TestUser = await signUp(suite.server.url, 'Rita');
  const page = await newPage();
  await page.goto(`${suite.server.url}/login`);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.getByRole('status').filter({ hasText: 'is on its way' }).waitFor();

  const mailed = await linkFromMail(
    suite.server.dataDir,
    user.email,
    /Reset your Boardroom password/,
    /\S+\/reset-password\?token=\S+/,
  );
  expect(mailed.startsWith(`${E2E_PUBLIC_URL}/reset-password?token=`)).toBe(true);
  const link = mailed.replace(E2E_PUBLIC_URL, suite.server.url);
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
  await page.getByLabel('Repeat new password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor();

  await nextSecond();
  await logIn(page, user.email, user.password);
  await page
    .getByRole('alert')
    .filter({ hasText: /incorrect/i })
    .waitFor();
  expect(page.url()).toBe(`${suite.server.url}/login`);
  await logIn(page, user.email, 'a brand new passphrase');
  await page.waitForURL(`${suite.server.url}/app`);

  // The link works once.
  await page.goto(link);
  await page.getByLabel('New password', { exact: true }).fill('a third passphrase');
  await page.getByLabel('Repeat new password').fill('a third passphrase');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByRole('alert').filter({ hasText: 'already been used' }).waitFor();
});

test('the account page changes the name and the password', async () => {
  const user = await signUp(suite.server.url, 'Sami');
  const page = await newPage();
  await logIn(page, user.email, user.password);
  await page.waitForURL(`${suite.server.url}/app`);
  await page.getByRole('link', { name: 'Account' }).click();
  await page.waitForURL(`${suite.server.url}/account`);

  const nameSection = page.getByRole('region', { name: 'Name' });
  await nameSection.getByLabel('Name').fill('Sami Okafor');
  await nameSection.getByRole('button', { name: 'Save name' }).click();
  await nameSection.getByRole('status').filter({ hasText: 'saved' }).waitFor();
  await page.getByLabel('Signed in as').filter({ hasText: 'Sami Okafor' }).waitFor();

  const passwordSection = page.getByRole('region', { name: 'Password' });
  await passwordSection.getByLabel('Current password').fill('not my password');
  await passwordSection.getByLabel('New password', { exact: true }).fill('an updated passphrase');
  await passwordSection.getByLabel('Repeat new password').fill('an updated passphrase');
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await passwordSection.getByRole('alert').filter({ hasText: 'current password is not correct' }).waitFor();

  await passwordSection.getByLabel('Current password').fill(user.password);
  await passwordSection.getByRole('button', { name: 'Change password' }).click();
  await passwordSection.getByRole('status').filter({ hasText: 'Your password was changed' }).waitFor();

  // This tab stays signed in, also across a reload.
  await nextSecond();
  await page.reload();
  await page.getByLabel('Signed in as').filter({ hasText: 'Sami Okafor' }).waitFor();

  const other = await newPage();
  await logIn(other, user.email, user.password);
  await other
    .getByRole('alert')
    .filter({ hasText: /incorrect/i })
    .waitFor();
  await logIn(other, user.email, 'an updated passphrase');
  await other.waitForURL(`${suite.server.url}/app`);
});

test('deleting the account asks for the password, is refused for a sole owner, and then signs out for good', async () => {
  const owner = await signUp(suite.server.url, 'Tove');
  const colleague = await signUp(suite.server.url, 'Umar');
  const { team } = await owner.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Tove & Co' });
  await joinTeam(owner, colleague, team.id, 'member');

  const page = await newPage();
  await logIn(page, owner.email, owner.password);
  await page.waitForURL(`${suite.server.url}/app`);
  await page.goto(`${suite.server.url}/account`);
  const danger = page.getByRole('region', { name: 'Delete account' });
  await danger.getByRole('button', { name: 'Delete my account…' }).click();
  await danger.getByLabel('Current password').fill(owner.password);
  await danger.getByRole('button', { name: 'Delete my account permanently' }).click();
  await danger.getByRole('alert').filter({ hasText: 'only owner of "Tove & Co"' }).waitFor();

  const solo = await newPage();
  await logIn(solo, colleague.email, colleague.password);
  await solo.waitForURL(`${suite.server.url}/app`);
  await solo.goto(`${suite.server.url}/account`);
  const mine = solo.getByRole('region', { name: 'Delete account' });
  await mine.getByRole('button', { name: 'Delete my account…' }).click();
  await mine.getByLabel('Current password').fill(colleague.password);
  await mine.getByRole('button', { name: 'Delete my account permanently' }).click();
  await solo.waitForURL(`${suite.server.url}/login`);
  await logIn(solo, colleague.email, colleague.password);
  await solo
    .getByRole('alert')
    .filter({ hasText: /incorrect/i })
    .waitFor();
});

test("signing up keeps the browser's time zone for digests, and the settings page changes it", async () => {
  const ctx = await suite.newContext(undefined, { timezoneId: 'America/Chicago' });
  const page = await ctx.newPage();
  await page.goto(`${suite.server.url}/signup`);
  await page.getByLabel('Name').fill('Kiran');
  await page.getByLabel('Email').fill(`kiran-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('a long enough passphrase');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${suite.server.url}/app`);
  await page.getByRole('link', { name: 'Settings' }).click();
  const zone = page.getByLabel('Time zone for digests');
  await page.waitForFunction(() => document.title === 'Settings · Boardroom');
  expect(await zone.inputValue()).toBe('America/Chicago');
  await zone.selectOption('Europe/Lisbon');
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.reload();
  expect(await page.getByLabel('Time zone for digests').inputValue()).toBe('Europe/Lisbon');
  await page.getByRole('button', { name: "Use this device's zone (America/Chicago)" }).click();
  await page.getByRole('button', { name: /Use this device's zone/ }).waitFor({ state: 'detached' });
  expect(await page.getByLabel('Time zone for digests').inputValue()).toBe('America/Chicago');
});
