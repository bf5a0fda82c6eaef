import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { CommentBody, Description, DueDate, Email, Labels, Password, PersonName, Title, Uuid } from '../../domain';

/**
 * An object codec that refuses keys it does not name: a typo such as `titel` is an error, not a
 * silently ignored field. `optional` fields may be absent; present ones must decode.
 */
export const strict = <R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) => {
  const known = new Set([...Object.keys(required), ...Object.keys(optional)]);
  const req = t.type(required);
  const opt = t.partial(optional);
  type A = t.TypeOf<typeof req> & t.TypeOf<typeof opt>;
  return new t.Type<A, A, unknown>(
    name,
    (u): u is A => req.is(u) && opt.is(u) && Object.keys(u as object).every((k) => known.has(k)),
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'must be a JSON object');
      const unknownKeys = Object.keys(u).filter((k) => !known.has(k));
      if (unknownKeys.length > 0) return t.failure(u, c, `has unknown field "${unknownKeys[0]}"`);
      const r = req.validate(u, c);
      const o = opt.validate(u, c);
      const errors = [...(E.isLeft(r) ? r.left : []), ...(E.isLeft(o) ? o.left : [])];
      if (E.isLeft(r) || E.isLeft(o)) return t.failures(errors);
      return t.success({ ...r.right, ...o.right } as A);
    },
    t.identity,
  );
};

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
const NullableDueDate = t.union([DueDate, t.null], 'DueDateOrNull');

// Params: ids in paths; every id must be a canonical lowercase UUID.
export const TeamParams = t.type({ teamId: Uuid });
export const MemberParams = t.type({ teamId: Uuid, userId: Uuid });
export const BoardParams = t.type({ teamId: Uuid, boardId: Uuid });
export const ListParams = t.type({ teamId: Uuid, boardId: Uuid, listId: Uuid });
export const CardParams = t.type({ teamId: Uuid, boardId: Uuid, cardId: Uuid });

// Bodies.
export const SignUpBody = strict('SignUpBody', { email: Email, password: Password, name: PersonName }, {});
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
export const SettingsBody = strict(
  'SettingsBody',
  {},
  { emailOnMention: t.boolean, emailOnAssignment: t.boolean, dailyDigest: t.boolean },
);
export const CreateTeamBody = strict('CreateTeamBody', { name: Title }, {});
export const AddMemberBody = strict('AddMemberBody', { email: Email, role: RoleCodec }, {});
export const CreateBoardBody = strict('CreateBoardBody', { title: Title }, { id: Uuid });
export const UpdateBoardBody = strict('UpdateBoardBody', {}, { title: Title, archived: t.boolean });
export const CreateListBody = strict(
  'CreateListBody',
  { title: Title },
  { id: Uuid, afterListId: Uuid, beforeListId: Uuid },
);
export const UpdateListBody = strict('UpdateListBody', {}, { title: Title, archived: t.boolean });
export const MoveListBody = strict('MoveListBody', {}, { afterListId: Uuid, beforeListId: Uuid });
export const CreateCardBody = strict(
  'CreateCardBody',
  { listId: Uuid, title: Title },
  {
    description: Description,
    dueDate: NullableDueDate,
    labels: Labels,
    id: Uuid,
    afterCardId: Uuid,
    beforeCardId: Uuid,
  },
);
export const UpdateCardBody = strict(
  'UpdateCardBody',
  {},
  { title: Title, description: Description, dueDate: NullableDueDate, labels: Labels, archived: t.boolean },
);
export const MoveCardBody = strict('MoveCardBody', { toListId: Uuid }, { afterCardId: Uuid, beforeCardId: Uuid });
export const CreateCommentBody = strict('CreateCommentBody', { body: CommentBody }, { id: Uuid });

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

/** Placement from `after…Id` / `before…Id` body fields, leaving out the absent ones. */
export const position = <Id>(afterId: Id | undefined, beforeId: Id | undefined) => ({
  ...(afterId !== undefined && { afterId }),
  ...(beforeId !== undefined && { beforeId }),
});
