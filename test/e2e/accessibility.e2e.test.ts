import type { Page } from 'playwright-core';
import { openBoardAs, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let teamId: string;

const { newPage } = suite;

const logIn = (page: Page) => suite.logIn(page, alice);

/** A board whose title, list title and card title are each one 200-character word. */
const seedLongTitles = async () => {
  const word = (c: string) => c.repeat(200);
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    title: word('B'),
  });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: word('L') });
  await alice.api('POST', `${api}/cards`, { listId: list.id, title: word('W'), labels: ['x'.repeat(40)] });
  return `/app/teams/${teamId}/boards/${board.id}`;
};

/**
 * WCAG contrast of each element's own text against what is painted behind it, computed in the page from
 * computed styles: colours are resolved to sRGB through a canvas, translucent backgrounds composited.
 */
const contrasts = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const ctx = Object.assign(document.createElement('canvas'), { width: 1, height: 1 }).getContext('2d', {
      willReadFrequently: true,
    })!;
    const paint = (colors: string[]) => {
      ctx.clearRect(0, 0, 1, 1);
      for (const c of ['#fff', ...colors]) {
        ctx.fillStyle = c;
        ctx.fillRect(0, 0, 1, 1);
      }
      return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
    };
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    return Array.from(document.querySelectorAll<HTMLElement>(sel)).map((el) => {
      const layers: string[] = [];
      for (let n: Element | null = el; n; n = n.parentElement) layers.unshift(getComputedStyle(n).backgroundColor);
      const bg = paint(layers);
      const fg = paint([...layers, getComputedStyle(el).color]);
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
      return { text: el.textContent?.trim() ?? '', ratio: (hi! + 0.05) / (lo! + 0.05) };
    });
  }, selector);

beforeAll(async () => {
  alice = await signUp(suite.server.url, 'Alice');
  ({
    team: { id: teamId },
  } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Access' }));
});

test('every page names itself in the browser tab', async () => {
  const page = await newPage();
  await page.goto(`${suite.server.url}/signup`);
  await page.waitForFunction(() => document.title === 'Sign up · Boardroom');
  await page.goto(`${suite.server.url}/login`);
  await page.waitForFunction(() => document.title === 'Log in · Boardroom');

  await alice.api('POST', `/api/teams/${teamId}/boards`, { title: 'Sprint 12' });
  await logIn(page);
  await page.waitForFunction(() => document.title === 'Teams · Boardroom');
  await page.getByRole('link', { name: 'Sprint 12' }).click();
  await page.waitForFunction(() => document.title === 'Sprint 12 · Boardroom');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForFunction(() => document.title === 'Settings · Boardroom');
});

test('signing up with a short password shows the server’s message in words', async () => {
  const page = await newPage();
  await page.goto(`${suite.server.url}/signup`);
  await page.getByLabel('Name').fill('Sam');
  await page.getByLabel('Email').fill(`sam-${Date.now()}@example.com`);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();

  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toBe('Password must be 8 to 256 characters');
  await suite.shoot(page, 'signup-short-password');
});

test('the first Tab reaches a skip link that moves focus to the page content', async () => {
  const page = await logIn(await newPage());
  await page.getByRole('heading', { name: 'Your teams' }).waitFor();
  await page.keyboard.press('Tab');

  const link = page.getByRole('link', { name: 'Skip to content' });
  expect(await link.evaluate((el) => el === document.activeElement)).toBe(true);
  expect((await link.boundingBox())!.width).toBeGreaterThan(20);
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('content');
});

test('long unbroken titles wrap inside cards, lists, the board header, the activity feed and the dialog', async () => {
  const page = await openBoardAs((await newPage()).context(), suite.server.url, alice, await seedLongTitles());
  await page.locator('[data-testid="card"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();

  const overflowing = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        'h1, h2, [data-testid="card"], [data-testid="card"] *, [data-testid="list"] header, [data-testid="activity"] li, [role="dialog"]',
      ),
    )
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth)
      .map((el) => `${el.tagName}.${el.className}`),
  );
  expect(overflowing).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
  await suite.shoot(page, 'long-titles');
});

test('grey text, including a list’s card count, reaches WCAG AA contrast (4.5:1)', async () => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, {
    title: 'Contrast',
  });
  const api = `/api/teams/${teamId}/boards/${board.id}`;
  const { list } = await alice.api<{ list: { id: string } }>('POST', `${api}/lists`, { title: 'To Do' });
  await alice.api('POST', `${api}/cards`, { listId: list.id, title: 'Due soon', dueDate: '2030-01-01' });
  const page = await openBoardAs(
    (await newPage()).context(),
    suite.server.url,
    alice,
    `/app/teams/${teamId}/boards/${board.id}`,
  );
  await page.getByTestId('activity').locator('li time').first().waitFor();

  const [count] = await contrasts(page, '[data-testid="list"] header [aria-label$=" cards"]');
  expect(count).toMatchObject({ text: '1' });
  expect(count!.ratio).toBeGreaterThanOrEqual(4.5);

  const grey = await contrasts(page, '[class*="text-slate-"]');
  expect(grey.length).toBeGreaterThan(3);
  expect(grey.filter((g) => g.ratio < 4.5)).toEqual([]);

  await page.getByRole('link', { name: 'All boards' }).click();
  await page.getByRole('heading', { name: 'Your teams' }).waitFor();
  await page.getByText('(owner)').waitFor();
  expect((await contrasts(page, '[class*="text-slate-"]')).filter((g) => g.ratio < 4.5)).toEqual([]);
});
