import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { buildWeb, launchBrowser, SCREENSHOTS, startServer, type RunningServer } from './harness';

type Viewport = NonNullable<BrowserContextOptions['viewport']>;

/** One browser test file's world: a server, a browser and the contexts it opened. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A new browser context (closed after the file), at the suite's viewport unless another is given. */
  readonly newContext: (viewport?: Viewport, options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A page in a new context of its own. */
  readonly newPage: (viewport?: Viewport) => Promise<Page>;
  /** Logs in through the login page and waits for the teams page. */
  readonly logIn: (page: Page, user: { readonly email: string; readonly password: string }) => Promise<Page>;
  /** A screenshot under test-results/e2e, for a person to look at. */
  readonly shoot: (page: Page, name: string, fullPage?: boolean) => Promise<Buffer>;
}

/**
 * Registers the set-up every browser test file shares: build the web client (once per change), start
 * the server, launch Chromium; and, after the file, close every context, the browser and the server.
 * Register it before the file's own `beforeAll`, which then runs with the server up.
 */
export const browserSuite = (viewport: Viewport = { width: 1400, height: 900 }): BrowserSuite => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const up = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} is used before the suite's beforeAll ran`);
    return value;
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    buildWeb();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  const newContext = async (size: Viewport = viewport, options: BrowserContextOptions = {}) => {
    const ctx = await up(browser, 'browser').newContext({ viewport: size, ...options });
    contexts.push(ctx);
    return ctx;
  };

  return {
    get server() {
      return up(server, 'server');
    },
    get browser() {
      return up(browser, 'browser');
    },
    newContext,
    newPage: async (size) => (await newContext(size)).newPage(),
    logIn: async (page, user) => {
      const url = up(server, 'server').url;
      await page.goto(`${url}/login`);
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${url}/app`);
      return page;
    },
    shoot: (page, name, fullPage = true) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage }),
  };
};
