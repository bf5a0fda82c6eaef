import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Landing, LANDING_META } from '../../../../web/src/landing/Landing';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface LandingPageOptions {
  /** Public stylesheet URLs of the built web app (none when it is not built). */
  readonly stylesheets: readonly string[];
}

/** The full HTML document of the home page: React rendered on the server, with title, description and Open Graph tags. */
export const renderLandingPage = ({ stylesheets }: LandingPageOptions): string => {
  const title = escapeHtml(LANDING_META.title);
  const description = escapeHtml(LANDING_META.description);
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<meta name="description" content="${description}">`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:site_name" content="Boardroom">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:description" content="${description}">`,
    `<meta name="twitter:card" content="summary">`,
    links,
    '</head><body>',
    `<div id="landing">${renderToString(createElement(Landing))}</div>`,
    '</body></html>',
  ].join('\n');
};
