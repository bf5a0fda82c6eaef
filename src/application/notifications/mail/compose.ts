import {
  preferenceOf,
  type DigestMode,
  type Notification,
  type NotificationPreference,
  type UserId,
} from '../../../domain';
import type { OutboundMail } from '../../ports';
import { excerptOf, oneLine, PREFERENCE_LABEL, sentenceOf, subjectOf } from './wording';

/** What a message needs besides its notifications. */
export interface ComposeContext {
  /** The recipient's address. */
  readonly to: string;
  /** Where people open the app (PUBLIC_URL), no trailing slash. */
  readonly publicUrl: string;
  /** The recipient's digest mode when the batch was made: a digest is worded as one. */
  readonly digest: DigestMode;
  /** Current names of mentioned people. */
  readonly nameOf: (id: UserId) => string | undefined;
  /** The signed one-click unsubscribe URL for each kind in the message. */
  readonly unsubscribeUrl: (kind: NotificationPreference) => string;
  /** The one-click URL that turns off every kind in the message (the `List-Unsubscribe` header). */
  readonly unsubscribeAllUrl: string;
}

/** Everything user-written goes through this before it reaches the HTML part. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The link that opens what a notification is about: the card on its board, or the invitations page. */
export const linkOf = (n: Notification, publicUrl: string): string =>
  n.boardId !== null && n.cardId !== null
    ? `${publicUrl}/app/teams/${n.teamId}/boards/${n.boardId}?card=${n.cardId}`
    : `${publicUrl}/app`;

/** The kinds in a message, each once, in the order they first appear. */
export const kindsOf = (items: readonly Notification[]): readonly NotificationPreference[] => [
  ...new Set(items.map((n) => preferenceOf(n.kind))),
];

interface Entry {
  readonly sentence: string;
  readonly where: string | null;
  readonly excerpt: string | null;
  readonly link: string;
}

const entriesOf = (items: readonly Notification[], ctx: ComposeContext): readonly Entry[] =>
  items.map((n) => ({
    sentence: sentenceOf(n),
    where: n.boardTitle === null ? null : oneLine(n.boardTitle, 200),
    excerpt: excerptOf(n, ctx.nameOf),
    link: linkOf(n, ctx.publicUrl),
  }));

const textOf = (entries: readonly Entry[], kinds: readonly NotificationPreference[], ctx: ComposeContext): string =>
  [
    ...entries.flatMap((e) => [
      e.where === null ? e.sentence : `${e.sentence} (board: ${e.where})`,
      ...(e.excerpt === null ? [] : [`  "${e.excerpt}"`]),
      `  Open: ${e.link}`,
      '',
    ]),
    '--',
    'You get these e-mails because of your Boardroom notification settings.',
    `Change them: ${ctx.publicUrl}/settings`,
    ...kinds.map((k) => `Stop e-mails about ${PREFERENCE_LABEL[k]}: ${ctx.unsubscribeUrl(k)}`),
    '',
  ].join('\r\n');

const htmlEntry = (e: Entry): string =>
  [
    '<li style="margin:0 0 16px">',
    `<div>${escapeHtml(e.sentence)}${e.where === null ? '' : ` <span style="color:#64748b">on ${escapeHtml(e.where)}</span>`}</div>`,
    e.excerpt === null ? '' : `<blockquote style="margin:4px 0;color:#334155">${escapeHtml(e.excerpt)}</blockquote>`,
    `<a href="${escapeHtml(e.link)}">Open in Boardroom</a>`,
    '</li>',
  ].join('');

const htmlOf = (
  subject: string,
  entries: readonly Entry[],
  kinds: readonly NotificationPreference[],
  ctx: ComposeContext,
): string =>
  [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head><body style="font-family:sans-serif">`,
    `<ul style="list-style:none;padding:0">${entries.map(htmlEntry).join('')}</ul>`,
    '<hr><p style="color:#64748b;font-size:12px">You get these e-mails because of your Boardroom ',
    `<a href="${escapeHtml(`${ctx.publicUrl}/settings`)}">notification settings</a>.</p>`,
    '<p style="color:#64748b;font-size:12px">',
    kinds
      .map(
        (k) =>
          `<a href="${escapeHtml(ctx.unsubscribeUrl(k))}">Stop e-mails about ${escapeHtml(PREFERENCE_LABEL[k])}</a>`,
      )
      .join(' · '),
    '</p></body></html>',
  ].join('');

/**
 * One multipart message (plain text and HTML) for a batch: a line and a link per notification, an
 * unsubscribe link per kind, and RFC 8058 one-click headers that stop every kind in the message.
 */
export const composeNotificationMail = (items: readonly Notification[], ctx: ComposeContext): OutboundMail => {
  const subject = subjectOf(items, ctx.digest);
  const entries = entriesOf(items, ctx);
  const kinds = kindsOf(items);
  return {
    to: ctx.to,
    subject,
    text: textOf(entries, kinds, ctx),
    html: htmlOf(subject, entries, kinds, ctx),
    headers: {
      'List-Unsubscribe': `<${ctx.unsubscribeAllUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
};
