import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { TeamCursor } from '../../application/ports';
import { Uuid } from '../../domain';
import { IntFromString, RoleCodec, strict } from './codecs';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CursorTuple = t.tuple([t.string, Uuid]);

/** Encodes where a page of teams ended as an opaque URL-safe string. */
export const encodeTeamCursor = (cursor: TeamCursor): string =>
  Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');

/** The opaque `cursor` of `GET /api/teams`, decoded back into where the previous page ended. */
export const TeamCursorCodec = new t.Type<TeamCursor, string, unknown>(
  'TeamCursor',
  (u): u is TeamCursor => typeof u === 'object' && u !== null && 'createdAt' in u && 'id' in u,
  (u, c) => {
    const invalid = t.failure<TeamCursor>(u, c, 'must be a nextCursor from an earlier page');
    if (typeof u !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(u)) return invalid;
    try {
      const decoded = CursorTuple.decode(JSON.parse(Buffer.from(u, 'base64url').toString('utf8')));
      if (E.isLeft(decoded) || !ISO_INSTANT.test(decoded.right[0])) return invalid;
      return t.success({ createdAt: decoded.right[0], id: decoded.right[1] });
    } catch {
      return invalid;
    }
  },
  encodeTeamCursor,
);

/** The token of an e-mailed invitation link (URL-safe base64 of 256 random bits). */
export const InvitationToken = new t.Type<string, string, unknown>(
  'InvitationToken',
  (u): u is string => typeof u === 'string',
  (u, c) =>
    typeof u === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(u)
      ? t.success(u)
      : t.failure(u, c, 'must be the token from the invitation link'),
  t.identity,
);

export const NoParams = t.type({});
export const TeamsQuery = t.partial({ limit: IntFromString(1, 100), cursor: TeamCursorCodec });
export const InvitationParams = t.type({ teamId: Uuid, invitationId: Uuid });
export const MyInvitationParams = t.type({ invitationId: Uuid });
export const ChangeRoleBody = strict('ChangeRoleBody', { role: RoleCodec }, {});
export const AcceptInvitationBody = strict('AcceptInvitationBody', { token: InvitationToken }, {});
