import type { Page } from 'playwright-core';
import { E2E_PUBLIC_URL, eventually, signUp } from './support/harness';
import { browserSuite } from './support/suite';
import { linkFromMail } from './support/outbox';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1200, height: 900 });

const { newContext } = suite;

const { logIn } = suite;

const teamHeadings = (page: Page) => page.locator('section h2').allTextContents();

test('an invitation by e-mail needs consent; then the owner changes the role and the member leaves', async () => {
  const [olga, bea] = await Promise.all([signUp(suite.server.url, 'Olga'), signUp(suite.server.url, 'Bea')]);
  const { team } = await olga.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Rocket' });
  const owner = await (await newContext()).newPage();
  const member = await (await newContext()).newPage();
  owner.on('dialog', (d) => void d.accept());
  member.on('dialog', (d) => void d.accept());

  await logIn(owner, olga);
  await owner.getByRole('link', { name: 'Members of Rocket' }).click();
  await owner.getByLabel('Invite by email').fill(bea.email);
  await owner.getByLabel('Role', { exact: true }).selectOption('member');
  await owner.getByRole('button', { name: 'Invite', exact: true }).click();
  await eventually(async () =>
    expect(await owner.getByRole('status').textContent()).toContain(`Invitation sent to ${bea.email}`),
  );
  await eventually(async () => expect(await owner.getByLabel(`Invitation ${bea.email}`).count()).toBe(1));

  // Before accepting, Bea is not a member: no team on her page, and the API refuses her.
  await logIn(member, bea);
  const section = member.getByRole('region', { name: 'Invitations for you' });
  await eventually(async () => expect(await section.textContent()).toContain('Olga invited you to Rocket as member'));
  expect(await teamHeadings(member)).not.toEqual(expect.arrayContaining([expect.stringContaining('Rocket')]));
  await expect(bea.api('GET', `/api/teams/${team.id}/boards`)).rejects.toThrow(/404/);
  await suite.shoot(member, 'invitation-for-you');

  await member.getByRole('button', { name: 'Accept invitation to Rocket' }).click();
  await eventually(async () => expect(await teamHeadings(member)).toContain('Rocket (member)'));
  expect(await bea.api('GET', `/api/teams/${team.id}/boards`)).toEqual({ boards: [] });

  await owner.reload();
  await owner.getByLabel('Role of Bea').selectOption('admin');
  await eventually(async () => expect(await owner.getByRole('status').textContent()).toContain('Bea is now admin.'));
  await member.reload();
  await eventually(async () => expect(await teamHeadings(member)).toContain('Rocket (admin)'));
  await suite.shoot(owner, 'members-page');

  await member.getByRole('link', { name: 'Members of Rocket' }).click();
  await member.getByRole('button', { name: 'Leave team' }).click();
  await member.waitForURL(`${suite.server.url}/app`);
  await eventually(async () => expect(await teamHeadings(member)).not.toContain('Rocket (admin)'));
  await owner.reload();
  await eventually(async () => expect(await owner.getByLabel('Member Bea').count()).toBe(0));
});

test('the last owner is told they cannot leave, and a name with U+202E cannot spoof its role', async () => {
  const [owner, mallory] = await Promise.all([
    signUp(suite.server.url, 'Owen'),
    signUp(suite.server.url, 'Mallory\u202e'),
  ]);
  const { team } = await owner.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Solo' });
  const { invitation } = await owner.api<{ invitation: { id: string } }>('POST', `/api/teams/${team.id}/invitations`, {
    email: mallory.email,
    role: 'viewer',
  });
  await mallory.api('POST', `/api/me/invitations/${invitation.id}/accept`);
  const page = await (await newContext()).newPage();
  page.on('dialog', (d) => void d.accept());

  await logIn(page, owner);
  await page.goto(`${suite.server.url}/app/teams/${team.id}/members`);
  const name = page.getByLabel('Member Mallory\u202e').locator('bdi').first();
  await eventually(async () => expect(await name.textContent()).toBe('Mallory\u202e'));
  expect(await name.evaluate((e) => e.tagName)).toBe('BDI');

  await page.getByRole('button', { name: 'Leave team' }).click();
  await eventually(async () => expect(await page.getByRole('alert').textContent()).toContain('at least one owner'));
  expect(page.url()).toBe(`${suite.server.url}/app/teams/${team.id}/members`);
});

test('the e-mailed invitation link, opened signed out, leads through sign-in to an explicit accept, once', async () => {
  const [olga, vic] = await Promise.all([signUp(suite.server.url, 'Olga'), signUp(suite.server.url, 'Vic')]);
  const { team } = await olga.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Mailroom' });
  await olga.api('POST', `/api/teams/${team.id}/invitations`, { email: vic.email, role: 'member' });
  const mailed = await linkFromMail(
    suite.server.dataDir,
    vic.email,
    /invited you to Mailroom/,
    /\S+\/invitations\/accept\?token=\S+/,
  );
  expect(mailed.startsWith(`${E2E_PUBLIC_URL}/invitations/accept?token=`)).toBe(true);
  const link = mailed.replace(E2E_PUBLIC_URL, suite.server.url);
  const page = await (await newContext()).newPage();

  await page.goto(link);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Email').fill(vic.email);
  await page.getByLabel('Password').fill(vic.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(link);
  // Signed in is not joined: nothing happens until Vic accepts.
  expect((await vic.api<{ teams: { id: string }[] }>('GET', '/api/teams')).teams).toEqual([]);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await eventually(async () =>
    expect((await vic.api<{ teams: { id: string }[] }>('GET', '/api/teams')).teams.map((t) => t.id)).toEqual([team.id]),
  );

  // The link is single use.
  await page.goto(link);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await eventually(async () => expect(await page.getByRole('alert').textContent()).toMatch(/accepted/i));
});

test('a forged invitation link is refused with a clear message', async () => {
  const vic = await signUp(suite.server.url, 'Vic');
  const page = await (await newContext()).newPage();
  await logIn(page, vic);
  await page.goto(`${suite.server.url}/invitations/accept?token=${'A'.repeat(43)}`);
  await page.getByRole('button', { name: 'Accept invitation' }).click();
  await eventually(async () => expect(await page.getByRole('alert').textContent()).toContain('Invitation not found'));
});
