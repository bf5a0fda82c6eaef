import type { TeamId, UserId } from './ids';
import type { Role } from './roles';

export interface NotificationSettings {
  readonly emailOnMention: boolean;
  readonly emailOnAssignment: boolean;
  readonly dailyDigest: boolean;
}

export const DEFAULT_SETTINGS: NotificationSettings = {
  emailOnMention: true,
  emailOnAssignment: true,
  dailyDigest: false,
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
