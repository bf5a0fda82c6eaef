import * as E from 'fp-ts/Either';
import {
  extractMentions,
  preferenceOf,
  type AppError,
  type Notification,
  type NotificationPreference,
  type User,
} from '../../../domain';
import type {
  ClaimedMailBatch,
  Clock,
  IdGenerator,
  Mailer,
  MailQueue,
  UnsubscribeTokens,
  UserRepository,
} from '../../ports';
import { composeNotificationMail, kindsOf } from './compose';

export interface MailSenderDeps {
  readonly queue: MailQueue;
  readonly users: UserRepository;
  readonly mailer: Mailer;
  readonly tokens: UnsubscribeTokens;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Where people open the app (PUBLIC_URL), no trailing slash. */
  readonly publicUrl: string;
  /** Batches claimed per round. */
  readonly batchLimit: number;
  /** How long a claimed batch is this sender's before another may take it (a sender that died). */
  readonly leaseMs: number;
  /** How long a batch the mail server refused waits before it is tried again. */
  readonly retryMs: number;
  /** How long sent items are kept (they make hearing a notification again mail nothing); default 30 days. */
  readonly keepSentMs?: number;
}

export const KEEP_SENT_MS = 30 * 24 * 3_600_000;
/** How often a sender prunes sent items: seldom, it is housekeeping. */
export const PRUNE_EVERY_MS = 3_600_000;

/** What one round did: messages sent, batches dropped (nothing left to say), batches put back for later. */
export interface SendRound {
  readonly sent: number;
  readonly dropped: number;
  readonly retried: number;
}

const orThrow = async <A>(te: () => Promise<E.Either<AppError, A>>): Promise<A> => {
  const result = await te();
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

/** The signed unsubscribe URL of some kinds of the person. */
const unsubscribeUrl = async (deps: MailSenderDeps, user: User, kinds: readonly NotificationPreference[]) => {
  const token = await orThrow(deps.tokens.sign({ userId: user.id, kinds }));
  return `${deps.publicUrl}/api/unsubscribe?token=${encodeURIComponent(token)}`;
};

/** The signed unsubscribe URL of each kind in the message (the links in its body). */
const unsubscribeUrls = async (
  deps: MailSenderDeps,
  user: User,
  kinds: readonly NotificationPreference[],
): Promise<ReadonlyMap<NotificationPreference, string>> => {
  const out = new Map<NotificationPreference, string>();
  for (const kind of kinds) out.set(kind, await unsubscribeUrl(deps, user, [kind]));
  return out;
};

/** The current names of everyone the excerpts mention. */
const mentionedNames = async (deps: MailSenderDeps, items: readonly Notification[]) => {
  const ids = items.flatMap((n) => (n.excerpt === null ? [] : extractMentions(n.excerpt)));
  const users = ids.length === 0 ? [] : await orThrow(deps.users.findMany(ids));
  return new Map(users.map((u) => [u.id, u.name]));
};

/** Sends one claimed batch if its person still wants any of it; answers what became of it. */
const sendBatch = async (deps: MailSenderDeps, batch: ClaimedMailBatch): Promise<keyof SendRound> => {
  const found = await orThrow(deps.users.findById(batch.userId));
  const user = found._tag === 'Some' ? found.value : null;
  // Settings are read again at sending: a kind turned off after it was queued is not mailed.
  const wanted = user ? batch.items.filter((n) => user.settings.email[preferenceOf(n.kind)]) : [];
  if (!user || wanted.length === 0) {
    await orThrow(deps.queue.complete(batch, deps.clock.now()));
    return 'dropped';
  }
  const kinds = kindsOf(wanted);
  const urls = await unsubscribeUrls(deps, user, kinds);
  // The header's one click stops every kind this message carries (RFC 8058 allows one URL there).
  const allUrl = kinds.length === 1 ? (urls.get(kinds[0]!) ?? '') : await unsubscribeUrl(deps, user, kinds);
  const names = await mentionedNames(deps, wanted);
  const mail = composeNotificationMail(wanted, {
    to: user.email,
    publicUrl: deps.publicUrl,
    digest: batch.batchKey.startsWith('digest:') ? user.settings.digest : 'immediately',
    nameOf: (id) => names.get(id),
    unsubscribeUrl: (kind) => urls.get(kind) ?? `${deps.publicUrl}/settings`,
    unsubscribeAllUrl: allUrl,
  });
  const sent = await deps.mailer.send(mail)();
  if (E.isLeft(sent)) {
    await orThrow(deps.queue.release(batch, new Date(deps.clock.now().getTime() + deps.retryMs)));
    return 'retried';
  }
  await orThrow(deps.queue.complete(batch, deps.clock.now()));
  return 'sent';
};

/**
 * One round of the sender: claims the batches due now (no other sender holds them) and sends each as
 * one message; about once an hour it also forgets items sent more than `keepSentMs` ago. A failure to reach the mail server puts the batch back for `retryMs`; a sender that dies
 * mid-round leaves its batches to be claimed again once their lease ends.
 */
export const sendDueMail = (deps: MailSenderDeps) => {
  let prunedAt = -Infinity;
  return async (): Promise<SendRound> => {
    const round = await sendRound(deps);
    const now = deps.clock.now().getTime();
    if (now - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = now;
      await orThrow(deps.queue.pruneSent(new Date(now - (deps.keepSentMs ?? KEEP_SENT_MS))));
    }
    return round;
  };
};

const sendRound = async (deps: MailSenderDeps): Promise<SendRound> => {
  const batches = await orThrow(deps.queue.claimDue(deps.clock.now(), deps.batchLimit, deps.leaseMs, deps.ids.next()));
  const round = { sent: 0, dropped: 0, retried: 0 };
  for (const batch of batches) round[await sendBatch(deps, batch)] += 1;
  return round;
};
