-- Notifications (issue 15, docs/notifications.md): each person's inbox and what they watch. Both live in
-- the catalog because a person's inbox and watches span teams, and so shards.

-- One row per (person, key): deriving the same event again, on any instance, stores nothing new.
-- `n` orders the inbox (newest first) and is its page cursor.
CREATE TABLE IF NOT EXISTS notifications (
  n           bigserial PRIMARY KEY,
  id          uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key         text NOT NULL,
  kind        text NOT NULL,
  team_id     uuid NOT NULL,
  board_id    uuid,
  card_id     uuid,
  actor_id    uuid,
  actor_name  text,
  title       text NOT NULL,
  board_title text,
  excerpt     text,
  at          timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz,
  CONSTRAINT notifications_user_key UNIQUE (user_id, key)
);
-- The inbox page, newest first, and the unread count.
CREATE INDEX IF NOT EXISTS notifications_inbox_idx ON notifications (user_id, n DESC);
CREATE INDEX IF NOT EXISTS notifications_unread_idx ON notifications (user_id, team_id) WHERE read_at IS NULL;

-- A person watching a board (card_id NULL) or one card of it; each once.
CREATE TABLE IF NOT EXISTS watches (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id    uuid NOT NULL,
  board_id   uuid NOT NULL,
  card_id    uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS watches_board_key ON watches (user_id, team_id, board_id) WHERE card_id IS NULL;
CREATE UNIQUE INDEX IF NOT EXISTS watches_card_key ON watches (user_id, team_id, board_id, card_id)
  WHERE card_id IS NOT NULL;
-- Who watches a board or card, asked for every comment.
CREATE INDEX IF NOT EXISTS watches_target_idx ON watches (team_id, board_id, card_id);
