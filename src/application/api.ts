import type { TaskEither } from 'fp-ts/TaskEither';
import type { SharedSnapshot } from './engine/shared-snapshot';
import type { UnsubscribeTarget } from './ports/unsubscribe';
import type {
  ActivityEntry,
  AppError,
  Attachment,
  Board,
  BoardEventRecord,
  BoardLabel,
  BoardId,
  BoardOpKind,
  BoardOpOf,
  BoardSnapshot,
  Card,
  CardId,
  Comment,
  CommentBody,
  Description,
  DueDate,
  Email,
  InvitationId,
  List,
  ListId,
  Member,
  SettingsPatch,
  Origin,
  Password,
  Placement,
  PersonName,
  Role,
  Team,
  TeamId,
  Title,
  User,
  UserId,
  Uuid,
} from '../domain';
import type { ImportBoard } from './imports/import-types';
import type {
  BlobRead,
  BoardWatches,
  NotificationPage,
  ReadSelection,
  SearchCursor,
  SearchResults,
  TeamCursor,
  TeamMembership,
  TeamPage,
  WatchTarget,
} from './ports';

/** A file as the edge hands it over: the name the client gave and the bytes as they arrive. */
export interface UploadedFile {
  readonly name: string;
  readonly data: AsyncIterable<Uint8Array>;
}

/** A file to send back: what the card says of it and its bytes, read as they are sent. */
export interface AttachmentDownload {
  readonly attachment: Attachment;
  readonly blob: BlobRead;
}

/** The authenticated caller of a use case. */
export interface Actor {
  readonly userId: UserId;
}

/** What signing up, logging in or refreshing hands back. The HTTP adapter puts the refresh token in a cookie. */
export interface Session {
  readonly user: User;
  readonly accessToken: string;
  readonly accessTokenExpiresAt: string;
  readonly refreshToken: string;
  readonly refreshTokenExpiresAt: string;
  /** After a log-in or sign-up: the device cookie that lets this browser past the account's login budget later. */
  readonly deviceCookie?: string;
}

/** A board mutation's result: the entity as it is now and the seq of the event that changed it. */
export interface Mutation<T> {
  readonly value: T;
  readonly seq: number;
  readonly event: BoardEventRecord;
}

/** A board with its lists and cards in display order: the domain's, as the `snapshot` frame carries it too. */
export type { BoardSnapshot };
export type { SharedSnapshot } from './engine/shared-snapshot';

export interface MemberView extends Member {
  readonly user: { readonly id: UserId; readonly email: string; readonly name: string };
}

/** A pending invitation as the team's owners and admins see it; the token never leaves the server. */
export interface InvitationView {
  readonly id: InvitationId;
  readonly teamId: TeamId;
  readonly email: string;
  readonly role: Role;
  readonly invitedBy: { readonly id: UserId; readonly name: string };
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** An invitation as its invitee sees it. */
export interface MyInvitationView {
  readonly id: InvitationId;
  readonly team: { readonly id: TeamId; readonly name: string };
  readonly role: Role;
  readonly invitedBy: { readonly id: UserId; readonly name: string };
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface CommentView extends Comment {
  readonly authorName: string;
}

export interface ActivityPage {
  readonly entries: readonly ActivityEntry[];
  /** Pass as `before` to get the next (older) page; null when this page reaches the start. */
  readonly nextBefore: number | null;
}

export interface EventsPage {
  readonly events: readonly BoardEventRecord[];
  /** True when more events follow the last one returned. */
  readonly hasMore: boolean;
}

/** A board's archived lists and cards (`GET …/boards/:boardId/archive`), as of `seq`. */
export interface BoardArchive {
  readonly lists: readonly List[];
  readonly cards: readonly Card[];
  readonly seq: number;
}

export type ExportFormat = 'json' | 'csv';

export interface ExportFile {
  readonly contentType: string;
  readonly filename: string;
  /** The file in pieces, produced as they are read, so a big board is never one string in memory. */
  readonly chunks: Iterable<string>;
}

/** Where a card or list goes among its new neighbours; neither means the end (the domain's `Placement`). */
export type Position<Id extends string> = Placement<Id>;

type Result<T> = TaskEither<AppError, T>;

/** The board an op changes. */
export interface BoardTarget {
  readonly teamId: TeamId;
  readonly boardId: BoardId;
}

/** The entity each op kind answers with, as the REST routes return it. */
export interface OpResults {
  readonly 'board.update': Board;
  readonly 'list.create': List;
  readonly 'list.update': List;
  readonly 'list.move': List;
  readonly 'list.delete': { readonly id: ListId };
  readonly 'card.create': Card;
  readonly 'card.update': Card;
  readonly 'card.move': Card;
  readonly 'card.delete': { readonly id: CardId };
  readonly 'comment.create': CommentView;
  readonly 'comment.update': CommentView;
  readonly 'comment.delete': { readonly id: Uuid };
  readonly 'label.create': BoardLabel;
  readonly 'label.update': BoardLabel;
  readonly 'label.delete': { readonly id: Uuid };
  readonly 'card.label.add': Card;
  readonly 'card.label.remove': Card;
  readonly 'card.member.add': Card;
  readonly 'card.member.remove': Card;
  readonly 'checklist.create': Card;
  readonly 'checklist.update': Card;
  readonly 'checklist.delete': Card;
  readonly 'checklist.item.create': Card;
  readonly 'checklist.item.update': Card;
  readonly 'checklist.item.move': Card;
  readonly 'checklist.item.delete': Card;
}

/** Applies one board op; answers the committed event, its seq and the entity as it is now. */
export type ApplyBoardOp = <K extends BoardOpKind>(
  actor: Actor,
  target: BoardTarget,
  op: BoardOpOf<K>,
  origin: Origin | null,
) => Result<Mutation<OpResults[K]>>;

/**
 * Every use case of Boardroom. Inputs are already decoded (branded value objects); every use case
 * that touches team data decides authorization itself (role × action), answering `not_found` to
 * anyone who is not a member of the team.
 */
export interface Application {
  readonly auth: {
    /** Registers and starts a session; sign-ups are budgeted per `ip` when the edge knows it (`rate_limited`). */
    readonly signUp: (input: {
      email: Email;
      password: Password;
      name: PersonName;
      /** The person's IANA time zone (already checked), for digests. */
      timeZone?: string;
      ip?: string;
    }) => Result<Session>;
    /**
     * Checks credentials. Failures are budgeted per IP, per account and IP, and per account; a valid
     * `deviceCookie` for the account (this browser signed in before) is budgeted per device instead.
     * Past a budget the answer is `rate_limited` whatever the password.
     */
    readonly logIn: (input: { email: string; password: string; ip?: string; deviceCookie?: string }) => Result<Session>;
    /** Rotates a refresh token; a replayed one revokes its whole family (`unauthenticated/refresh_reused`). */
    readonly refresh: (refreshToken: string) => Result<Session>;
    /**
     * Ends the session of the refresh token and of the access token (either may be absent): family revoked,
     * its access tokens refused, its sockets closed (`session.revoked`); succeeds for unknown or invalid tokens.
     */
    readonly logOut: (refreshToken: string | null, accessToken?: string) => Result<void>;
    /**
     * Replaces the password (`validation/wrong_password` when `currentPassword` is wrong), then ends
     * every session of the user: refresh tokens revoked, access tokens issued so far refused, sockets
     * closed. Answers a new session for the caller, so the tab that changed it stays signed in.
     */
    readonly changePassword: (
      actor: Actor,
      input: { currentPassword: string; newPassword: Password },
    ) => Result<Session>;
    /** Ends every session of the caller, this one included, and closes their sockets everywhere. */
    readonly signOutEverywhere: (actor: Actor) => Result<void>;
    /** Checks an access token and names its user. */
    readonly authenticate: (accessToken: string) => Result<Actor>;
    readonly me: (actor: Actor) => Result<{ user: User; teams: readonly TeamMembership[] }>;
    readonly updateSettings: (actor: Actor, patch: SettingsPatch) => Result<User>;
  };
  /** The caller's own account, and getting back into it. */
  readonly account: {
    /**
     * Changes name and/or e-mail; a different e-mail needs `currentPassword` (`password_required`,
     * `wrong_password`) and must be free (`conflict/email_taken`).
     */
    readonly updateProfile: (
      actor: Actor,
      input: { name?: PersonName; email?: Email; currentPassword?: string },
    ) => Result<User>;
    /** Deletes the account after re-confirming the password; `conflict/sole_owner` while it holds up a team. */
    readonly delete: (actor: Actor, input: { currentPassword: string }) => Result<void>;
    /** Mails a reset link if the address has an account; succeeds alike either way. Budgeted per address and `ip`. */
    readonly requestPasswordReset: (input: { email: Email; ip?: string }) => Result<void>;
    /**
     * Sets a new password with a mailed token and ends every session of the user. `reset_token_malformed`,
     * `reset_token_invalid`, `reset_token_used` and `reset_token_expired` change nothing.
     */
    readonly confirmPasswordReset: (input: { token: string; newPassword: Password }) => Result<void>;
  };
  readonly teams: {
    readonly create: (actor: Actor, input: { name: Title }) => Result<Team>;
    /** A page of the caller's teams, oldest first (`limit` at most `MAX_TEAMS_PAGE`). */
    readonly list: (actor: Actor, page: { limit: number; after?: TeamCursor }) => Result<TeamPage>;
    readonly listMembers: (actor: Actor, teamId: TeamId) => Result<readonly MemberView[]>;
    /** Gives a member another role; the last owner cannot be demoted. */
    readonly changeRole: (actor: Actor, teamId: TeamId, userId: UserId, role: Role) => Result<MemberView>;
    /** Removes a member (or the caller themself); the last owner cannot be removed. */
    readonly removeMember: (actor: Actor, teamId: TeamId, userId: UserId) => Result<void>;
    /** The caller leaves the team; the last owner cannot. */
    readonly leave: (actor: Actor, teamId: TeamId) => Result<void>;
  };
  /** Notification e-mail: the one-click unsubscribe links they carry (no sign-in; the signed token is the proof). */
  readonly mail: {
    /** The kind a link would turn off and whether it is on; changes nothing. */
    readonly previewUnsubscribe: (token: string) => Result<UnsubscribeTarget>;
    /** Turns e-mail of the link's kind off for its person; `validation/invalid_unsubscribe_token` if forged. */
    readonly unsubscribe: (token: string) => Result<UnsubscribeTarget>;
  };
  /** Membership needs consent: owners and admins invite by e-mail, the invitee accepts or declines. */
  readonly invitations: {
    /**
     * Invites an address (a pending invitation, mailed with a single-use link); inviting it again
     * refreshes the pending one. `conflict/already_member` when the address belongs to a member.
     */
    readonly invite: (actor: Actor, teamId: TeamId, input: { email: Email; role: Role }) => Result<InvitationView>;
    /** The team's pending invitations, for those who may invite. */
    readonly listForTeam: (actor: Actor, teamId: TeamId) => Result<readonly InvitationView[]>;
    /** Withdraws a pending invitation; its link stops working. */
    readonly revoke: (actor: Actor, teamId: TeamId, invitationId: InvitationId) => Result<void>;
    /** Pending invitations to the caller's e-mail address. */
    readonly listMine: (actor: Actor) => Result<readonly MyInvitationView[]>;
    /** Accepts one of the caller's invitations: the caller joins the team with the invited role. */
    readonly accept: (actor: Actor, invitationId: InvitationId) => Result<Team>;
    /** Declines one of the caller's invitations. */
    readonly decline: (actor: Actor, invitationId: InvitationId) => Result<void>;
    /** Accepts the invitation an e-mailed link carries; it must be addressed to the caller's e-mail. */
    readonly acceptByToken: (actor: Actor, token: string) => Result<Team>;
  };
  readonly boards: {
    readonly create: (
      actor: Actor,
      teamId: TeamId,
      input: { title: Title; id?: BoardId },
      origin: Origin | null,
    ) => Result<Mutation<Board>>;
    /**
     * The one entry for every change of a board (REST routes and WebSocket `mutate` frames alike):
     * authorizes by the op's kind, dedupes by `origin`, commits one event and publishes it.
     */
    readonly apply: ApplyBoardOp;
    readonly list: (actor: Actor, teamId: TeamId) => Result<readonly Board[]>;
    readonly get: (actor: Actor, teamId: TeamId, boardId: BoardId) => Result<BoardSnapshot>;
    /** The same snapshot with its JSON text, serialised once per seq and shared by every reader of it. */
    readonly getShared: (actor: Actor, teamId: TeamId, boardId: BoardId) => Result<SharedSnapshot>;
    /** The board's archived lists and cards, for the archive view (restore or delete for good). */
    readonly archive: (actor: Actor, teamId: TeamId, boardId: BoardId) => Result<BoardArchive>;
    readonly update: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      input: { title?: Title; archived?: boolean },
      origin: Origin | null,
    ) => Result<Mutation<Board>>;
    readonly activity: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      page: { before?: number; limit: number },
    ) => Result<ActivityPage>;
    readonly events: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      page: { after: number; limit: number },
    ) => Result<EventsPage>;
    readonly export: (actor: Actor, teamId: TeamId, boardId: BoardId, format: ExportFormat) => Result<ExportFile>;
    /** Deletes a board for good with its lists, cards, comments, files and log (owners and admins). */
    readonly delete: (actor: Actor, teamId: TeamId, boardId: BoardId) => Result<void>;
  };
  readonly lists: {
    readonly create: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      input: { title: Title; id?: ListId; position?: Position<ListId> },
      origin: Origin | null,
    ) => Result<Mutation<List>>;
    readonly update: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      listId: ListId,
      input: { title?: Title; archived?: boolean },
      origin: Origin | null,
    ) => Result<Mutation<List>>;
    readonly move: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      listId: ListId,
      position: Position<ListId>,
      origin: Origin | null,
    ) => Result<Mutation<List>>;
    readonly delete: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      listId: ListId,
      origin: Origin | null,
    ) => Result<Mutation<{ id: ListId }>>;
  };
  readonly cards: {
    readonly create: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      input: {
        listId: ListId;
        title: Title;
        description?: Description;
        dueDate?: DueDate | null;
        labels?: readonly string[];
        id?: CardId;
        position?: Position<CardId>;
      },
      origin: Origin | null,
    ) => Result<Mutation<Card>>;
    readonly update: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      cardId: CardId,
      input: {
        title?: Title;
        description?: Description;
        dueDate?: DueDate | null;
        labels?: readonly string[];
        archived?: boolean;
      },
      origin: Origin | null,
    ) => Result<Mutation<Card>>;
    readonly move: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      cardId: CardId,
      input: { toListId: ListId; position?: Position<CardId> },
      origin: Origin | null,
    ) => Result<Mutation<Card>>;
    readonly delete: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      cardId: CardId,
      origin: Origin | null,
    ) => Result<Mutation<{ id: CardId }>>;
  };
  readonly comments: {
    readonly create: (
      actor: Actor,
      teamId: TeamId,
      boardId: BoardId,
      cardId: CardId,
      input: { body: CommentBody; id?: string },
      origin: Origin | null,
    ) => Result<Mutation<CommentView>>;
    readonly list: (actor: Actor, teamId: TeamId, boardId: BoardId, cardId: CardId) => Result<readonly CommentView[]>;
  };
  /** Boards made from an export file (Trello's JSON, or our own JSON export). */
  readonly imports: {
    /** Maps the export, then previews it (`preview`) or writes it as one new board through board ops. */
    readonly run: ImportBoard;
  };
  /** Team-wide search over boards, cards and comments. */
  readonly search: {
    /**
     * A page of hits, best first; `empty_query` / `query_too_long` for a query with nothing to find or
     * too much; `limit` is clamped to 1..MAX_SEARCH_LIMIT (default 20).
     */
    readonly team: (
      actor: Actor,
      teamId: TeamId,
      input: { q: string; limit?: number; after?: SearchCursor },
    ) => Result<SearchResults>;
  };
  /** Files on cards: stored on the team's shard, described on the card by board events. */
  readonly attachments: {
    /**
     * Stores a file and puts it on the card (`attachment.added`). `too_large/file_too_large` past 25 MB,
     * `too_large/quota_exceeded` past the team's quota, `validation/empty_file`; refused uploads store nothing.
     * `file` starts reading the upload: it is called only once the caller may write to that card.
     */
    readonly upload: (
      actor: Actor,
      target: BoardTarget,
      cardId: CardId,
      file: () => Result<UploadedFile>,
      origin: Origin | null,
    ) => Result<Mutation<Attachment>>;
    /** A file of a card, for any member of the team. */
    readonly download: (actor: Actor, target: BoardTarget, cardId: CardId, id: Uuid) => Result<AttachmentDownload>;
    /** The small preview of an image attachment; `not_found` for files without one. */
    readonly thumbnail: (actor: Actor, target: BoardTarget, cardId: CardId, id: Uuid) => Result<AttachmentDownload>;
    /** Takes a file off its card (`attachment.removed`) and deletes its bytes. */
    readonly remove: (
      actor: Actor,
      target: BoardTarget,
      cardId: CardId,
      id: Uuid,
      origin: Origin | null,
    ) => Result<Mutation<{ id: Uuid }>>;
  };
  readonly notifications: {
    /** A page of the caller's inbox, newest first (`limit` 1..100, default 30), with the unread count. */
    readonly list: (actor: Actor, page: { limit?: number; cursor?: string }) => Result<NotificationPage>;
    /** Marks the caller's chosen (or all) notifications read; answers the unread count after. */
    readonly markRead: (actor: Actor, which: ReadSelection) => Result<number>;
  };
  readonly watches: {
    /** Starts watching a board (`cardId` null) or one of its cards; any member may, viewers included. */
    readonly watch: (actor: Actor, target: WatchTarget) => Result<void>;
    /** Stops watching a board or card; not watching is fine. */
    readonly unwatch: (actor: Actor, target: WatchTarget) => Result<void>;
    /** The caller's watches on one board. */
    readonly mine: (actor: Actor, teamId: TeamId, boardId: BoardId) => Result<BoardWatches>;
  };
}
