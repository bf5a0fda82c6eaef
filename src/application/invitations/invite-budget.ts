import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain';
import type { Actor } from '../api';
import type { AppDeps } from '../deps';
import { perWindow } from '../ports';
import { refusal } from '../rate-limits';

/**
 * Every invitation sends an e-mail to an address of the inviter's choosing, so invitations are budgeted
 * per inviter: 100 an hour, more than a person onboarding a team sends, too few to spam with.
 */
export const INVITATIONS_PER_USER = perWindow(100, 3600);

/** Spends one of the inviter's invitations; an unreachable limiter lets it through, as for mutations. */
export const spendInvitation =
  (deps: Pick<AppDeps, 'rateLimiter'>) =>
  (actor: Actor): TE.TaskEither<AppError, void> =>
    pipe(
      deps.rateLimiter.take(`invite:${actor.userId}`, 1, INVITATIONS_PER_USER),
      TE.orElse((error) => (error.kind === 'unavailable' ? TE.right({ allowed: true, remaining: 0 }) : TE.left(error))),
      TE.chain((decision) => refusal(decision, 'Too many invitations; try again later')),
    );
