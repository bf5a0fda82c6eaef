import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { TeamId, UserId } from './ids';
import { NOTIFICATION_PREFERENCES, type DigestMode, type NotificationPreference } from './notification';
import type { Role } from './roles';
import { TimeZoneCodec } from './time-zone';

/** Whether the person wants e-mail for each kind of notification. */
export type EmailPreferences = Readonly<Record<NotificationPreference, boolean>>;

export interface NotificationSettings {
  readonly email: EmailPreferences;
  readonly digest: DigestMode;
  /** The person's IANA time zone: digests go out on its hours and midnights. */
  readonly timeZone: string;
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  email: { assigned: true, mentioned: true, comment: true, due: true, invited: true },
  digest: 'immediately',
  timeZone: 'UTC',
};

export const DigestModeCodec = t.keyof({ immediately: null, hourly: null, daily: null }, 'DigestMode');

/** A change of settings; the first-version keys are still understood (see `applySettingsPatch`). */
export interface SettingsPatch {
  readonly email?: Partial<EmailPreferences>;
  readonly digest?: DigestMode;
  readonly timeZone?: string;
  readonly emailOnMention?: boolean;
  readonly emailOnAssignment?: boolean;
  readonly dailyDigest?: boolean;
}

const Current = t.intersection([
  t.type({
    // A kind added later is missing from settings stored before it: it takes its default.
    email: t.partial(
      Object.fromEntries(NOTIFICATION_PREFERENCES.map((p) => [p, t.boolean])) as Record<
        NotificationPreference,
        t.BooleanC
      >,
    ),
    digest: DigestModeCodec,
  }),
  // Settings stored before time zones were kept are read as UTC, the boundaries digests used then.
  t.partial({ timeZone: TimeZoneCodec }),
]);

const Legacy = t.type({ emailOnMention: t.boolean, emailOnAssignment: t.boolean, dailyDigest: t.boolean });

/** The first stored shape, read as today's: mention → mentioned, assignment → assigned, daily digest → 'daily'. */
const upcastLegacy = (old: t.TypeOf<typeof Legacy>): NotificationSettings => applySettingsPatch(DEFAULT_SETTINGS, old);

/**
 * Settings as stored (a user row's JSON): today's shape, or the first one (`emailOnMention`,
 * `emailOnAssignment`, `dailyDigest`) upcast on read. Encodes to today's shape.
 */
export const NotificationSettingsCodec = new t.Type<NotificationSettings, NotificationSettings, unknown>(
  'NotificationSettings',
  (u): u is NotificationSettings =>
    Current.is(u) && u.timeZone !== undefined && NOTIFICATION_PREFERENCES.every((p) => p in u.email),
  (u, c) =>
    Current.is(u)
      ? t.success({
          email: { ...DEFAULT_SETTINGS.email, ...pickPreferences(u.email) },
          digest: u.digest,
          timeZone: u.timeZone ?? DEFAULT_SETTINGS.timeZone,
        })
      : pipe(Legacy.validate(u, c), E.map(upcastLegacy)),
  (s) => ({ email: { ...s.email }, digest: s.digest, timeZone: s.timeZone }),
);

const pickPreferences = (email: Partial<EmailPreferences>): Partial<EmailPreferences> =>
  Object.fromEntries(NOTIFICATION_PREFERENCES.flatMap((p) => (email[p] === undefined ? [] : [[p, email[p]]])));

/** The old keys' meaning in today's terms; `dailyDigest: false` only leaves 'daily' (to 'immediately'). */
const legacyPatch = (current: NotificationSettings, patch: SettingsPatch): NotificationSettings => ({
  ...current,
  email: {
    ...current.email,
    ...(patch.emailOnMention !== undefined && { mentioned: patch.emailOnMention }),
    ...(patch.emailOnAssignment !== undefined && { assigned: patch.emailOnAssignment }),
  },
  digest:
    patch.dailyDigest === undefined
      ? current.digest
      : patch.dailyDigest
        ? 'daily'
        : current.digest === 'daily'
          ? 'immediately'
          : current.digest,
});

/** The settings after a change: the keys given replace, the rest stay; today's keys win over the old ones. */
export const applySettingsPatch = (current: NotificationSettings, patch: SettingsPatch): NotificationSettings => {
  const mapped = legacyPatch(current, patch);
  return {
    email: { ...mapped.email, ...pickPreferences(patch.email ?? {}) },
    digest: patch.digest ?? mapped.digest,
    timeZone: patch.timeZone ?? mapped.timeZone,
  };
};

export interface User {
  readonly id: UserId;
  readonly email: string;
  readonly name: string;
  readonly settings: NotificationSettings;
  readonly createdAt: string;
}

export interface Team {
  readonly id: TeamId;
  readonly name: string;
  readonly createdAt: string;
  readonly createdBy: UserId;
}

export interface Member {
  readonly teamId: TeamId;
  readonly userId: UserId;
  readonly role: Role;
  readonly addedAt: string;
}

/** Emails are compared case-insensitively; they are stored trimmed and lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
