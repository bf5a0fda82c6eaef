import { Router } from 'express';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Application } from '../../../application/api';
import { PasswordResetBody, PasswordResetConfirmBody } from '../codecs';
import { decodeTE } from '../decode';
import { noContent, route } from '../handle';

/**
 * Password reset by mailed link, for people who cannot sign in. Asking always answers 202 Accepted
 * (whether or not the address has an account); confirming answers 204 or a 400 naming what is wrong
 * with the link.
 */
export const passwordResetRouter = (application: Application): Router => {
  const router = Router();

  router.post(
    '/',
    route((req) =>
      pipe(
        decodeTE(PasswordResetBody, 'body', req.body ?? {}),
        TE.chain(({ email }) =>
          application.account.requestPasswordReset({ email, ...(req.ip !== undefined && { ip: req.ip }) }),
        ),
        TE.map(() => ({ status: 202 })),
      ),
    ),
  );

  router.post(
    '/confirm',
    route((req) =>
      pipe(
        decodeTE(PasswordResetConfirmBody, 'body', req.body ?? {}),
        TE.chain(application.account.confirmPasswordReset),
        TE.map(() => noContent),
      ),
    ),
  );

  return router;
};
