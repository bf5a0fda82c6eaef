import type { Browser, Page } from 'playwright-core';
import { BENCH_PASSWORD, type Session } from './rest';

export { buildWeb, launchBrowser } from '../../test/e2e/support/harness';

/** What the page records for the bench (see INSTRUMENT). */
export interface PageRecord {
  /** Keyboard pick-ups: ms from the Space keydown to the first task after the frame that shows the card picked up. */
  readonly pickups: number[];
  /** Long tasks (over 50 ms) on the page's main thread, on the page's clock. */
  readonly longTasks: { start: number; duration: number }[];
}

/**
 * Installed before the app's own scripts on every page. A string, not a function: tsx would wrap the
 * function's inner names in a helper that does not exist in the browser.
 *
 * A pick-up shows as dnd-kit setting aria-pressed="true" on the card; the time is taken in a task posted
 * from the next animation frame, i.e. once that frame (with the picked-up card) has been produced.
 */
const INSTRUMENT = `(() => {
  const record = { pickups: [], longTasks: [], lastSpace: 0 };
  window.__bench = record;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('keydown', (e) => { if (e.code === 'Space') record.lastSpace = e.timeStamp; }, true);
  new MutationObserver((changes) => {
    if (!changes.some((c) => c.target.getAttribute('aria-pressed') === 'true')) return;
    const pressed = record.lastSpace;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => record.pickups.push(performance.now() - pressed);
      channel.port2.postMessage(null);
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['aria-pressed'] });
})();`;

/** Logs `user` in through the login page (instrumented), then opens `path` and waits for its first list. */
export const openInstrumented = async (browser: Browser, user: Session, path: string): Promise<Page> => {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.goto(`${user.baseUrl}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${user.baseUrl}/app`);
  await page.goto(`${user.baseUrl}${path}`);
  await page.locator('[data-testid="list"]').first().waitFor();
  return page;
};

/** What the page has recorded so far. */
export const pageRecord = (page: Page): Promise<PageRecord> =>
  page.evaluate('({ pickups: window.__bench.pickups, longTasks: window.__bench.longTasks })');

/** The page's clock (performance.now()), to tell which long tasks fall into a window. */
export const pageNow = (page: Page): Promise<number> => page.evaluate('performance.now()');
