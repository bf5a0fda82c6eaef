// `npx tsx web/scripts/render-site-images.ts`: draws web/public/favicon.ico (16, 32 and 48 px, from
// favicon.svg) and web/public/og-image.png (1200x630, the link preview) with Debian's Chromium.
// The outputs are committed; run this again after changing the icon or the preview's text.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';

const PUBLIC = path.resolve(__dirname, '../public');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ICON_SIZES = [16, 32, 48] as const;

const svg = readFileSync(path.join(PUBLIC, 'favicon.svg'), 'utf8');
const svgDataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** A PNG of the icon at `size` px with a transparent background. */
const iconPng = async (page: Page, size: number): Promise<Buffer> => {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="${svgDataUrl}" width="${size}" height="${size}">`,
  );
  await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
};

/** An .ico holding PNG images (the format browsers have read since Windows Vista's icons). */
const ico = (pngs: readonly { size: number; png: Buffer }[]): Buffer => {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, png }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt16LE(1, 4); // colour planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.png)]);
};

const column = (title: string, cards: readonly string[]) =>
  `<div class="col"><h3>${title}</h3>${cards.map((c) => `<div class="card">${c}</div>`).join('')}</div>`;

/** The link preview: name, promise and a small board, in the app's indigo. */
const OG_HTML = `<!doctype html><style>
  body{margin:0;width:1200px;height:630px;display:flex;align-items:center;gap:48px;padding:0 64px;box-sizing:border-box;
    background:linear-gradient(135deg,#4338ca,#312e81);color:#fff;font-family:'DejaVu Sans',sans-serif}
  .text{flex:1;min-width:0} .brand{display:flex;align-items:center;gap:20px;font-size:60px;font-weight:700}
  .brand img{border-radius:22px;box-shadow:0 0 0 4px rgba(255,255,255,.85)}
  p{font-size:32px;line-height:1.3;margin:28px 0 0;color:#e0e7ff}
  .board{display:flex;gap:14px;padding:18px;border-radius:18px;background:#f1f5f9}
  .col{width:128px;padding:10px;border-radius:12px;background:#e2e8f0;color:#0f172a}
  h3{margin:0 0 10px;font-size:17px} .card{margin-top:8px;padding:9px;border-radius:8px;background:#fff;font-size:14px;
    box-shadow:0 1px 2px rgba(15,23,42,.2)}
</style><div class="text"><div class="brand"><img src="${svgDataUrl}" width="96" height="96">Boardroom</div>
<p>The real-time Kanban board your whole team works on at once.</p></div>
<div class="board">${column('To Do', ['Plan launch', 'Write docs', 'Fix login'])}${column('Doing', ['Design review', 'Ship v2'])}${column('Done', ['Kick-off'])}</div>`;

const main = async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const pngs = [];
    for (const size of ICON_SIZES) pngs.push({ size, png: await iconPng(page, size) });
    writeFileSync(path.join(PUBLIC, 'favicon.ico'), ico(pngs));
    await page.setViewportSize({ width: 1200, height: 630 });
    await page.setContent(OG_HTML);
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    writeFileSync(path.join(PUBLIC, 'og-image.png'), await page.screenshot({ type: 'png' }));
  } finally {
    await browser.close();
  }
};

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
