import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Landing, LANDING_META } from '../../../../web/src/landing/Landing';
import { OG_IMAGE } from './site-files';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface LandingPageOptions {
  /** Public stylesheet URLs of the built web app (none when it is not built). */
  readonly stylesheets: readonly string[];
  /**
   * Where the site is published (`PUBLIC_URL`, no trailing slash). The canonical link and the og:image are
   * absolute with it; without it they are site-relative, since a Host header is not to be trusted.
   */
  readonly publicUrl?: string;
}

/** Links and Open Graph tags that point at the site's own files. */
const siteTags = (publicUrl: string): string[] => {
  const home = escapeHtml(`${publicUrl}/`);
  return [
    '<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">',
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    `<link rel="canonical" href="${home}">`,
    `<meta property="og:url" content="${home}">`,
    `<meta property="og:image" content="${escapeHtml(publicUrl + OG_IMAGE.path)}">`,
    `<meta property="og:image:width" content="${OG_IMAGE.width}">`,
    `<meta property="og:image:height" content="${OG_IMAGE.height}">`,
    '<meta property="og:image:alt" content="Boardroom: a board with To Do, Doing and Done lists">',
    '<meta name="twitter:card" content="summary_large_image">',
  ];
};

/** The full HTML document of the home page: React rendered on the server, with title, description and Open Graph tags. */
export const renderLandingPage = ({ stylesheets, publicUrl = '' }: LandingPageOptions): string => {
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
    ...siteTags(publicUrl.replace(/\/+$/, '')),
    links,
    '</head><body>',
    `<div id="landing">${renderToString(createElement(Landing))}</div>`,
    '</body></html>',
  ].join('\n');
};
