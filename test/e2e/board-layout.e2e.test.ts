import type { CDPSession, Page } from 'playwright-core';
import { boardTitles, eventually, openBoardAs, signUp, type TestUser } from './support/harness';
import { browserSuite } from './support/suite';

jest.setTimeout(120_000);

const suite = browserSuite({ width: 1400, height: 900 });

let alice: TestUser;
let teamId: string;

interface Snapshot {
  lists: { id: string; title: string }[];
  cards: { id: string; title: string; listId: string; rank: string; archived: boolean }[];
}

/** A fresh board seeded over REST (8 requests in flight), lists in the given order. */
const seedBoard = async (title: string, cards: Record<string, string[]>) => {
  const { board } = await alice.api<{ board: { id: string } }>('POST', `/api/teams/${teamId}/boards`, { title });
  const base = `/api/teams/${teamId}/boards/${board.id}`;
  const jobs: (() => Promise<unknown>)[] = [];
  for (const listTitle of Object.keys(cards)) {
    const { list } = await alice.api<{ list: { id: string } }>('POST', `${base}/lists`, { title: listTitle });
    // Ranks follow creation order, so each list's cards go in one after another.
    jobs.push(async () => {
      for (const cardTitle of cards[listTitle] ?? [])
        await alice.api('POST', `${base}/cards`, { listId: list.id, title: cardTitle });
    });
  }
  await Promise.all(jobs.map((j) => j()));
  return { path: `/app/teams/${teamId}/boards/${board.id}`, api: base };
};

const serverTitles = async (apiPath: string) => {
  const s = await alice.api<Snapshot>('GET', apiPath);
  const out: Record<string, string[]> = {};
  for (const l of s.lists)
    out[l.title] = s.cards
      .filter((c) => c.listId === l.id && !c.archived)
      .sort((a, b) => (a.rank < b.rank ? -1 : 1))
      .map((c) => c.title);
  return out;
};

const numbered = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} ${i}`);

const phone = () => suite.newContext({ width: 390, height: 844 }, { isMobile: true, hasTouch: true });
const desktop = () => suite.newContext();

const list = (page: Page, title: string) => page.locator(`[data-testid="list"][aria-label="List ${title}"]`);
const card = (page: Page, title: string) =>
  page.locator('[data-testid="card"]', { has: page.getByText(title, { exact: true }) });

/** Whether `inner` lies entirely inside the visible part of `outer` (a scrolling list) and of the page. */
const inView = async (page: Page, inner: ReturnType<typeof card>, outer: ReturnType<typeof list>) => {
  const [i, o] = [await inner.boundingBox(), await outer.boundingBox()];
  const viewport = page.viewportSize()!;
  return (
    !!i &&
    !!o &&
    i.y >= o.y - 1 &&
    i.y + i.height <= o.y + o.height + 1 &&
    i.y >= 0 &&
    i.y + i.height <= viewport.height
  );
};

/** A finger on the screen, through the DevTools protocol (Playwright's touchscreen only taps). */
const finger = async (page: Page) => {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x?: number, y?: number) =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: x === undefined || y === undefined ? [] : [{ x: Math.round(x), y: Math.round(y) }],
    });
  return {
    /** Presses at `from`, holds for `holdMs`, slides to `to` in `steps`, lifts. */
    drag: async (from: { x: number; y: number }, to: { x: number; y: number }, holdMs: number, steps = 12) => {
      await touch('touchStart', from.x, from.y);
      await page.waitForTimeout(holdMs);
      for (let s = 1; s <= steps; s++) {
        await touch('touchMove', from.x + ((to.x - from.x) * s) / steps, from.y + ((to.y - from.y) * s) / steps);
        await page.waitForTimeout(16);
      }
      await page.waitForTimeout(150);
      await touch('touchEnd');
    },
    detach: () => cdp.detach(),
  };
};

const centre = (b: { x: number; y: number; width: number; height: number }) => ({
  x: b.x + b.width / 2,
  y: b.y + b.height / 2,
});

const shoot = (page: Page, name: string) => suite.shoot(page, name, false);

beforeAll(async () => {
  alice = await signUp(suite.server.url, 'Alice');
  ({
    team: { id: teamId },
  } = await alice.api<{ team: { id: string } }>('POST', '/api/teams', { name: 'Mobile' }));
});

describe('on a 390×844 phone', () => {
  test('the board gets the width and the activity drawer is closed until opened, then Escape closes it', async () => {
    const board = await seedBoard('Phone', { 'To Do': ['Fix login'], Doing: [], Done: [] });
    const page = await openBoardAs(await phone(), suite.server.url, alice, board.path);
    const toggle = page.getByRole('button', { name: 'Activity' });

    expect((await page.getByTestId('board').boundingBox())!.width).toBeGreaterThan(300);
    expect(await page.getByTestId('activity').count()).toBe(0);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await toggle.tap();
    await page.getByTestId('activity').waitFor();
    const drawer = page.getByRole('dialog', { name: 'Activity' });
    expect(await drawer.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Close activity');
    await shoot(page, 'phone-activity-drawer');

    await page.keyboard.press('Escape');
    await eventually(async () => expect(await page.getByTestId('activity').count()).toBe(0));
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });

  test('lists scroll sideways and come to rest on a list’s edge', async () => {
    const board = await seedBoard('Swipe', { One: ['a'], Two: ['b'], Three: ['c'] });
    const page = await openBoardAs(await phone(), suite.server.url, alice, board.path);
    const strip = page.getByTestId('board');
    await card(page, 'c').waitFor();
    expect(await strip.evaluate((el) => el.scrollLeft)).toBe(0);
    const hand = await finger(page);
    const from = centre((await list(page, 'One').locator('header').boundingBox())!);

    // A thumb's swipe to the left over the lists, let go without stopping.
    await hand.drag(from, { x: from.x - 230, y: from.y }, 0, 8);
    await hand.detach();

    const edges = await page
      .getByTestId('list')
      .evaluateAll((lists) => lists.map((l) => (l as HTMLElement).offsetLeft - l.parentElement!.offsetLeft));
    await eventually(async () => {
      const at = await strip.evaluate((el) => el.scrollLeft);
      expect(at).toBeGreaterThan(0);
      expect(edges).toContain(at);
    });
    expect(await strip.evaluate((el) => getComputedStyle(el).scrollSnapType)).toContain('mandatory');
    await shoot(page, 'phone-lists-snap');
  });

  test('a card dragged by touch moves, while a quick swipe over a card scrolls instead of dragging', async () => {
    const board = await seedBoard('Touch', { 'To Do': ['First', 'Second', 'Third'], Later: ['Someday'] });
    const page = await openBoardAs(await phone(), suite.server.url, alice, board.path);
    const hand = await finger(page);

    const from = centre((await card(page, 'First').boundingBox())!);
    const third = (await card(page, 'Third').boundingBox())!;
    await hand.drag(from, { x: from.x, y: third.y + third.height - 4 }, 350);
    await eventually(async () =>
      expect((await serverTitles(board.api))['To Do']).toEqual(['Second', 'Third', 'First']),
    );

    const strip = page.getByTestId('board');
    const second = centre((await card(page, 'Second').boundingBox())!);
    await hand.drag(second, { x: second.x - 200, y: second.y }, 0, 8);
    await eventually(async () => expect(await strip.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0));
    await hand.detach();
    expect((await serverTitles(board.api))['To Do']).toEqual(['Second', 'Third', 'First']);
    expect((await boardTitles(page))['List To Do']).toEqual(['Second', 'Third', 'First']);
  });
});

/** WCAG contrast of an element's text against the first opaque background behind it, in the page. */
const contrast = (el: Element) => {
  const canvas = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  // The canvas turns any CSS colour (Tailwind's are oklch) into sRGB bytes.
  const rgba = (css: string) => {
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = css;
    canvas.fillRect(0, 0, 1, 1);
    return Array.from(canvas.getImageData(0, 0, 1, 1).data);
  };
  const luminance = ([r, g, b]: number[]) =>
    [r!, g!, b!]
      .map((c) => c / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
  let back: Element | null = el;
  while (back && rgba(getComputedStyle(back).backgroundColor)[3] === 0) back = back.parentElement;
  const [fg, bg] = [
    luminance(rgba(getComputedStyle(el).color)),
    luminance(rgba(getComputedStyle(back!).backgroundColor)),
  ];
  return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
};

describe('a list header', () => {
  test('the card count is readable: at least 4.5:1 against the list (WCAG AA)', async () => {
    const board = await seedBoard('Count', { 'To Do': ['One', 'Two'] });
    const page = await openBoardAs(await desktop(), suite.server.url, alice, board.path);
    const count = list(page, 'To Do').getByLabel('2 cards');
    expect(await count.evaluate(contrast)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('a long list', () => {
  test('a card added at the end of a 400-card list is rendered and scrolled into view', async () => {
    const board = await seedBoard('Long', { Backlog: numbered('Item', 400), Done: [] });
    const page = await openBoardAs(await desktop(), suite.server.url, alice, board.path);
    await list(page, 'Backlog').getByLabel('400 cards').waitFor();

    await page.getByLabel('Add a card to Backlog').fill('Just added');
    await page.getByLabel('Add a card to Backlog').press('Enter');

    await eventually(async () =>
      expect(await inView(page, card(page, 'Just added'), list(page, 'Backlog'))).toBe(true),
    );
    expect(await page.locator('[data-testid="card"]').count()).toBeLessThan(100);
    await shoot(page, 'long-list-added');
  });

  test('every card can be reached by scrolling the list', async () => {
    const board = await seedBoard('Reach', { Backlog: numbered('Item', 400) });
    const page = await openBoardAs(await desktop(), suite.server.url, alice, board.path);
    const cards = list(page, 'Backlog').locator('ol');

    await cards.evaluate((ol) => (ol.scrollTop = ol.scrollHeight));
    await eventually(async () => expect(await inView(page, card(page, 'Item 399'), list(page, 'Backlog'))).toBe(true));
    await cards.evaluate((ol) => (ol.scrollTop = ol.scrollHeight / 2));
    await eventually(async () => expect(await card(page, 'Item 200').count()).toBe(1));
  });

  test('a card carried down a long list with the keyboard stays in view and lands where it is dropped', async () => {
    const board = await seedBoard('Carry', { Backlog: numbered('Item', 300), Other: numbered('Other', 300) });
    const page = await openBoardAs(await desktop(), suite.server.url, alice, board.path);

    const said = async () => (await page.locator('[role="status"][aria-live]').allTextContents()).join(' ');
    await card(page, 'Item 0').focus();
    await page.keyboard.press('Space');
    // dnd-kit listens for the arrow keys from the task after the pick-up.
    await eventually(async () => expect(await said()).toContain('Picked up card "Item 0"'));
    for (let i = 1; i <= 30; i++) {
      await page.keyboard.press('ArrowDown');
      await eventually(async () => expect(await said()).toContain(`over card "Item ${i}" in list "Backlog"`));
    }
    await eventually(async () => expect(await inView(page, card(page, 'Item 0'), list(page, 'Backlog'))).toBe(true));
    await page.keyboard.press('Space');

    await eventually(async () => expect((await serverTitles(board.api)).Backlog?.indexOf('Item 0')).toBe(30));
    await eventually(async () => expect(await inView(page, card(page, 'Item 0'), list(page, 'Backlog'))).toBe(true));
    await shoot(page, 'long-list-keyboard');
  });

  test('a card carried with the keyboard from deep in one long list into another lands there, in view', async () => {
    const board = await seedBoard('Across', { Left: numbered('Left', 300), Right: numbered('Right', 300) });
    const page = await openBoardAs(await desktop(), suite.server.url, alice, board.path);
    const said = async () => (await page.locator('[role="status"][aria-live]').allTextContents()).join(' ');
    await list(page, 'Left')
      .locator('ol')
      .evaluate((ol) => (ol.scrollTop = 40 * 50));
    await card(page, 'Left 45').focus();
    await page.keyboard.press('Space');
    await eventually(async () => expect(await said()).toContain('Picked up card "Left 45"'));
    await page.keyboard.press('ArrowRight');
    await eventually(async () => expect(await said()).toMatch(/is over card "Right \d+" in list "Right"/));
    await page.keyboard.press('Space');

    await eventually(async () => expect((await serverTitles(board.api)).Right).toContain('Left 45'));
    await eventually(async () => expect(await inView(page, card(page, 'Left 45'), list(page, 'Right'))).toBe(true));
  });
});
