-- Idempotency keys belong to the user who sent them (wave 2, issue 12): the remembered client id is
-- prefixed with the actor's id, so one user's (client id, mid) can neither answer nor block another's,
-- and each remembered mutation keeps a fingerprint of its request so a key reused for a different
-- request is refused (422 idempotency_key_reused) instead of silently answering the first one.
ALTER TABLE applied_mutations ADD COLUMN IF NOT EXISTS fingerprint text;

-- Rows written before this migration are keyed by the bare client id; give them their actor's prefix.
-- Scoped ids contain a space (uuid, space, client id); client ids never do (REST: http:<uuid>; WS: decoded).
UPDATE applied_mutations m
   SET client_id = e.actor::text || ' ' || m.client_id
  FROM board_events e
 WHERE e.team_id = m.team_id AND e.board_id = m.board_id AND e.seq = m.seq
   AND position(' ' in m.client_id) = 0;

-- Exports read a board's comments in one query (not one per card).
CREATE INDEX IF NOT EXISTS comments_board_idx ON comments (team_id, board_id, created_at, id);
