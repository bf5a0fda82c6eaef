import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Pool } from 'pg';
import type { InvitationRepository } from '../../application/ports';
import { asUuid, conflict, type Invitation, type InvitationStatus } from '../../domain';
import { inTransaction, rows } from './sql';
import { MEMBER_COLUMNS, memberFromRow, roleOf, type MemberRow } from './team.repository';

interface InvitationRow {
  id: string;
  team_id: string;
  email: string;
  role: string;
  invited_by: string;
  invitee_id: string | null;
  token_hash: string;
  status: string;
  created_at: Date;
  expires_at: Date;
}

const COLUMNS = 'id, team_id, email, role, invited_by, invitee_id, token_hash, status, created_at, expires_at';
const STATUSES: readonly InvitationStatus[] = ['pending', 'accepted', 'declined', 'revoked'];

const statusOf = (s: string): InvitationStatus => {
  const status = STATUSES.find((x) => x === s);
  if (!status) throw new Error(`Corrupt invitation status: ${s}`);
  return status;
};

const fromRow = (r: InvitationRow): Invitation => ({
  id: asUuid(r.id),
  teamId: asUuid(r.team_id),
  email: r.email,
  role: roleOf(r.role),
  invitedBy: asUuid(r.invited_by),
  inviteeId: r.invitee_id === null ? null : asUuid(r.invitee_id),
  tokenHash: r.token_hash,
  status: statusOf(r.status),
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

const unavailable = conflict('This invitation is no longer open', 'invitation_unavailable');

const first = TE.map((found: Invitation[]) => O.fromNullable(found[0]));

/** Invitations in the catalog database, next to the memberships they turn into. */
export const makePgInvitationRepository = (pool: Pool): InvitationRepository => ({
  // The partial unique index on pending (team, email) is the arbiter: a re-invite updates that row.
  upsertPending: (i) =>
    pipe(
      rows(
        pool,
        `INSERT INTO invitations (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)
         ON CONFLICT (team_id, email) WHERE status = 'pending' DO UPDATE SET role = EXCLUDED.role,
           invited_by = EXCLUDED.invited_by, invitee_id = EXCLUDED.invitee_id, token_hash = EXCLUDED.token_hash,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         RETURNING ${COLUMNS}`,
        [i.id, i.teamId, i.email, i.role, i.invitedBy, i.inviteeId, i.tokenHash, i.createdAt, i.expiresAt],
        fromRow,
      ),
      TE.chain((stored) => (stored[0] ? TE.right(stored[0]) : TE.left(unavailable))),
    ),
  findById: (id) => pipe(rows(pool, `SELECT ${COLUMNS} FROM invitations WHERE id = $1`, [id], fromRow), first),
  findByTokenHash: (hash) =>
    pipe(rows(pool, `SELECT ${COLUMNS} FROM invitations WHERE token_hash = $1`, [hash], fromRow), first),
  listPendingForTeam: (teamId, now) =>
    rows(
      pool,
      `SELECT ${COLUMNS} FROM invitations WHERE team_id = $1 AND status = 'pending' AND expires_at > $2
       ORDER BY created_at, id`,
      [teamId, now],
      fromRow,
    ),
  listPendingForEmail: (email, now) =>
    rows(
      pool,
      `SELECT ${COLUMNS} FROM invitations WHERE email = $1 AND status = 'pending' AND expires_at > $2
       ORDER BY created_at, id`,
      [email, now],
      fromRow,
    ),
  close: (ref, status) =>
    pipe(
      rows(
        pool,
        `UPDATE invitations SET status = $3 WHERE id = $1 AND token_hash = $2 AND status = 'pending' RETURNING id`,
        [ref.id, ref.tokenHash, status],
        (r) => r,
      ),
      TE.chain((closed) => (closed.length > 0 ? TE.right(undefined) : TE.left(unavailable))),
    ),
  accept: (ref, userId, now) =>
    inTransaction(pool, async (c) => {
      const taken = await c.query<{ team_id: string; role: string }>(
        `UPDATE invitations SET status = 'accepted'
         WHERE id = $1 AND token_hash = $2 AND status = 'pending' AND expires_at > $3 RETURNING team_id, role`,
        [ref.id, ref.tokenHash, now],
      );
      const invitation = taken.rows[0];
      if (!invitation) return E.left(unavailable);
      // An existing membership stays as it is: accepting never demotes (or promotes) a member.
      await c.query(`INSERT INTO memberships (${MEMBER_COLUMNS}) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
        invitation.team_id,
        userId,
        invitation.role,
        now,
      ]);
      const member = await c.query<MemberRow>(
        `SELECT ${MEMBER_COLUMNS} FROM memberships WHERE team_id = $1 AND user_id = $2`,
        [invitation.team_id, userId],
      );
      return E.right(memberFromRow(member.rows[0]!));
    }),
});
