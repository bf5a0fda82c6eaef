import { Router, type Request, type Response } from 'express';
import * as E from 'fp-ts/Either';
import type { Application } from '../../../application/api';
import { escapeHtml } from '../../../application/notifications/mail/compose';
import { PREFERENCE_LABEL } from '../../../application/notifications/mail/wording';
import { validation, type AppError, type NotificationPreference } from '../../../domain';
import { problemOf, sendAppError } from '../errors';

const page = (title: string, body: string): string =>
  [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head><body>`,
    `<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
  ].join('');

const tokenOf = (req: Request): string | null => (typeof req.query.token === 'string' ? req.query.token : null);

const missing: AppError = validation(
  'This unsubscribe link is missing its token. Open the link from the e-mail again.',
  'invalid_unsubscribe_token',
);

/** Browsers get the error as a page; anything else (a mail client's one-click POST) the JSON error. */
const fail = (req: Request, res: Response, error: AppError): void => {
  if (req.accepts(['json', 'html']) !== 'html') return sendAppError(res, error);
  const problem = problemOf(error);
  res
    .status(problem.status)
    .type('html')
    .send(page('Unsubscribe link not valid', `<p>${escapeHtml(problem.message)}</p>`));
};

/** What a link is about, for people: `assignments and mentions`. */
const labelOf = (kinds: readonly NotificationPreference[]): string =>
  escapeHtml(kinds.map((k) => PREFERENCE_LABEL[k]).join(' and '));

const confirmForm = (req: Request, kinds: readonly NotificationPreference[], enabled: boolean): string => {
  const what = labelOf(kinds);
  if (!enabled) return `<p>You already get no e-mails about ${what}.</p>`;
  // The form posts back to this same address (token included); RFC 8058's field makes it a one-click POST too.
  const action = escapeHtml(req.originalUrl);
  return [
    `<p>Stop e-mails about ${what}? You can turn them on again in your settings.</p>`,
    `<form method="post" action="${action}">`,
    '<input type="hidden" name="List-Unsubscribe" value="One-Click">',
    '<button type="submit">Unsubscribe</button></form>',
  ].join('');
};

/**
 * One-click unsubscribe from notification e-mails (RFC 8058), without signing in: the signed token in
 * the query names the person and the kind. GET only shows a page with a button (mail scanners open
 * links); POST turns that kind off. Mounted before the JSON body parser: mail clients post a form body.
 */
export const unsubscribeRouter = (application: Application): Router => {
  const router = Router();
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/', async (req, res) => {
    const token = tokenOf(req);
    if (token === null) return fail(req, res, missing);
    const target = await application.mail.previewUnsubscribe(token)();
    if (E.isLeft(target)) return fail(req, res, target.left);
    res.type('html').send(page('Unsubscribe', confirmForm(req, target.right.kinds, target.right.enabled)));
  });
  router.post('/', async (req, res) => {
    const token = tokenOf(req);
    if (token === null) return fail(req, res, missing);
    const done = await application.mail.unsubscribe(token)();
    if (E.isLeft(done)) return fail(req, res, done.left);
    const what = labelOf(done.right.kinds);
    if (req.accepts(['json', 'html']) !== 'html') return void res.json({ unsubscribed: done.right.kind });
    res.type('html').send(page('Unsubscribed', `<p>You will no longer get e-mails about ${what}.</p>`));
  });
  return router;
};
