import * as t from 'io-ts';
import { DigestModeCodec, Email, opBody, Password, PersonName, strict, TimeZoneCodec, Title, Uuid } from '../../domain';

/** Strict object codecs live in the domain, beside the board ops they spell. */
export { strict } from '../../domain';

/** A whole number in a query string, within bounds. */
export const IntFromString = (min: number, max: number) =>
  new t.Type<number, string, unknown>(
    `an integer from ${min} to ${max}`,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (u, c) => {
      if (typeof u !== 'string' || !/^\d{1,15}$/.test(u)) return t.failure(u, c);
      const n = Number(u);
      return n >= min && n <= max ? t.success(n) : t.failure(u, c);
    },
    String,
  );

export const RoleCodec = t.keyof({ owner: null, admin: null, member: null, viewer: null }, 'Role');

// Params: ids in paths; every id must be a canonical lowercase UUID.
export const TeamParams = t.type({ teamId: Uuid });
export const MemberParams = t.type({ teamId: Uuid, userId: Uuid });
export const BoardParams = t.type({ teamId: Uuid, boardId: Uuid });
export const ListParams = t.type({ teamId: Uuid, boardId: Uuid, listId: Uuid });
export const CardParams = t.type({ teamId: Uuid, boardId: Uuid, cardId: Uuid });

// Bodies.
export const SignUpBody = strict(
  'SignUpBody',
  { email: Email, password: Password, name: PersonName },
  { timeZone: TimeZoneCodec },
);
export const LogInBody = strict('LogInBody', { email: t.string, password: t.string }, {});
export const ChangePasswordBody = strict(
  'ChangePasswordBody',
  { currentPassword: t.string, newPassword: Password },
  {},
);
export const UpdateMeBody = strict('UpdateMeBody', {}, { name: PersonName, email: Email, currentPassword: t.string });
export const DeleteMeBody = strict('DeleteMeBody', { currentPassword: t.string }, {});
export const PasswordResetBody = strict('PasswordResetBody', { email: Email }, {});
export const PasswordResetConfirmBody = strict(
  'PasswordResetConfirmBody',
  { token: t.string, newPassword: Password },
  {},
);
export const EmailSettingsBody = strict(
  'EmailSettings',
  {},
  { assigned: t.boolean, mentioned: t.boolean, comment: t.boolean, due: t.boolean, invited: t.boolean },
);
// The first-version keys (emailOnMention, emailOnAssignment, dailyDigest) stay accepted for older clients.
export const SettingsBody = strict(
  'SettingsBody',
  {},
  {
    email: EmailSettingsBody,
    digest: DigestModeCodec,
    timeZone: TimeZoneCodec,
    emailOnMention: t.boolean,
    emailOnAssignment: t.boolean,
    dailyDigest: t.boolean,
  },
);
export const CreateTeamBody = strict('CreateTeamBody', { name: Title }, {});
export const AddMemberBody = strict('AddMemberBody', { email: Email, role: RoleCodec }, {});
export const CreateBoardBody = strict('CreateBoardBody', { title: Title }, { id: Uuid });
// Board mutation bodies: the BoardOp of the route's kind minus `kind` and the ids in the path.
export const UpdateBoardBody = opBody('board.update', [], 'UpdateBoardBody');
export const CreateListBody = opBody('list.create', [], 'CreateListBody');
export const UpdateListBody = opBody('list.update', ['listId'], 'UpdateListBody');
export const MoveListBody = opBody('list.move', ['listId'], 'MoveListBody');
export const CreateCardBody = opBody('card.create', [], 'CreateCardBody');
export const UpdateCardBody = opBody('card.update', ['cardId'], 'UpdateCardBody');
export const MoveCardBody = opBody('card.move', ['cardId'], 'MoveCardBody');
export const CreateCommentBody = opBody('comment.create', ['cardId'], 'CreateCommentBody');

// Queries: unknown keys are tolerated (cache busters, tracking parameters), known ones must decode.
export const ActivityQuery = t.partial({
  before: IntFromString(1, Number.MAX_SAFE_INTEGER),
  limit: IntFromString(1, 200),
});
export const EventsQuery = t.partial({
  after: IntFromString(0, Number.MAX_SAFE_INTEGER),
  limit: IntFromString(1, 1000),
});
export const ExportQuery = t.partial({ format: t.keyof({ json: null, csv: null }, 'ExportFormat') });

// Notifications (docs/notifications.md).
export const NotificationsQuery = t.partial({ cursor: t.string, limit: IntFromString(1, 100) });
/** At most this many ids marked read at once; "all" covers the rest. */
export const MAX_READ_IDS = 500;
const ReadIds = t.refinement(t.readonlyArray(Uuid), (ids) => ids.length <= MAX_READ_IDS, 'at most 500 ids');
export const ReadNotificationsBody = t.union(
  [strict('ReadIds', { ids: ReadIds }, {}), strict('ReadAll', { all: t.literal(true) }, {})],
  'ReadNotificationsBody',
);
