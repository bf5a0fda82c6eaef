-- Shard: one team's boards live entirely on one shard. Every primary key starts with team_id so a
-- team's rows can be copied to another shard by key range and never collide there.
-- There are no foreign keys between shard tables on purpose: a tenant move copies table by table while
-- the team keeps writing, so rows may land before their parents. The board store keeps integrity.

CREATE TABLE tenant_fence (
  team_id    uuid PRIMARY KEY,
  epoch      bigint NOT NULL,
  state      text NOT NULL CHECK (state IN ('owned', 'fenced', 'moved')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE boards (
  team_id    uuid NOT NULL,
  id         uuid NOT NULL,
  title      text NOT NULL,
  archived   boolean NOT NULL DEFAULT false,
  -- The seq of the board's latest event; bumped in the same transaction that appends the event.
  seq        bigint NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX boards_team_created_idx ON boards (team_id, created_at, id);

CREATE TABLE lists (
  team_id    uuid NOT NULL,
  id         uuid NOT NULL,
  board_id   uuid NOT NULL,
  title      text NOT NULL,
  -- fractional-indexing keys compare in byte order.
  rank       text COLLATE "C" NOT NULL,
  archived   boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX lists_board_rank_idx ON lists (team_id, board_id, rank);

CREATE TABLE cards (
  team_id       uuid NOT NULL,
  id            uuid NOT NULL,
  board_id      uuid NOT NULL,
  list_id       uuid NOT NULL,
  title         text NOT NULL,
  description   text NOT NULL DEFAULT '',
  due_date      date,
  labels        text[] NOT NULL DEFAULT '{}',
  rank          text COLLATE "C" NOT NULL,
  archived      boolean NOT NULL DEFAULT false,
  comment_count integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  created_by    uuid NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX cards_list_rank_idx ON cards (team_id, list_id, rank);
CREATE INDEX cards_board_idx ON cards (team_id, board_id);

CREATE TABLE comments (
  team_id    uuid NOT NULL,
  id         uuid NOT NULL,
  board_id   uuid NOT NULL,
  card_id    uuid NOT NULL,
  author_id  uuid NOT NULL,
  body       text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, id)
);
CREATE INDEX comments_card_idx ON comments (team_id, card_id, created_at, id);

-- The per-board event log, and the outbox for real-time fan-out.
CREATE TABLE board_events (
  team_id   uuid NOT NULL,
  board_id  uuid NOT NULL,
  seq       bigint NOT NULL,
  kind      text NOT NULL,
  data      jsonb NOT NULL,
  actor     uuid NOT NULL,
  client_id text,
  mid       text,
  at        timestamptz NOT NULL,
  PRIMARY KEY (team_id, board_id, seq),
  CHECK ((client_id IS NULL) = (mid IS NULL))
);

-- Mutation ids already applied, so a client's retry replays the original event instead of repeating it.
CREATE TABLE applied_mutations (
  team_id   uuid NOT NULL,
  client_id text NOT NULL,
  mid       text NOT NULL,
  board_id  uuid NOT NULL,
  seq       bigint NOT NULL,
  PRIMARY KEY (team_id, client_id, mid)
);
