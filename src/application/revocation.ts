import type { Task } from 'fp-ts/Task';
import type { AppDeps } from './deps';
import type { AuthorizationCache, ControlMessage } from './ports';

/**
 * What a control message makes an instance's authorization cache forget. Every instance runs this for
 * every message it hears; the instance that made the change also runs it before answering (`announce`).
 */
export const forgetOnControl =
  (cache: AuthorizationCache) =>
  (message: ControlMessage): void => {
    switch (message.type) {
      case 'user.signed_out':
        return cache.forgetUser(message.userId);
      case 'session.revoked':
        return cache.forgetSession(message.familyId);
      case 'member.removed':
      case 'member.role_changed':
        return cache.forgetMembership(message.teamId, message.userId);
      case 'tenant.moved':
      case 'board.deleted':
      case 'user.notified':
      case 'notifications.read':
        return;
    }
  };

/**
 * Tells every instance about a change that ends or narrows someone's access. This instance forgets
 * first and synchronously: the bus may deliver our own message back later (Redis), and the change must
 * already hold for the caller's very next request here.
 */
export const announce =
  (deps: Pick<AppDeps, 'authCache' | 'control'>) =>
  (message: ControlMessage): Task<void> =>
  () => {
    forgetOnControl(deps.authCache)(message);
    return deps.control.publish(message)();
  };
