import { confirmPasswordReset } from './account/confirm-password-reset.use-case';
import { deleteAccount } from './account/delete-account.use-case';
import { requestPasswordReset } from './account/request-password-reset.use-case';
import { updateProfile } from './account/update-profile.use-case';
import type { Application } from './api';
import { authenticate } from './auth/authenticate.use-case';
import { changePassword } from './auth/change-password.use-case';
import { logIn } from './auth/log-in.use-case';
import { logOut } from './auth/log-out.use-case';
import { me } from './auth/me.use-case';
import { refresh } from './auth/refresh.use-case';
import { signOutEverywhere } from './auth/sign-out-everywhere.use-case';
import { signUp } from './auth/sign-up.use-case';
import { updateSettings } from './auth/update-settings.use-case';
import {
  attachmentThumbnail,
  downloadAttachment,
  removeAttachment,
  uploadAttachment,
} from './attachments/attachments.use-case';
import { applyBoardOp } from './boards/apply.use-case';
import { boardActivity } from './boards/board-activity.use-case';
import { boardArchive } from './boards/board-archive.use-case';
import { boardEvents } from './boards/board-events.use-case';
import { createBoard } from './boards/create-board.use-case';
import { deleteBoard } from './boards/delete-board.use-case';
import { exportBoard } from './boards/export-board.use-case';
import { getBoard, getSharedBoard } from './boards/get-board.use-case';
import { listBoards } from './boards/list-boards.use-case';
import { updateBoard } from './boards/update-board.use-case';
import { createCard } from './cards/create-card.use-case';
import { deleteCard } from './cards/delete-card.use-case';
import { moveCard } from './cards/move-card.use-case';
import { updateCard } from './cards/update-card.use-case';
import { createComment } from './comments/create-comment.use-case';
import { listComments } from './comments/list-comments.use-case';
import type { AppDeps } from './deps';
import { createList } from './lists/create-list.use-case';
import { deleteList } from './lists/delete-list.use-case';
import { moveList } from './lists/move-list.use-case';
import { updateList } from './lists/update-list.use-case';
import { importBoard } from './imports/import-board.use-case';
import { withMutationLimits } from './rate-limits';
import { searchTeam } from './search/search-team.use-case';
import { createTeam } from './teams/create-team.use-case';
import { listMembers } from './teams/list-members.use-case';
import { listTeams } from './teams/list-teams.use-case';
import { leaveTeam, removeMember } from './teams/remove-member.use-case';
import { changeRole } from './teams/change-role.use-case';
import { invite } from './invitations/invite.use-case';
import { listNotifications, markNotificationsRead } from './notifications/inbox.use-case';
import { myWatches, unwatch, watch } from './notifications/watch.use-case';
import { previewUnsubscribe, unsubscribe } from './notifications/mail/unsubscribe.use-case';
import { listTeamInvitations, revokeInvitation } from './invitations/team-invitations.use-case';
import {
  acceptInvitation,
  acceptInvitationByToken,
  declineInvitation,
  listMyInvitations,
} from './invitations/my-invitations.use-case';

/** Every use case, bound to one set of ports, with board mutations behind the per-user rate limit. */
export const makeApplication = (deps: AppDeps): Application => withMutationLimits(deps, unlimited(deps));

const unlimited = (deps: AppDeps): Application => ({
  auth: {
    signUp: signUp(deps),
    logIn: logIn(deps),
    refresh: refresh(deps),
    logOut: logOut(deps),
    changePassword: changePassword(deps),
    signOutEverywhere: signOutEverywhere(deps),
    authenticate: authenticate(deps),
    me: me(deps),
    updateSettings: updateSettings(deps),
  },
  account: {
    updateProfile: updateProfile(deps),
    delete: deleteAccount(deps),
    requestPasswordReset: requestPasswordReset(deps),
    confirmPasswordReset: confirmPasswordReset(deps),
  },
  teams: {
    create: createTeam(deps),
    list: listTeams(deps),
    listMembers: listMembers(deps),
    changeRole: changeRole(deps),
    removeMember: removeMember(deps),
    leave: leaveTeam(deps),
  },
  mail: { previewUnsubscribe: previewUnsubscribe(deps), unsubscribe: unsubscribe(deps) },
  invitations: {
    invite: invite(deps),
    listForTeam: listTeamInvitations(deps),
    revoke: revokeInvitation(deps),
    listMine: listMyInvitations(deps),
    accept: acceptInvitation(deps),
    decline: declineInvitation(deps),
    acceptByToken: acceptInvitationByToken(deps),
  },
  boards: {
    create: createBoard(deps),
    apply: applyBoardOp(deps),
    list: listBoards(deps),
    get: getBoard(deps),
    getShared: getSharedBoard(deps),
    archive: boardArchive(deps),
    update: updateBoard(deps),
    activity: boardActivity(deps),
    events: boardEvents(deps),
    export: exportBoard(deps),
    delete: deleteBoard(deps),
  },
  lists: {
    create: createList(deps),
    update: updateList(deps),
    move: moveList(deps),
    delete: deleteList(deps),
  },
  cards: {
    create: createCard(deps),
    update: updateCard(deps),
    move: moveCard(deps),
    delete: deleteCard(deps),
  },
  comments: {
    create: createComment(deps),
    list: listComments(deps),
  },
  imports: { run: importBoard(deps) },
  search: { team: searchTeam(deps) },
  attachments: {
    upload: uploadAttachment(deps),
    download: downloadAttachment(deps),
    thumbnail: attachmentThumbnail(deps),
    remove: removeAttachment(deps),
  },
  notifications: { list: listNotifications(deps), markRead: markNotificationsRead(deps) },
  watches: { watch: watch(deps), unwatch: unwatch(deps), mine: myWatches(deps) },
});
